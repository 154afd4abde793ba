#include "core/booking/booking_rules.hpp"

namespace qiao::core {

namespace {

using Reason = BookingError::Reason;
using S = BookingState;

struct Transition {
    BookingState from;
    BookingState to;
};

// The back office decides; the kiosk refuses only what cannot follow. A request can be
// put on the waiting list (another kiosk took the last seat) and a waiting one offered
// a freed seat ("requested" again). The back office may skip steps the kiosk never saw
// (confirmed straight from waiting, attended straight from requested).
constexpr Transition kAllowed[] = {
    {S::Requested, S::Waiting},   {S::Requested, S::Confirmed}, {S::Requested, S::Declined},
    {S::Requested, S::Cancelled}, {S::Requested, S::Attended},  {S::Requested, S::NoShow},
    {S::Waiting, S::Requested},   {S::Waiting, S::Confirmed},   {S::Waiting, S::Declined},
    {S::Waiting, S::Cancelled},   {S::Confirmed, S::Cancelled}, {S::Confirmed, S::Attended},
    {S::Confirmed, S::NoShow},    {S::CheckedIn, S::Attended},
};

}  // namespace

std::string plain_minutes(std::chrono::minutes span) {
    const auto n = span.count();
    if (n % 60 == 0 && n > 0) return n == 60 ? "1 hour" : std::to_string(n / 60) + " hours";
    return n == 1 ? "1 minute" : std::to_string(n) + " minutes";
}

std::optional<BookingError> why_not_bookable(const Schedule& schedule, const Service& service, const Slot& slot,
                                             WallTime now) {
    const BookingRules& rules = service.rules;
    if (now >= slot.start) return BookingError(Reason::SlotOver, "That time has already started or passed.");
    if (slot.start - now < rules.min_notice) {
        return BookingError(Reason::TooSoon, "That time starts too soon to book: booking closes " +
                                                 plain_minutes(rules.min_notice) +
                                                 " before the start. Please choose a later time.");
    }
    const LocalDate day = schedule.local_date(slot.start);
    if (schedule.closed_on(service, day)) {
        return BookingError(Reason::ClosedDay, "The service is closed that day. Please choose another day.");
    }
    if (day > add_days(schedule.local_date(now), rules.max_days_ahead)) {
        return BookingError(Reason::TooFarAhead, "That day is too far ahead: you can book up to " +
                                                     std::to_string(rules.max_days_ahead) + " days ahead.");
    }
    return std::nullopt;
}

bool cancel_allowed(const BookingRules& rules, const Booking& booking, WallTime now) {
    const bool state_ok = booking.state == S::Requested || booking.state == S::Waiting || booking.state == S::Confirmed;
    return state_ok && now <= booking.start - rules.cancel_cutoff;
}

bool check_in_allowed(const Booking& booking, WallTime now, std::chrono::minutes window) {
    const bool state_ok = booking.state == S::Confirmed || booking.state == S::Requested;
    return state_ok && now >= booking.start - window && now < booking.end;
}

bool update_allowed(BookingState from, BookingState to) {
    if (from == to) return true;
    for (const Transition& t : kAllowed) {
        if (t.from == from && t.to == to) return true;
    }
    return false;
}

}  // namespace qiao::core
