#pragma once
// EntryIntake: POST /api/v1/sync/push. Applies a kiosk's batch of outbox entries, each
// id once however often it is sent, and answers per entry. The batch is one write
// transaction (one fsync) with a savepoint per entry: an entry that is rejected is
// undone alone, and the record of its id commits with what it did.
#include <nlohmann/json.hpp>

#include "backoffice/booking_desk.hpp"
#include "backoffice/class_intake.hpp"
#include "backoffice/help_intake.hpp"
#include "backoffice/hours_ledger.hpp"

namespace qiao::backoffice {

inline constexpr std::size_t kMaxEntriesPerPush = 100;

class EntryIntake {
public:
    EntryIntake(core::Database& db, BookingDesk& bookings, HelpIntake& help, HoursLedger& hours, ClassIntake& classes)
        : db_(db), bookings_(bookings), help_(help), hours_(hours), classes_(classes) {}

    // The push request's JSON → the answer's JSON. ApiError (400/413) when the request
    // as a whole is wrong; then nothing of it was applied.
    nlohmann::json push(const Caller& kiosk, const nlohmann::json& request, Clock::time_point now);

private:
    void apply(const Caller& kiosk, const std::string& entry_id, const std::string& kind, const nlohmann::json& body,
               Clock::time_point now);

    core::Database& db_;
    BookingDesk& bookings_;
    HelpIntake& help_;
    HoursLedger& hours_;
    ClassIntake& classes_;
};

}  // namespace qiao::backoffice
