#pragma once
// PinGate: the four digits of the optional PIN, typed on the PIN keypad, for setting
// one or for opening "my bookings" / "my requests". The digits are kept here only
// until the fourth is typed; the screen sees how many there are, never which.
#include <string>

#include "core/identity/phone_pins.hpp"

namespace qiao::app {

enum class PinPurpose { Set, Check };
enum class PinOutcome { More, Set, Right, Wrong, Locked };

class PinGate {
public:
    explicit PinGate(core::PhonePins& pins) : pins_(pins) {}

    bool has_pin(const std::string& phone_digits) const { return pins_.has_pin(phone_digits); }
    void begin(PinPurpose purpose, std::string phone_digits);
    // One digit (the fourth decides). Between frames: Check and Set touch the store.
    PinOutcome key(char digit, core::WallTime now);
    std::size_t typed() const { return typed_.size(); }
    PinPurpose purpose() const { return purpose_; }
    void forget();

private:
    core::PhonePins& pins_;
    PinPurpose purpose_ = PinPurpose::Check;
    std::string phone_;
    std::string typed_;
};

}  // namespace qiao::app
