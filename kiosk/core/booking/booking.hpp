#pragma once
// Booking: a senior's place in a slot, and the states it goes through. The kiosk makes
// a booking "requested"; capacity is the back office's to enforce (two kiosks cannot
// both get the last seat), so it is the back office that confirms, declines or offers
// a seat from the waiting list (DESIGN.md, "The back office").
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/booking/schedule.hpp"

namespace qiao::core {

enum class BookingState {
    Requested,  // made here, not yet decided by the back office
    Waiting,    // the slot was full: on the waiting list
    Confirmed,
    Declined,   // with a reason, and maybe other slots to choose
    Cancelled,
    CheckedIn,  // the senior arrived and said so at the kiosk
    Attended,
    NoShow,
};

// "requested", "waiting", "confirmed", "declined", "cancelled", "checked_in",
// "attended", "no_show": the words stored and sent.
std::string_view to_string(BookingState state);
// The inverse of to_string; throws BookingError (BadUpdate) for anything else.
BookingState parse_booking_state(std::string_view text);
// Still holds (or waits for) a place: requested, waiting, confirmed, checked in.
bool is_live(BookingState state);

// What the kiosk keeps of a booking and may show: never the full number.
struct Booking {
    std::string id;    // client-made, 32 hex digits
    std::string code;  // "K7HM3X": what the senior reads out at the desk
    std::string service_id, slot_id;
    WallTime start, end;
    LocalText service_name;  // as the timetable said when it was booked
    LocalText place;
    BookingState state = BookingState::Requested;
    std::string contact_masked;  // "138****5678"
    bool for_someone_else = false;
    std::string decline_reason;                    // "" unless declined
    std::vector<std::string> alternative_slot_ids;  // offered with a decline
    WallTime created_at;
};

// A booking that cannot be made or changed. The message is plain, for the screen and
// the voice; reason() lets the screen pick what to offer next.
class BookingError : public std::runtime_error {
public:
    enum class Reason {
        UnknownService,
        UnknownSlot,
        TooSoon,
        TooFarAhead,
        ClosedDay,
        SlotOver,
        AlreadyBooked,
        BadPhone,
        PastCancelCutoff,
        CheckInNotOpen,
        NotYours,  // also for a booking id this kiosk does not hold: no hint who holds what
        WrongState,
        BadUpdate,
    };
    BookingError(Reason reason, std::string message) : std::runtime_error(std::move(message)), reason_(reason) {}
    Reason reason() const { return reason_; }

private:
    Reason reason_;
};

// The letters and digits of a booking code: none that look or sound alike on a slip
// or over a counter (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
inline constexpr std::string_view kBookingCodeAlphabet = "34679ACDEFGHJKMNPQRTUVWXY";
inline constexpr std::size_t kBookingCodeLength = 6;

// A short code a senior can read out: 6 characters from kBookingCodeAlphabet, e.g. "K7HM3X".
std::string new_booking_code();

}  // namespace qiao::core
