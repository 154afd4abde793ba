#pragma once
// HoursLedger: the hours volunteers serve, kept as a time bank keeps them. Every
// transfer is two rows whose minutes sum to 0: +minutes to the account
// volunteer:<staff id> and -minutes from site:<site id>. So a volunteer's total is
// their account's sum, the site's account says what it received, and a ledger that
// does not sum to 0 shows at once that a row was lost or written twice.
// The kiosks send what was served as `hours_served` entries (docs/sync-protocol.md).
#include <string>

#include <nlohmann/json.hpp>

#include "backoffice/staff_roster.hpp"

namespace qiao::backoffice {

// Longest stretch one entry may record: a kiosk cuts a shift left open at 12 hours.
inline constexpr int kMaxServedMinutes = 12 * 60;

inline std::string volunteer_account(const std::string& staff_id) { return "volunteer:" + staff_id; }
inline std::string site_account(const std::string& site_id) { return "site:" + site_id; }

class HoursLedger {
public:
    HoursLedger(core::Database& db, StaffRoster& roster) : db_(db), roster_(roster) {}

    // A kiosk's hours_served entry: the two rows, then the staff member's change is
    // published again with the new total. EntryRejected for a body it cannot take (the
    // staff member must be of the kiosk's site). Call inside the push's transaction.
    void take(const Caller& kiosk, const std::string& entry_id, const nlohmann::json& body, Clock::time_point now);

    // The sum of an account's rows (0 for an account with none).
    std::int64_t balance(const std::string& account) const;

private:
    core::Database& db_;
    StaffRoster& roster_;
};

}  // namespace qiao::backoffice
