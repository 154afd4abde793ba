#include "core/booking/booking.hpp"

#include <sodium.h>

#include "core/text/enum_names.hpp"

namespace qiao::core {

namespace {

constexpr EnumName<BookingState> kStateNames[] = {
    {BookingState::Requested, "requested"}, {BookingState::Waiting, "waiting"},
    {BookingState::Confirmed, "confirmed"}, {BookingState::Declined, "declined"},
    {BookingState::Cancelled, "cancelled"}, {BookingState::CheckedIn, "checked_in"},
    {BookingState::Attended, "attended"},   {BookingState::NoShow, "no_show"},
};

}  // namespace

std::string_view to_string(BookingState state) { return name_of(kStateNames, state); }

BookingState parse_booking_state(std::string_view text) {
    if (const auto state = value_of(kStateNames, text)) return *state;
    throw BookingError(BookingError::Reason::BadUpdate, "unknown booking state \"" + std::string(text) + "\"");
}

bool is_live(BookingState state) {
    return state == BookingState::Requested || state == BookingState::Waiting || state == BookingState::Confirmed ||
           state == BookingState::CheckedIn;
}

std::string new_booking_code() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
    std::string code;
    for (std::size_t i = 0; i < kBookingCodeLength; ++i) {
        // uniform() has no modulo bias: every character as likely as the next.
        code += kBookingCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kBookingCodeAlphabet.size()))];
    }
    return code;
}

}  // namespace qiao::core
