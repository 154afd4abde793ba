#pragma once
// StaffPinGate: staff sign-in at the kiosk, the stricter sibling of the seniors' PIN
// lock (identity/phone_pins.hpp). A staff PIN opens the site's help queue and bookings,
// so guessing is slowed for the whole kiosk, across every account, not per account (a
// guesser would otherwise walk the list of names):
//   - the 3rd wrong PIN in a row, and every one after, makes the next try wait
//     30 s, then 60 s, 120 s, 240 s, 480 s;
//   - the 8th wrong PIN in a row locks staff sign-in on this kiosk for 15 minutes;
//     when the lock has run out, the count starts again;
//   - a right PIN resets the count.
// An unknown, revoked or PIN-less account, or a PIN that is not 6 digits, is Wrong and
// counted like any other wrong PIN. The count, the wait and the lock are kept in the store
// (staff_pin_guard), so pulling the plug does not hand out fresh tries: the try is
// counted BEFORE the slow hash is checked, and taken back only when the PIN was right.
#include <chrono>
#include <optional>
#include <string>

#include "core/booking/wall_time.hpp"
#include "core/staff/staff_account.hpp"
#include "core/storage/database.hpp"

namespace qiao::core {

enum class StaffPinOutcome {
    Right,   // signed in (or, from state(): nothing stands in the way of a try)
    Wrong,   // counted; seconds_left says how long the next try must wait (0: none)
    Wait,    // too soon after a wrong PIN: not checked, not counted
    Locked,  // too many wrong PINs: staff sign-in is shut on this kiosk for a while
};

struct StaffPinAnswer {
    StaffPinOutcome outcome = StaffPinOutcome::Wrong;
    int seconds_left = 0;  // whole seconds (rounded up) until a try is taken again
    int wrong_in_row = 0;  // wrong PINs in a row so far (for the screen's wording)
    std::optional<StaffAccount> account;  // who signed in, with Right from check()

    // Wait or Locked: the screen shows the countdown instead of the keypad.
    bool blocked() const { return outcome == StaffPinOutcome::Wait || outcome == StaffPinOutcome::Locked; }
};

inline constexpr int kStaffPinFreeWrongTries = 2;      // wrong PINs in a row before the first wait
inline constexpr int kStaffPinLockAfter = 8;           // the wrong PIN in a row that locks
inline constexpr std::chrono::seconds kStaffPinFirstWait{30};  // doubles with each wrong PIN after
inline constexpr std::chrono::minutes kStaffPinLockTime{15};

class StaffPinGate {
public:
    explicit StaffPinGate(Database& db) : db_(db) {}

    // Checks pin for the staff member (about 0.1-0.5 s: argon2id). Right carries the
    // account. Throws StorageError if the store fails.
    StaffPinAnswer check(const std::string& staff_id, const std::string& pin, WallTime now);
    // What a try would meet now, without trying: Wait or Locked with seconds_left, or
    // Right with seconds_left 0 when a PIN would be checked.
    StaffPinAnswer state(WallTime now) const;

    // How long the next try waits after the n-th wrong PIN in a row (0 before the 3rd).
    static std::chrono::seconds wait_after(int wrong_in_row);

private:
    Database& db_;
};

}  // namespace qiao::core
