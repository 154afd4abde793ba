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

// A rebook: moved, or the slot asked for was full (with up to two later slots of its
// service that have a seat). `booking` is filled in by whoever shows it (VolunteerDesk).
struct RebookResult {
    bool moved = false;
    nlohmann::json booking;
    nlohmann::json alternatives = nlohmann::json::array();
};

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

    // A class_held entry's booking of the site: confirmed or checked_in becomes attended
    // (its kiosk hears it). Returns the booking's state afterwards; "" when the site has
    // no such booking.
    std::string attend_class(const std::string& site_id, const std::string& booking_id, Clock::time_point now);

    // Staff: moves a confirmed, checked-in or waiting booking to another open future slot
    // of the site's timetable with a seat free. It keeps its id and code and becomes
    // confirmed there; a seat it held goes to the old slot's first waiting booking.
    // Asking for the slot it already holds changes nothing (a retried request). ApiError
    // 404 (no such booking at this site), 409 conflict (cancelled, declined, attended,
    // no_show), 400 (no such slot, or it has begun). Call inside a transaction.
    RebookResult rebook(const Caller& staff, const std::string& booking_id, const std::string& slot_id,
                        Clock::time_point now);

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
