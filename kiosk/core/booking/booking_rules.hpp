#pragma once
// The booking rules as pure functions of the timetable, a booking and the time: no
// store, so every edge (a minute before the cut-off, the minute of it) is cheap to test.
#include <chrono>
#include <optional>

#include "core/booking/booking.hpp"
#include "core/booking/schedule.hpp"

namespace qiao::core {

// Why the slot cannot be booked at `now` (SlotOver, TooSoon, ClosedDay, TooFarAhead,
// with a plain message), or nullopt when it can.
std::optional<BookingError> why_not_bookable(const Schedule& schedule, const Service& service, const Slot& slot,
                                             WallTime now);

// A senior may cancel a requested, waiting or confirmed booking until the service's
// cancel cut-off before the start (cut-off included).
bool cancel_allowed(const BookingRules& rules, const Booking& booking, WallTime now);

// Check-in is open from `window` before the start until the end (start - window
// included, end excluded), for a confirmed or requested booking.
bool check_in_allowed(const Booking& booking, WallTime now, std::chrono::minutes window);

// What the back office may say next about a booking in state `from`. Saying the state
// it is already in is allowed (a resent update changes nothing).
bool update_allowed(BookingState from, BookingState to);

// "1 hour", "90 minutes", "2 hours": a span said plainly.
std::string plain_minutes(std::chrono::minutes span);

}  // namespace qiao::core
