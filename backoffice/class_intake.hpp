#pragma once
// ClassIntake: a class a volunteer held at a kiosk (`class_held`, docs/sync-protocol.md).
// The bookings of the class the volunteer ticked become attended (their kiosks hear
// it), everyone present gets the lesson's completion (a booked senior as
// "booking:<id>", a walk-in as the kiosk's salted learner id: no phone number comes
// here), and the class is kept for the record. The volunteer's hours for it come in
// their own hours_served entry (HoursLedger).
#include <string>

#include <nlohmann/json.hpp>

#include "backoffice/booking_desk.hpp"
#include "backoffice/staff_roster.hpp"

namespace qiao::backoffice {

// More than a room holds, less than a body that would slow the push.
inline constexpr std::size_t kMaxClassAttendees = 500;

class ClassIntake {
public:
    ClassIntake(core::Database& db, BookingDesk& bookings, StaffRoster& roster)
        : db_(db), bookings_(bookings), roster_(roster) {}

    // EntryRejected for a body it cannot take (the volunteer must be of the kiosk's
    // site). A class already recorded under its id (sent again under a new entry id)
    // changes nothing. Call inside the push's transaction.
    void take(const Caller& kiosk, const std::string& entry_id, const nlohmann::json& body, Clock::time_point now);

private:
    void complete(const Caller& kiosk, const std::string& completion_id, const nlohmann::json& body,
                  const std::string& learner);

    core::Database& db_;
    BookingDesk& bookings_;
    StaffRoster& roster_;
};

}  // namespace qiao::backoffice
