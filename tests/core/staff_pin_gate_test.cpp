#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "core/log.hpp"
#include "core/staff/staff_pin_gate.hpp"
#include "core/staff_test_support.hpp"
#include "core/storage/local_store.hpp"
#include "core/storage_temp_dir.hpp"

using namespace qiao::core;
using namespace std::chrono_literals;
using qiao::test::kMonday10;
using qiao::test::kStaffPin;
using qiao::test::staff_change;
using qiao::test::StaffDesk;

namespace {

// A wrong try that costs no argon2id check: an id nobody has. The rules count it the same.
StaffPinAnswer wrong(StaffPinGate& gate, WallTime now) { return gate.check("s-nobody", kStaffPin, now); }

void check_answer(const StaffPinAnswer& answer, StaffPinOutcome outcome, int seconds_left, int wrong_in_row) {
    CHECK(answer.outcome == outcome);
    CHECK(answer.seconds_left == seconds_left);
    CHECK(answer.wrong_in_row == wrong_in_row);
}

}  // namespace

TEST_CASE("staff PIN gate: the right PIN signs in and carries the account, a wrong one does not") {
    StaffDesk desk;
    StaffPinGate gate(desk.store.db());
    const StaffPinAnswer right = gate.check("s-wang", kStaffPin, kMonday10);
    CHECK(right.outcome == StaffPinOutcome::Right);
    REQUIRE(right.account.has_value());
    CHECK(right.account->id == "s-wang");
    CHECK(right.account->name == "Wang Wei");
    CHECK_FALSE(right.blocked());

    const StaffPinAnswer other = gate.check("s-wang", "135790", kMonday10);
    check_answer(other, StaffPinOutcome::Wrong, 0, 1);
    CHECK_FALSE(other.account.has_value());
}

TEST_CASE("staff PIN gate: unknown, revoked and PIN-less staff, and PINs that are not 6 digits, are wrong and counted") {
    StaffDesk desk;
    StaffPinGate gate(desk.store.db());
    check_answer(gate.check("s-nobody", kStaffPin, kMonday10), StaffPinOutcome::Wrong, 0, 1);
    check_answer(gate.check("s-zhao", kStaffPin, kMonday10), StaffPinOutcome::Wrong, 0, 2);  // no PIN set
    check_answer(gate.check("s-wang", "24681", kMonday10), StaffPinOutcome::Wrong, 30, 3);   // 5 digits
    desk.roster.apply(staff_change("s-li", "Li Na", "volunteer", "", false), kMonday10);
    check_answer(gate.check("s-li", kStaffPin, kMonday10 + 30s), StaffPinOutcome::Wrong, 60, 4);  // revoked
}

TEST_CASE("staff PIN gate: from the 3rd wrong PIN the next try waits 30, 60, 120 s ..., the 8th locks for 15 minutes") {
    StaffDesk desk;
    StaffPinGate gate(desk.store.db());
    WallTime t = kMonday10;
    check_answer(wrong(gate, t), StaffPinOutcome::Wrong, 0, 1);
    check_answer(wrong(gate, t), StaffPinOutcome::Wrong, 0, 2);
    check_answer(wrong(gate, t), StaffPinOutcome::Wrong, 30, 3);

    // While waiting, a try is neither checked nor counted, not even the right PIN.
    check_answer(gate.check("s-wang", kStaffPin, t + 10s), StaffPinOutcome::Wait, 20, 3);
    check_answer(gate.state(t + 29s + 500ms), StaffPinOutcome::Wait, 1, 3);  // rounded up
    check_answer(gate.state(t + 30s), StaffPinOutcome::Right, 0, 3);

    t += 30s;
    check_answer(wrong(gate, t), StaffPinOutcome::Wrong, 60, 4);
    t += 60s;
    check_answer(wrong(gate, t), StaffPinOutcome::Wrong, 120, 5);
    t += 120s;
    check_answer(wrong(gate, t), StaffPinOutcome::Wrong, 240, 6);
    t += 240s;
    check_answer(wrong(gate, t), StaffPinOutcome::Wrong, 480, 7);
    t += 480s;
    check_answer(wrong(gate, t), StaffPinOutcome::Locked, 900, 8);

    // Locked: every try answers Locked, the right PIN too, and nothing is counted.
    check_answer(gate.check("s-wang", kStaffPin, t + 14min), StaffPinOutcome::Locked, 60, 8);
    check_answer(gate.state(t + 15min - 1s), StaffPinOutcome::Locked, 1, 8);

    // The lock has run out: a fresh start of tries.
    check_answer(gate.state(t + 15min), StaffPinOutcome::Right, 0, 0);
    check_answer(wrong(gate, t + 15min), StaffPinOutcome::Wrong, 0, 1);
    const StaffPinAnswer right = gate.check("s-wang", kStaffPin, t + 15min);
    CHECK(right.outcome == StaffPinOutcome::Right);

    CHECK(StaffPinGate::wait_after(2) == 0s);
    CHECK(StaffPinGate::wait_after(3) == 30s);
    CHECK(StaffPinGate::wait_after(7) == 480s);
}

TEST_CASE("staff PIN gate: the right PIN resets the count") {
    StaffDesk desk;
    StaffPinGate gate(desk.store.db());
    wrong(gate, kMonday10);
    wrong(gate, kMonday10);
    CHECK(gate.check("s-li", kStaffPin, kMonday10).outcome == StaffPinOutcome::Right);
    check_answer(gate.state(kMonday10), StaffPinOutcome::Right, 0, 0);
    check_answer(wrong(gate, kMonday10), StaffPinOutcome::Wrong, 0, 1);  // not the 3rd: no wait
}

TEST_CASE("staff PIN gate: the count, the wait and the lock survive closing and opening the store") {
    qiao::test::StorageTempDir dir("staff-pin-gate");
    Log log([](LogLevel, std::string_view) {});
    {
        LocalStore store = LocalStore::open_in(dir.path(), log);
        StaffPinGate gate(store.db());
        wrong(gate, kMonday10);
        wrong(gate, kMonday10);
        check_answer(wrong(gate, kMonday10), StaffPinOutcome::Wrong, 30, 3);
    }
    {
        LocalStore store = LocalStore::open_in(dir.path(), log);
        StaffPinGate gate(store.db());
        check_answer(gate.state(kMonday10 + 5s), StaffPinOutcome::Wait, 25, 3);
        WallTime t = kMonday10 + 30s;
        for (int n = 4; n <= 7; ++n) {
            const StaffPinAnswer answer = wrong(gate, t);
            CHECK(answer.outcome == StaffPinOutcome::Wrong);
            t += std::chrono::seconds(answer.seconds_left);
        }
        check_answer(wrong(gate, t), StaffPinOutcome::Locked, 900, 8);
    }
    LocalStore store = LocalStore::open_in(dir.path(), log);
    StaffPinGate gate(store.db());
    const StaffPinAnswer later = gate.state(kMonday10 + 30s + 60s + 120s + 240s + 480s + 10min);
    check_answer(later, StaffPinOutcome::Locked, 300, 8);
}

TEST_CASE("staff PIN gate: a wall clock set back never locks staff out for longer than 15 minutes") {
    StaffDesk desk;
    StaffPinGate gate(desk.store.db());
    WallTime t = kMonday10;
    for (int n = 1; n <= 7; ++n) t += std::chrono::seconds(wrong(gate, t).seconds_left);
    CHECK(wrong(gate, t).outcome == StaffPinOutcome::Locked);
    // The clock goes back a day (a kiosk without a clock battery): still at most 15 minutes.
    const WallTime back = t - 24h;
    check_answer(gate.check("s-nobody", kStaffPin, back), StaffPinOutcome::Locked, 900, 8);
    check_answer(gate.state(back + 15min), StaffPinOutcome::Right, 0, 0);
}
