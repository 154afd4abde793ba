// Learning as a visitor does: the real lessons of lessons/qiao-basics, played on the
// headless kiosk, with taps on the simulated phone.
#include <doctest/doctest.h>

#include "core/lessons/progress_store.hpp"
#include "kiosk_fixture.hpp"

using namespace qiao;
using namespace std::chrono_literals;
using test::KioskFixture;

namespace {

const core::LessonSession& session(KioskFixture& f) {
    const core::LessonSession* s = f.kiosk->lessons().lesson_session();
    REQUIRE(s != nullptr);
    return *s;
}

void open(KioskFixture& f, const std::string& lesson) {
    if (f.kiosk->current_screen() != "learn") {
        f.kiosk->home();
        f.tap("home.learn");
    }
    f.tap("lesson." + lesson);
    REQUIRE(f.kiosk->current_screen() == "lesson");
}

// Goes forward until the step asks for a tap (or a choice), returns its index.
int next_until(KioskFixture& f, core::ActionType type) {
    while (session(f).step().action.type != type) f.tap("lesson.next");
    return session(f).step_index();
}

}  // namespace

TEST_CASE("the lesson list shows every installed lesson with how long it takes") {
    KioskFixture f("lessons-list", 1920, 1080, {}, true);
    f.tap("home.learn");
    CHECK(f.kiosk->current_screen() == "learn");
    for (const char* id : {"pay-by-qr", "book-hospital", "spot-scams", "video-call"}) {
        const auto& card = f.widget(std::string("lesson.") + id);
        CHECK(card.text.find("分钟") != std::string::npos);
    }
}

TEST_CASE("each step is shown and said with 'step N of M', and back and next move") {
    KioskFixture f("lessons-steps", 1920, 1080, {}, true);
    open(f, "pay-by-qr");
    const int total = session(f).step_count();
    CHECK(f.last_said().find("第1步，共" + std::to_string(total) + "步") == 0);
    CHECK(f.widget("lesson.step_of").text.find("第1步，共" + std::to_string(total) + "步") == 0);
    CHECK(f.widget("lesson.step_of").text.find("开发模式") != std::string::npos);  // unsigned: it says so
    CHECK_FALSE(ui::find_widget(f.kiosk->last_frame(), "lesson.back"));  // nothing before the first step
    f.tap("lesson.next");
    CHECK(session(f).step_index() == 1);
    CHECK(f.last_said().find("第2步") == 0);
    f.tap("lesson.back");
    CHECK(session(f).step_index() == 0);
    f.tap("common.listen_again");
    CHECK(session(f).figures().listen_again == 1);
    CHECK(f.last_said().find("第1步") == 0);
}

TEST_CASE("a wrong tap on the phone gets a gentle hint, the second shows the place, the right one moves on") {
    KioskFixture f("lessons-tap", 1920, 1080, {}, true);
    open(f, "pay-by-qr");
    const int step = next_until(f, core::ActionType::Tap);
    const std::string target = session(f).step().action.target;
    const std::string hint = session(f).step().action.hint.in("zh-CN");
    f.tap("phone.screen");  // the phone, away from every button
    CHECK(f.last_said() == hint);
    CHECK_FALSE(session(f).show_target());
    CHECK(f.kiosk->tally().run_total("lesson").mis_touches == 0);  // a wrong answer, not a mis-touch
    f.tap("phone.screen");
    CHECK(session(f).show_target());
    // The ring pulses a few times to draw the eye, then stays still, and the kiosk
    // sleeps again.
    CHECK(f.kiosk->ms_until_deadline() == 33);
    f.kiosk->clock().advance(200ms);
    CHECK(f.kiosk->highlight_pulse() > 0.0f);
    f.kiosk->clock().advance(3s);
    f.kiosk->turn();
    CHECK(f.kiosk->highlight_pulse() == 0.0f);
    CHECK(f.kiosk->ms_until_deadline() > 1000);
    CHECK(f.widget("phone." + target).rect.w > 0);
    f.tap("phone." + target);
    CHECK(session(f).step_index() == step + 1);
    CHECK(f.last_said().find("对了") == 0);
    CHECK(session(f).figures().wrong_taps == 2);
}

TEST_CASE("choosing an answer: each is explained kindly, the right one is marked") {
    KioskFixture f("lessons-choose", 1920, 1080, {}, true);
    open(f, "spot-scams");
    next_until(f, core::ActionType::Choose);
    const auto& answers = session(f).step().action.answers;
    int wrong = -1, right = -1;
    for (int i = 0; i < static_cast<int>(answers.size()); ++i) (answers[static_cast<std::size_t>(i)].correct ? right : wrong) = i;
    REQUIRE(wrong >= 0);
    REQUIRE(right >= 0);
    f.tap("answer." + std::to_string(wrong));
    CHECK(f.last_said().find("不太对") == 0);
    CHECK(f.widget("lesson.explain").text.find(answers[static_cast<std::size_t>(wrong)].explain.in("zh-CN")) != std::string::npos);
    f.tap("answer." + std::to_string(right));
    CHECK(f.last_said().find("答对了") == 0);
    CHECK(session(f).chose_right());
}

TEST_CASE("finishing a lesson is celebrated and recorded with its figures") {
    KioskFixture f("lessons-finish", 1920, 1080, {}, true);
    open(f, "video-call");
    f.tap("common.listen_again");
    while (f.kiosk->current_screen() == "lesson") f.tap("lesson.next");
    CHECK(f.kiosk->current_screen() == "lesson_done");
    CHECK(f.last_said().find("和家人视频通话") != std::string::npos);
    f.kiosk->flush_counters();
    const auto done = core::ProgressStore(f.kiosk->store().db()).completions();
    REQUIRE(done.size() == 1);
    CHECK(done[0].pack_id == "org.qiao.basics");
    CHECK(done[0].lesson_id == "video-call");
    CHECK(done[0].listen_again == 1);
    f.tap("lesson.all");
    CHECK(f.kiosk->current_screen() == "learn");
    CHECK(f.widget("lesson.video-call").text.find("已学会") != std::string::npos);
}

TEST_CASE("a visitor who leaves a lesson picks it up again, the next visitor starts afresh") {
    KioskFixture f("lessons-resume", 1920, 1080, {}, true);
    open(f, "book-hospital");
    f.tap("lesson.next");
    f.tap("lesson.next");
    f.tap("lesson.all");
    CHECK(f.widget("lesson.book-hospital").text.find("第3步") != std::string::npos);
    f.tap("lesson.book-hospital");
    CHECK(session(f).step_index() == 2);
    CHECK(f.last_said().find("上次学到第3步") == 0);
    f.kiosk->clock().advance(215s);
    f.kiosk->turn();
    f.kiosk->turn();
    REQUIRE(f.kiosk->current_screen() == "home");
    open(f, "book-hospital");
    CHECK(session(f).step_index() == 0);
}

TEST_CASE("lessons follow the visitor's language") {
    KioskFixture f("lessons-en", 1920, 1080, {}, true);
    f.tap("edge.language");
    f.tap("language.en");
    f.tap("common.home");
    open(f, "pay-by-qr");
    CHECK(f.last_said().find("Step 1 of") == 0);
    CHECK(f.kiosk->speech().last_said()->voice == "en");
}

TEST_CASE("a step's picture is drawn and its recorded narration plays, in the visitor's language") {
    KioskFixture f("lessons-media", 1920, 1080);
    core::PackInstaller installer(f.dir / "packs", {});
    core::InstallOptions dev;
    dev.development_mode = true;
    installer.install_from_folder(std::filesystem::path(QIAO_SOURCE_DIR) / "tests/packs/good/minimal", dev);
    core::KioskConfig config;
    config.data_dir = f.dir;
    config.audio = "null";
    f.flags.allow_unsigned_packs = true;
    f.start(config);
    open(f, "first-tap");
    const auto& picture = f.widget("lesson.picture");
    CHECK(picture.rect.w > 100);
    CHECK(picture.rect.w == doctest::Approx(picture.rect.h));  // a square picture stays square
    f.kiosk->settle(500ms);
    auto said = f.kiosk->speech().last_said();
    REQUIRE(said);
    CHECK(said->from_clip);  // audio/hello.wav, the zh-CN narration
    f.tap("lesson.all");
    f.tap("common.home");
    f.tap("edge.language");
    f.tap("language.en");
    f.tap("common.home");
    open(f, "first-tap");
    f.kiosk->settle(500ms);
    said = f.kiosk->speech().last_said();
    REQUIRE(said);
    CHECK(said->from_clip);  // audio/hello-en.ogg
}
