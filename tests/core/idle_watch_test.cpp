#include <doctest/doctest.h>

#include "core/idle/idle_watch.hpp"

using namespace qiao::core;
using namespace std::chrono_literals;

TEST_CASE("an empty kiosk sleeps with no deadline at all") {
    IdleWatch w(180s, 30s);
    ManualClock clock;
    CHECK(w.phase(clock.now()) == IdlePhase::Asleep);
    CHECK_FALSE(w.next_deadline(clock.now()).has_value());
}

TEST_CASE("three minutes untouched warns, thirty seconds later it expires") {
    IdleWatch w(180s, 30s);
    ManualClock clock;
    w.touched(clock.now());
    CHECK(w.phase(clock.now()) == IdlePhase::Active);
    CHECK(*w.next_deadline(clock.now()) == clock.now() + 180s);
    clock.advance(179s);
    CHECK(w.phase(clock.now()) == IdlePhase::Active);
    clock.advance(1s);
    CHECK(w.phase(clock.now()) == IdlePhase::Warning);
    CHECK(w.warning_seconds_left(clock.now()) == 30);
    clock.advance(500ms);
    CHECK(w.warning_seconds_left(clock.now()) == 30);  // rounded up: never shows 0 too early
    CHECK(*w.next_deadline(clock.now()) == clock.now() + 500ms);
    clock.advance(29s);
    CHECK(w.warning_seconds_left(clock.now()) == 1);
    clock.advance(500ms);
    CHECK(w.phase(clock.now()) == IdlePhase::Expired);
}

TEST_CASE("a touch during the warning starts the wait over, and reset sleeps") {
    IdleWatch w(60s, 10s);
    ManualClock clock;
    w.touched(clock.now());
    clock.advance(65s);
    REQUIRE(w.phase(clock.now()) == IdlePhase::Warning);
    w.touched(clock.now());
    CHECK(w.phase(clock.now()) == IdlePhase::Active);
    clock.advance(59s);
    CHECK(w.phase(clock.now()) == IdlePhase::Active);
    w.reset();
    CHECK(w.phase(clock.now()) == IdlePhase::Asleep);
}
