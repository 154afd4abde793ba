#include "app/pin_gate.hpp"

#include <utility>

namespace qiao::app {

void PinGate::begin(PinPurpose purpose, std::string phone_digits) {
    purpose_ = purpose;
    phone_ = std::move(phone_digits);
    typed_.clear();
}

PinOutcome PinGate::key(char digit, core::WallTime now) {
    if (digit < '0' || digit > '9' || phone_.empty()) return PinOutcome::More;
    typed_.push_back(digit);
    if (typed_.size() < 4) return PinOutcome::More;
    const std::string pin = std::exchange(typed_, std::string());
    if (purpose_ == PinPurpose::Set) {
        pins_.set_pin(phone_, pin);
        return PinOutcome::Set;
    }
    switch (pins_.check(phone_, pin, now)) {
    case core::PinCheck::Right: return PinOutcome::Right;
    case core::PinCheck::Wrong: return PinOutcome::Wrong;
    case core::PinCheck::Locked: return PinOutcome::Locked;
    }
    return PinOutcome::Wrong;
}

void PinGate::forget() {
    phone_.clear();
    typed_.clear();
}

}  // namespace qiao::app
