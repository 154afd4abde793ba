#pragma once
// BookingDesk: the back office's side of booking (docs/sync-protocol.md, "How bookings
// are decided"). Capacity is enforced here, inside the push's write transaction, so two
// kiosks can never both get the last seat; a freed seat goes to the oldest waiting
// booking of the slot. Every decision is published to the kiosk that made the booking.
#include <string>

#include <nlohmann/json.hpp>

#include "backoffice/change_feed.hpp"
#include "backoffice/enrolment.hpp"
#include "backoffice/site_timetables.hpp"

namespace qiao::backoffice {

class BookingDesk {
public:
    BookingDesk(core::Database& db, ChangeFeed& feed, SiteTimetables& timetables)
        : db_(db), feed_(feed), timetables_(timetables) {}

    // A kiosk's booking_request (waitlist false) or booking_waitlist entry. Throws
    // EntryRejected for a body it cannot read. Call inside a transaction.
    void take(const Caller& kiosk, const nlohmann::json& body, bool waitlist, Clock::time_point now);
    void cancel(const Caller& kiosk, const nlohmann::json& body, Clock::time_point now);
    void check_in(const Caller& kiosk, const nlohmann::json& body, Clock::time_point now);

    // Staff: attended or no_show (with a reason). ApiError for an unknown booking or outcome.
    void record_attendance(const Caller& staff, const std::string& booking_id, const std::string& outcome,
                           const std::string& reason, Clock::time_point now);

    // Confirmed (and checked-in, attended) bookings of a slot.
    int seats_taken(const std::string& site_id, const std::string& slot_id) const;

private:
    void decide(const std::string& booking_id, const std::string& kiosk_id, const std::string& site_id,
                const std::string& state, const std::string& reason, const nlohmann::json& alternatives,
                Clock::time_point now);
    void offer_freed_seat(const std::string& site_id, const std::string& slot_id, Clock::time_point now);
    nlohmann::json alternatives(const core::Schedule& schedule, const core::Slot& slot, const std::string& site_id,
                                Clock::time_point now) const;

    core::Database& db_;
    ChangeFeed& feed_;
    SiteTimetables& timetables_;
};

}  // namespace qiao::backoffice
