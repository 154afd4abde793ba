#include <doctest/doctest.h>

#include "core/lessons/lesson_session.hpp"
#include "core/lessons/progress_store.hpp"
#include "core/outbox/outbox.hpp"
#include "core/storage/local_store.hpp"

using namespace qiao::core;
using namespace std::chrono_literals;

namespace {

LocalText zh(const std::string& text) { return LocalText{{{"zh-CN", text}}}; }

LessonPack sample_pack() {
    LessonPack pack;
    pack.id = "org.example.test";
    pack.version = "1.0.0";
    Lesson lesson;
    lesson.id = "scan";
    SimulatedScreen screen;
    screen.id = "wallet";
    ScreenElement scan;
    scan.id = "scan";
    scan.type = ElementType::Button;
    ScreenElement pay;
    pay.id = "pay";
    pay.type = ElementType::Button;
    screen.elements = {scan, pay};
    lesson.screens["wallet"] = screen;
    LessonStep intro;
    intro.say = zh("这是练习。");
    LessonStep tap;
    tap.say = zh("点扫一扫。");
    tap.screen = "wallet";
    tap.action.type = ActionType::Tap;
    tap.action.target = "scan";
    tap.action.hint = zh("扫一扫在右上角。");
    LessonStep choose;
    choose.say = zh("这是骗子吗？");
    choose.action.type = ActionType::Choose;
    choose.action.answers = {Answer{zh("是"), true, zh("对。")}, Answer{zh("不是"), false, zh("其实是。")}};
    lesson.steps = {intro, tap, choose};
    pack.lessons.push_back(lesson);
    return pack;
}

}  // namespace

TEST_CASE("a lesson goes step by step, back and next, and finishes with its figures") {
    const LessonPack pack = sample_pack();
    ManualClock clock;
    LessonSession s(pack, pack.lessons[0], 0, clock.now());
    CHECK(s.step_count() == 3);
    CHECK(s.screen() == nullptr);
    s.next(clock.now());
    REQUIRE(s.screen() != nullptr);
    CHECK(s.screen()->id == "wallet");
    s.back();
    CHECK(s.step_index() == 0);
    s.back();
    CHECK(s.step_index() == 0);  // never before the first step
    s.next(clock.now());
    s.next(clock.now());
    s.heard_again();
    clock.advance(95s);
    s.next(clock.now());
    CHECK(s.finished());
    CHECK(s.figures().elapsed == 95s);
    CHECK(s.figures().listen_again == 1);
}

TEST_CASE("a wrong tap gets a hint, from the second the right place is shown") {
    const LessonPack pack = sample_pack();
    LessonSession s(pack, pack.lessons[0], 1, TimePoint{});
    CHECK(s.tap("pay") == TapResult::Wrong);
    CHECK_FALSE(s.show_target());
    CHECK(s.tap("") == TapResult::Wrong);  // the screen itself, next to the button
    CHECK(s.show_target());
    CHECK(s.tap("scan") == TapResult::Right);
    CHECK(s.figures().wrong_taps == 2);
    s.next(TimePoint{});
    CHECK_FALSE(s.show_target());  // a new step starts afresh
    CHECK(s.tap("scan") == TapResult::NotATapStep);
}

TEST_CASE("choosing: every answer is explained, only the first choice counts as wrong") {
    const LessonPack pack = sample_pack();
    LessonSession s(pack, pack.lessons[0], 2, TimePoint{});
    s.choose(1);
    CHECK_FALSE(s.chose_right());
    s.choose(0);
    CHECK(s.chose_right());
    CHECK(s.figures().wrong_answers == 1);
    s.choose(7);  // out of range: ignored
    CHECK(s.chosen() == 0);
}

TEST_CASE("progress is kept per learner and forgotten once the lesson is finished") {
    LocalStore store = LocalStore::open_in_memory();
    ProgressStore progress(store.db());
    CHECK_FALSE(progress.step_reached("session:a", "org.example.test", "scan").has_value());
    progress.save_step("session:a", "org.example.test", "scan", 1);
    progress.save_step("session:a", "org.example.test", "scan", 2);
    CHECK(progress.step_reached("session:a", "org.example.test", "scan") == 2);
    CHECK_FALSE(progress.step_reached("session:b", "org.example.test", "scan").has_value());
    LessonCompletion done{"session:a", "org.example.test", "1.0.0", "scan", "", 95, 2, 1, 1};
    progress.record_completion(done);
    CHECK_FALSE(progress.step_reached("session:a", "org.example.test", "scan").has_value());
    CHECK(progress.completed("session:a", "org.example.test", "scan"));
    const auto all = progress.completions();
    REQUIRE(all.size() == 1);
    CHECK(all[0].seconds == 95);
    CHECK(all[0].wrong_taps == 2);
    CHECK(all[0].completed_at.size() == 20);
    // The back office hears of it through the outbox, with the learner's id, never a number.
    const auto entries = Outbox(store.db()).next_batch(10);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].kind == "lesson_completed");
    CHECK(entries[0].body["lesson_id"] == "scan");
    CHECK(entries[0].body["learner"] == "session:a");
    CHECK(entries[0].body["completed_at"] == all[0].completed_at);
}
