#pragma once
// BookingService: booking a class, one-to-one help or a health check at the kiosk
// (issue 4, "Book"). It holds the timetable the site manager loaded, offers the days
// and times that can still be booked, and stores each booking with its outbox entry in
// one Transaction, network or no network. Capacity is the back office's to enforce;
// the kiosk counts its own undecided requests against the last figure it was given so
// it does not offer seats it has already handed out.
//
// Who calls what once the back office acknowledges a "booking_request" or
// "booking_waitlist" outbox entry (the sync worker, a later issue):
//   1. BookingService::acknowledged(body["id"]): the full number goes; the row keeps
//      the masked number and the salted hash for "my bookings".
//   2. Outbox::acknowledge({entry id}): the entry, which carries the full number, goes.
// In that order, as for help requests (help_desk.hpp says why).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/booking/booking.hpp"
#include "core/booking/schedule.hpp"
#include "core/outbox/outbox.hpp"
#include "core/storage/database.hpp"

namespace qiao::core {

struct DayChoice {
    LocalDate date;
    int open_slots = 0;  // bookable now and not full
};

struct SlotChoice {
    Slot slot;
    int seats_left = 0;  // the back office's figure less this kiosk's own undecided requests
    bool full = false;   // booking it puts the senior on the waiting list
};

struct BookingDraft {
    std::string slot_id;
    std::string phone_digits;
    bool for_someone_else = false;
};

class BookingService {
public:
    // Reads the stored timetable, if any, and keeps it in memory. A stored timetable
    // that no longer reads (it never should: it was checked when loaded) leaves the
    // service without one and says why in schedule_problem().
    BookingService(Database& db, Outbox& outbox);

    // Replaces the stored timetable whole, in one transaction; bookings are kept (each
    // holds what it shows). source says where it came from ("usb:/media/...").
    void load_schedule(Schedule schedule, std::string_view source, WallTime now);
    const Schedule* schedule() const { return schedule_ ? &*schedule_ : nullptr; }
    // Reads the stored timetable again: another connection (the sync worker) stored a
    // new one. A timetable that does not read keeps the one in use (schedule_problem()).
    void reload_schedule();
    const std::string& schedule_problem() const { return schedule_problem_; }

    // The next `count` dates from today that are not closed and have at least one slot
    // that can be booked now. A day whose slots are all full still counts (it offers
    // the waiting list); open_slots counts the ones not full.
    std::vector<DayChoice> open_days(const std::string& service_id, WallTime now, int count = 7) const;
    // The slots of that day that can be booked now (min notice, max days ahead), sorted.
    std::vector<SlotChoice> slots_on(const std::string& service_id, LocalDate day, WallTime now) const;

    // Checks the draft (the slot can be booked now, a plausible mobile number, that number
    // holds no live booking for the slot) and stores the booking — "requested", or
    // "waiting" when the slot is full — with its "booking_request" or "booking_waitlist"
    // outbox entry in one Transaction. Throws BookingError (nothing stored) for a draft
    // that cannot be booked, StorageError if the store fails (nothing stored either).
    Booking request(const BookingDraft& draft, WallTime now);
    // Only the number that booked it (NotYours), only from requested, waiting or
    // confirmed (WrongState), only until the service's cancel cut-off before the start
    // (PastCancelCutoff). State "cancelled" and a "booking_cancel" entry, together.
    void cancel(const std::string& booking_id, const std::string& phone_digits, WallTime now);
    // Only the number that booked it, only a confirmed or requested booking (WrongState),
    // only from `window` before the start until the end (CheckInNotOpen). State
    // "checked_in" and a "booking_check_in" entry, together.
    void check_in(const std::string& booking_id, const std::string& phone_digits, WallTime now,
                  std::chrono::minutes window);

    bool can_cancel(const Booking& booking, WallTime now) const;
    bool check_in_open(const Booking& booking, WallTime now, std::chrono::minutes window) const;
    // The cancel cut-off of the booking's service (the default if the service is gone).
    std::chrono::minutes cancel_cutoff(const Booking& booking) const;

    // "My bookings", found by the salted hash (before and after the full number was
    // cleared): upcoming ones first, soonest first, then past ones of the last 90 days,
    // newest first. The first form asks the system clock for now.
    std::vector<Booking> bookings_for_phone(const std::string& digits) const;
    std::vector<Booking> bookings_for_phone(const std::string& digits, WallTime now) const;
    std::optional<Booking> find(const std::string& booking_id) const;
    // The slots the back office offered instead (with a decline) that can still be booked.
    std::vector<SlotChoice> alternatives(const Booking& booking, WallTime now) const;

    // What the back office decided (from the sync worker, and from tours):
    //   {"kind":"booking","id":"<booking id>","state":"confirmed|declined|attended|no_show|cancelled|requested|waiting",
    //    "reason":"...","alternatives":["slot id",...]}
    // "requested" after "waiting" means a freed seat was offered to the first in line;
    // "waiting" after "requested" means another kiosk got the last seat first. The same
    // state again changes nothing but the reason and alternatives (a resent update); a
    // "confirmed" or "requested" for a booking already checked in is stale and ignored.
    // Anything else that cannot follow, unknown ids and malformed updates throw
    // BookingError(BadUpdate) and change nothing.
    // With "moved_to":{"service_id","slot_id","starts_at","ends_at"} (staff rebooked it;
    // state "confirmed") the booking keeps its id and code and gets the new service, slot
    // and times, and the new slot's name and place where this kiosk's timetable has them.
    // Only a requested, waiting, confirmed or checked-in booking moves (a checked-in one
    // is confirmed again: the senior checks in at the new time).
    void apply_update(const nlohmann::json& update, WallTime now);
    // The back office has the booking: forget the full number (the masked one and the
    // salted hash stay). Unknown ids and repeated calls do nothing more.
    void acknowledged(const std::string& booking_id);

private:
    std::string contact_hash(std::string_view digits) const;
    SlotChoice choice_for(const Slot& slot) const;
    // The stored booking, if it is there and was made with this number; else NotYours.
    Booking owned_booking(const std::string& booking_id, const std::string& phone_digits) const;
    void apply_move(const Booking& booking, const std::string& service_id, const std::string& slot_id, WallTime start,
                    WallTime end, const std::string& reason, WallTime now);
    void change_state(const Booking& booking, BookingState state, std::string_view outbox_kind,
                      const nlohmann::json& body, WallTime now);

    Database& db_;
    Outbox& outbox_;
    std::optional<Schedule> schedule_;
    std::string schedule_problem_;
};

}  // namespace qiao::core
