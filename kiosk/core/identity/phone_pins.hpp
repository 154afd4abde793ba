#pragma once
// PhonePins: the optional 4-digit PIN a senior can put on their phone number, so a
// neighbour who knows the number cannot read or cancel their bookings at the kiosk.
// Only a salted, keyed hash is stored, under the number's salted hash; five wrong
// tries in a row lock the number for 15 minutes.
//
// Four digits are 10,000 guesses: the hash keeps the PIN out of sight in the store,
// the lock is what stops guessing at the screen. Whoever holds the store file and its
// salt can try them all; that is accepted, as the PIN guards bookings, not money.
#include <chrono>
#include <string>

#include "core/booking/wall_time.hpp"
#include "core/storage/database.hpp"

namespace qiao::core {

enum class PinCheck { Right, Wrong, Locked };

inline constexpr int kPinMaxWrongTries = 5;
inline constexpr std::chrono::minutes kPinLockTime{15};

class PhonePins {
public:
    explicit PhonePins(Database& db) : db_(db) {}

    bool has_pin(const std::string& phone_digits) const;
    // Exactly 4 digits, else std::invalid_argument with a plain message. Replaces any
    // old PIN and clears a lock. Makes the kiosk's salt if there is none yet.
    void set_pin(const std::string& phone_digits, const std::string& pin);
    // Right resets the count of wrong tries. The fifth wrong one in a row locks the
    // number until now + 15 minutes and answers Locked; while locked every try, right
    // or wrong, answers Locked and is not counted. A number without a PIN answers Wrong
    // (ask has_pin first).
    PinCheck check(const std::string& phone_digits, const std::string& pin, WallTime now);
    // The PIN is gone (the senior asked at the desk); the number is open again.
    void remove_pin(const std::string& phone_digits);

private:
    Database& db_;
};

}  // namespace qiao::core
