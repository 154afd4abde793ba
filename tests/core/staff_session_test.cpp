#include <doctest/doctest.h>

#include <chrono>

#include "core/staff/staff_session.hpp"
#include "core/staff_test_support.hpp"

using namespace qiao::core;
using namespace std::chrono_literals;
using qiao::test::kMonday10;

namespace {

StaffAccount volunteer() {
    StaffAccount account;
    account.id = "s-wang";
    account.name = "Wang Wei";
    account.active = true;
    account.pin_hash = "$argon2id$not-checked-here";
    return account;
}

}  // namespace

TEST_CASE("staff session: signed out after 5 untouched minutes, each touch counts from then") {
    ManualClock clock;
    const TimePoint start = clock.now();
    StaffSession session(volunteer(), kMonday10, start);
    CHECK(session.account().id == "s-wang");
    CHECK(session.since() == kMonday10);
    CHECK_FALSE(session.is_manager());
    CHECK(session.idle_limit() == std::chrono::duration_cast<Duration>(5min));
    CHECK(session.seconds_left(start) == 300);
    CHECK(session.deadline() == start + 5min);

    CHECK(session.seconds_left(start + 4min + 59s + 1ms) == 1);  // rounded up
    CHECK_FALSE(session.expired(start + 4min + 59s));
    session.touch(start + 4min);
    CHECK(session.last_touch() == start + 4min);
    CHECK_FALSE(session.expired(start + 8min + 59s));
    CHECK(session.seconds_left(start + 8min) == 60);
    CHECK(session.expired(start + 9min));
    CHECK(session.seconds_left(start + 9min) == 0);

    // A touch after it expired does not bring it back.
    session.touch(start + 9min + 1s);
    CHECK(session.expired(start + 9min + 1s));
}

TEST_CASE("staff session: a shorter idle limit, and a manager's session says so") {
    ManualClock clock;
    StaffAccount manager = volunteer();
    manager.role = StaffRole::Manager;
    StaffSession session(manager, kMonday10, clock.now(), 90s);
    CHECK(session.is_manager());
    CHECK_FALSE(session.expired(clock.now() + 89s));
    CHECK(session.expired(clock.now() + 90s));
}
