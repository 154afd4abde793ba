#include "core/staff/staff_pin_gate.hpp"

#include <algorithm>

#include "core/staff/staff_pin_hash.hpp"
#include "core/staff/staff_roster.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::core {

namespace {

static constexpr char kSelectSql[] = "SELECT wrong_in_row, wait_until, locked_until FROM staff_pin_guard WHERE id = 1";
static constexpr char kStoreSql[] =
    "INSERT OR REPLACE INTO staff_pin_guard (id, wrong_in_row, wait_until, locked_until) VALUES (1, ?, ?, ?)";

struct Guard {
    int wrong_in_row = 0;
    std::optional<WallTime> wait_until;
    std::optional<WallTime> locked_until;
};

Guard read_guard(Database& db) {
    Guard guard;
    Statement select(db, kSelectSql);
    if (!select.step()) return guard;  // the row is made by the migration; a lost one is a fresh start
    guard.wrong_in_row = static_cast<int>(std::max<std::int64_t>(0, select.column_int(0)));
    guard.wait_until = parse_utc_text(select.column_text(1));
    guard.locked_until = parse_utc_text(select.column_text(2));
    return guard;
}

void store_guard(Database& db, const Guard& guard) {
    Statement store(db, kStoreSql);
    store.bind(1, guard.wrong_in_row)
        .bind(2, guard.wait_until ? iso8601_utc_ms(*guard.wait_until) : std::string())
        .bind(3, guard.locked_until ? iso8601_utc_ms(*guard.locked_until) : std::string());
    store.run();
}

int seconds_until(WallTime until, WallTime now) {
    const auto left = std::chrono::ceil<std::chrono::seconds>(until - now);
    return static_cast<int>(std::max<std::chrono::seconds::rep>(0, left.count()));
}

// The wall clock can be set back (a kiosk without a clock battery, fixed by NTP later):
// a deadline further off than its whole length is brought back to now + that length,
// so a clock set back never locks staff out for longer than the rules say.
void keep_within(std::optional<WallTime>& until, WallTime now, std::chrono::seconds longest) {
    if (until && *until - now > longest) until = now + longest;
}

// Wait or Locked if the guard stands in the way now; nullopt when a try is taken.
std::optional<StaffPinAnswer> blocked_by(const Guard& guard, WallTime now) {
    StaffPinAnswer answer;
    answer.wrong_in_row = guard.wrong_in_row;
    if (guard.locked_until && now < *guard.locked_until) {
        answer.outcome = StaffPinOutcome::Locked;
        answer.seconds_left = seconds_until(*guard.locked_until, now);
        return answer;
    }
    if (guard.wait_until && now < *guard.wait_until) {
        answer.outcome = StaffPinOutcome::Wait;
        answer.seconds_left = seconds_until(*guard.wait_until, now);
        return answer;
    }
    return std::nullopt;
}

}  // namespace

std::chrono::seconds StaffPinGate::wait_after(int wrong_in_row) {
    if (wrong_in_row <= kStaffPinFreeWrongTries) return std::chrono::seconds(0);
    const int doublings = std::min(wrong_in_row - kStaffPinFreeWrongTries - 1, 20);
    return kStaffPinFirstWait * (1 << doublings);
}

StaffPinAnswer StaffPinGate::state(WallTime now) const {
    Guard guard = read_guard(db_);
    keep_within(guard.locked_until, now, kStaffPinLockTime);
    keep_within(guard.wait_until, now, wait_after(std::max(guard.wrong_in_row, kStaffPinFreeWrongTries + 1)));
    if (auto blocked = blocked_by(guard, now)) return *blocked;
    StaffPinAnswer answer;
    answer.outcome = StaffPinOutcome::Right;
    answer.wrong_in_row = guard.locked_until ? 0 : guard.wrong_in_row;  // a lock run out is a fresh start
    return answer;
}

StaffPinAnswer StaffPinGate::check(const std::string& staff_id, const std::string& pin, WallTime now) {
    // 1. Count the try as wrong, durably, before the slow check: a kiosk switched off
    //    during the check has used the try up.
    Guard before;
    Guard counted;
    {
        Transaction transaction(db_);
        before = read_guard(db_);
        keep_within(before.locked_until, now, kStaffPinLockTime);
        keep_within(before.wait_until, now, wait_after(std::max(before.wrong_in_row, kStaffPinFreeWrongTries + 1)));
        if (auto blocked = blocked_by(before, now)) {
            store_guard(db_, before);  // a deadline brought back stays brought back
            transaction.commit();
            return *blocked;
        }
        if (before.locked_until) before = Guard{};  // the lock has run out: a fresh start
        counted.wrong_in_row = before.wrong_in_row + 1;
        if (counted.wrong_in_row >= kStaffPinLockAfter) {
            counted.locked_until = now + kStaffPinLockTime;
        } else if (const auto wait = wait_after(counted.wrong_in_row); wait.count() > 0) {
            counted.wait_until = now + wait;
        }
        store_guard(db_, counted);
        transaction.commit();
    }

    // 2. The slow check, outside any transaction: the sync worker is not kept waiting.
    const auto account = StaffRoster(db_).find(staff_id);
    const bool right = account && account->can_sign_in() && is_valid_staff_pin(pin) &&
                       staff_pin_matches(account->pin_hash, pin);

    StaffPinAnswer answer;
    if (right) {
        // 3. Right: the count goes back to nothing.
        Transaction transaction(db_);
        store_guard(db_, Guard{});
        transaction.commit();
        answer.outcome = StaffPinOutcome::Right;
        answer.account = account;
        return answer;
    }
    answer.wrong_in_row = counted.wrong_in_row;
    if (counted.locked_until) {
        answer.outcome = StaffPinOutcome::Locked;
        answer.seconds_left = seconds_until(*counted.locked_until, now);
    } else {
        answer.outcome = StaffPinOutcome::Wrong;
        answer.seconds_left = counted.wait_until ? seconds_until(*counted.wait_until, now) : 0;
    }
    return answer;
}

}  // namespace qiao::core
