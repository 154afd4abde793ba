#include <doctest/doctest.h>

#include "core/touch/tap_recognizer.hpp"

using namespace qiao::core;
using namespace std::chrono_literals;

namespace {

TapRecognizer recognizer() {
    TapRecognizer r({21.0f, 400ms});
    r.set_targets({{"next", Rect{100, 100, 200, 120}}, {"back", Rect{400, 100, 200, 120}}});
    return r;
}

}  // namespace

TEST_CASE("a control acts when the finger lifts inside it, not when it lands") {
    auto r = recognizer();
    const TimePoint t{};
    r.press(150, 150, t);
    CHECK(r.armed_target() == std::optional<std::string>("next"));
    CHECK(r.take_events().empty());  // nothing happens on landing
    const auto e = r.release(160, 150, t + 100ms);
    REQUIRE(e);
    CHECK(e->outcome == TapOutcome::Activated);
    CHECK(e->target_id == "next");
}

TEST_CASE("a finger that slides a few millimetres past the edge still counts") {
    auto r = recognizer();
    const TimePoint t{};
    r.press(290, 150, t);
    r.move(310, 150);  // 10 px beyond the right edge, inside the 21 px slop
    CHECK(r.armed_target().has_value());
    const auto e = r.release(310, 150, t + 200ms);
    REQUIRE(e);
    CHECK(e->outcome == TapOutcome::Activated);
}

TEST_CASE("a finger that slides away cancels, visibly, and coming back does not re-arm") {
    auto r = recognizer();
    const TimePoint t{};
    r.press(150, 150, t);
    r.move(150, 260);  // 40 px below the bottom edge: beyond the slop
    CHECK_FALSE(r.armed_target().has_value());
    r.move(150, 150);
    CHECK_FALSE(r.armed_target().has_value());
    const auto e = r.release(150, 150, t + 300ms);
    REQUIRE(e);
    CHECK(e->outcome == TapOutcome::Cancelled);
}

TEST_CASE("a second tap on the same control within 400 ms is ignored, a later one is not") {
    auto r = recognizer();
    TimePoint t{};
    r.press(150, 150, t);
    REQUIRE(r.release(150, 150, t + 80ms)->outcome == TapOutcome::Activated);
    r.press(150, 150, t + 200ms);
    CHECK(r.release(150, 150, t + 300ms)->outcome == TapOutcome::Repeated);
    // A different control right away is a different intent: it acts.
    r.press(450, 150, t + 350ms);
    CHECK(r.release(450, 150, t + 380ms)->outcome == TapOutcome::Activated);
    r.press(150, 150, t + 900ms);
    CHECK(r.release(150, 150, t + 950ms)->outcome == TapOutcome::Activated);
}

TEST_CASE("a press on no control is a mis-touch, known at once") {
    auto r = recognizer();
    r.press(10, 10, TimePoint{});
    const auto events = r.take_events();
    REQUIRE(events.size() == 1);
    CHECK(events[0].outcome == TapOutcome::Missed);
    CHECK(r.release(10, 10, TimePoint{} + 50ms)->outcome == TapOutcome::Missed);
    CHECK_FALSE(r.release(10, 10, TimePoint{} + 60ms).has_value());  // no press under way
}

TEST_CASE("the gap between rectangles is the band of nothing between them") {
    CHECK(gap_between(Rect{0, 0, 100, 100}, Rect{130, 0, 100, 100}) == doctest::Approx(30));
    CHECK(gap_between(Rect{0, 0, 100, 100}, Rect{0, 124, 100, 100}) == doctest::Approx(24));
    CHECK(gap_between(Rect{0, 0, 100, 100}, Rect{50, 50, 100, 100}) == doctest::Approx(0));
}
