#pragma once
// StaffRoster: a site's staff as its kiosks know them (docs/sync-protocol.md, "Staff at
// the kiosk"). Adding a staff member, giving them a new PIN, revoking them, and every
// change of their hours publish one `staff` change to all the site's kiosks, which
// check a typed PIN against its argon2id hash offline. It also says who a kiosk acts
// for when it calls a staff endpoint with X-Qiao-Staff.
//
// A PIN is hashed before any transaction begins: each hash takes about 0.1-0.5 s and
// 64 MiB, and the database's write lock must not wait on it. The PIN itself is never
// stored, logged or put in a message.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backoffice/change_feed.hpp"
#include "backoffice/enrolment.hpp"

namespace qiao::backoffice {

// The header a kiosk sends, beside its device token, to act for the staff member
// signed in on it.
inline constexpr char kActingStaffHeader[] = "X-Qiao-Staff";

struct StaffMember {
    std::string id, site_id, name, role;
    std::string pin_hash;  // "" while no PIN was set, and once revoked
    bool active = true;    // not revoked
    std::int64_t hours_minutes = 0;  // the balance of their ledger account
};

class StaffRoster {
public:
    StaffRoster(core::Database& db, Enrolment& enrolment, ChangeFeed& feed)
        : db_(db), enrolment_(enrolment), feed_(feed) {}

    // A new staff member with their token (shown once) and, if given, their PIN (without
    // one they cannot sign in at a kiosk until `set_pin`). ApiError 400 for a PIN that is
    // not 6 digits (checked first: nothing is added), or as Enrolment::add_staff.
    StaffToken add(const std::string& site_id, const std::string& name, const std::string& role,
                   const std::optional<std::string>& pin, Clock::time_point now);
    // Replaces the staff member's PIN. ApiError 400 (not 6 digits), 404 (no such staff
    // member), 409 (revoked: they must be added again).
    void set_pin(const std::string& staff_id, const std::string& pin);
    // Refuses their token, forgets their PIN, and tells the kiosks (which sign them out
    // and no longer take them). ApiError 404 for an unknown id.
    void revoke(const std::string& staff_id, Clock::time_point now);

    // Publishes the staff member's change as it is now. Call inside the caller's
    // transaction, after what changed it.
    void tell_kiosks(const std::string& staff_id);

    std::optional<StaffMember> member(const std::string& staff_id) const;
    // The site's staff (every site's with site_id ""), revoked ones too, by site and name.
    std::vector<StaffMember> members(const std::string& site_id) const;

    // Who a kiosk acts for (X-Qiao-Staff): a caller with the staff member's id, name and
    // role. ApiError 403 unless they are staff of the kiosk's site and not revoked.
    Caller acting_for(const Caller& kiosk, const std::string& staff_id) const;

private:
    core::Database& db_;
    Enrolment& enrolment_;
    ChangeFeed& feed_;
};

// The `staff` change kiosks pull for this member.
nlohmann::json staff_change(const StaffMember& member);

}  // namespace qiao::backoffice
