// The kiosk as a visitor meets it: navigation, forgiving touch, voice, languages,
// the idle reset and the counters it keeps.
#include <SDL.h>
#include <doctest/doctest.h>

#include <fstream>

#include "core/storage/settings_store.hpp"
#include "core/storage/touch_stats.hpp"
#include "kiosk_fixture.hpp"

using namespace qiao;
using namespace std::chrono_literals;
using test::KioskFixture;

TEST_CASE("the home screen greets aloud and every screen speaks and goes back") {
    KioskFixture f("navigation");
    CHECK(f.kiosk->current_screen() == "home");
    CHECK(f.last_said().find("您好") != std::string::npos);
    for (const char* choice : {"learn", "book", "help"}) {
        f.tap(std::string("home.") + choice);
        CHECK(f.kiosk->current_screen() == choice);
        // With nothing to book loaded, Book says so plainly instead of asking what to book.
        const std::string key = std::string(choice) + (std::string(choice) == "book" ? ".none" : ".prompt");
        CHECK(f.last_said() == f.kiosk->catalog().text("zh-CN", key));
        f.widget("common.listen_again");
        f.tap("common.back");
        CHECK(f.kiosk->current_screen() == "home");
    }
}

TEST_CASE("listen again says the screen's prompt again, from the cache") {
    KioskFixture f("listen-again");
    f.tap("home.learn");
    f.kiosk->settle(2s);
    const auto before = f.kiosk->speech().history().size();
    f.tap("common.listen_again");
    const auto history = f.kiosk->speech().history();
    REQUIRE(history.size() == before + 1);
    CHECK(history.back().text == f.kiosk->catalog().text("zh-CN", "learn.prompt"));
    CHECK(history.back().cache_hit);
}

TEST_CASE("a second tap on the same control within 400 ms is ignored") {
    KioskFixture f("double-tap");
    const auto before = f.kiosk->speech().history().size();
    f.tap("common.listen_again", 600ms);
    f.tap("common.listen_again", 150ms);  // a tremor's second touch
    CHECK(f.kiosk->speech().history().size() == before + 1);
    f.tap("common.listen_again", 600ms);
    CHECK(f.kiosk->speech().history().size() == before + 2);
}

TEST_CASE("a finger sliding a little stays a tap, sliding away cancels") {
    KioskFixture f("slide");
    const auto r = f.widget("home.learn").rect;
    const float slop = f.kiosk->metrics().slop_px;
    f.kiosk->clock().advance(1s);
    f.kiosk->pointer_down(r.right() - 5, r.y + r.h / 2);
    f.kiosk->pointer_move(r.right() + slop * 0.6f, r.y + r.h / 2);  // about 3 mm past the edge
    f.kiosk->pointer_up(r.right() + slop * 0.6f, r.y + r.h / 2);
    f.kiosk->turn();
    CHECK(f.kiosk->current_screen() == "learn");

    f.tap("common.back");
    const auto b = f.widget("home.book").rect;
    f.kiosk->clock().advance(1s);
    f.kiosk->pointer_down(b.x + b.w / 2, b.y + b.h / 2);
    f.kiosk->turn();
    f.kiosk->pointer_move(b.x + b.w / 2, b.bottom() + slop * 3);
    f.kiosk->turn();
    f.kiosk->pointer_up(b.x + b.w / 2, b.bottom() + slop * 3);
    f.kiosk->turn();
    CHECK(f.kiosk->current_screen() == "home");
}

TEST_CASE("touch screens: SDL finger events tap controls, and a second finger is ignored") {
    KioskFixture f("fingers");
    const auto r = f.widget("home.help").rect;
    int w = 0, h = 0;
    f.kiosk->window_size(w, h);
    auto finger = [&](Uint32 type, SDL_FingerID id, float x, float y) {
        SDL_Event e{};
        e.type = type;
        e.tfinger.fingerId = id;
        e.tfinger.x = x / static_cast<float>(w);
        e.tfinger.y = y / static_cast<float>(h);
        SDL_PushEvent(&e);
    };
    f.kiosk->clock().advance(1s);
    finger(SDL_FINGERDOWN, 1, r.x + r.w / 2, r.y + r.h / 2);
    finger(SDL_FINGERDOWN, 2, 5, 5);  // a palm resting on the glass
    finger(SDL_FINGERUP, 2, 5, 5);
    finger(SDL_FINGERUP, 1, r.x + r.w / 2, r.y + r.h / 2);
    f.kiosk->turn();
    CHECK(f.kiosk->current_screen() == "help");
    CHECK(f.kiosk->tally().run_total("home").mis_touches == 0);
}

TEST_CASE("taps on nothing are counted per screen and stored") {
    KioskFixture f("mistouch");
    f.tap_at(3, 3);
    f.tap_at(3, 1070);
    f.tap("home.learn");
    f.tap_at(1910, 1070);
    CHECK(f.kiosk->tally().run_total("home").taps == 3);
    CHECK(f.kiosk->tally().run_total("home").mis_touches == 2);
    CHECK(f.kiosk->tally().run_total("learn").mis_touches == 1);
    f.kiosk->flush_counters();
    core::TouchStats stats(f.kiosk->store().db());
    const auto totals = stats.totals_by_screen();
    REQUIRE(totals.size() == 2);
    CHECK(totals[0].screen == "home");
    CHECK(totals[0].taps == 3);
    CHECK(totals[0].mis_touches == 2);
    CHECK(totals[1].screen == "learn");
    CHECK(totals[1].mis_touches == 1);
}

TEST_CASE("switching language changes every word and the voice follows") {
    KioskFixture f("language");
    f.tap("edge.language");
    f.tap("language.yue");
    CHECK(f.kiosk->visitor().language == "yue");
    auto said = f.kiosk->speech().last_said();
    REQUIRE(said);
    CHECK(said->voice == "yue");
    CHECK(said->text == f.kiosk->catalog().text("yue", "language.changed"));
    f.tap("common.home");
    CHECK(f.widget("home.learn").text.find("學") != std::string::npos);
    f.tap("common.listen_again");
    CHECK(f.kiosk->speech().last_said()->voice == "yue");
    f.tap("edge.language");
    f.tap("language.en");
    CHECK(f.kiosk->speech().last_said()->voice == "en");
}

TEST_CASE("the idle reset warns aloud, waits, then forgets everything the visitor chose") {
    KioskFixture f("idle");
    f.tap("edge.text_size");
    f.tap("text_size.largest");
    const float large_body = f.kiosk->metrics().body_px;
    f.tap("common.back");
    f.tap("edge.voice");
    f.tap("voice.slower");
    f.tap("common.back");
    f.tap("edge.language");
    f.tap("language.en");
    f.tap("common.back");
    f.tap("home.book");

    f.kiosk->clock().advance(181s);
    f.kiosk->turn();
    CHECK(f.kiosk->current_screen() == "idle");
    CHECK(f.last_said() == f.kiosk->catalog().text("en", "idle.prompt"));
    f.kiosk->clock().advance(30s);
    f.kiosk->turn();
    f.kiosk->turn();
    CHECK(f.kiosk->current_screen() == "home");
    CHECK(f.kiosk->visitor().language == "zh-CN");
    CHECK(f.kiosk->visitor().text_size == core::TextSize::Normal);
    CHECK(f.kiosk->visitor().speech_rate_wpm == 130);
    CHECK(f.kiosk->metrics().body_px < large_body);
    // Only the goodbye remains of what was said for the last visitor.
    const auto history = f.kiosk->speech().history();
    REQUIRE(history.size() == 1);
    CHECK(history[0].text == f.kiosk->catalog().text("zh-CN", "idle.going_home"));
    // An empty kiosk has nothing to wake up for.
    CHECK(f.kiosk->ms_until_deadline() == -1);
}

TEST_CASE("any touch during the idle warning keeps the visitor where they were") {
    KioskFixture f("still-here");
    f.tap("home.help");
    f.kiosk->clock().advance(185s);
    f.kiosk->turn();
    REQUIRE(f.kiosk->current_screen() == "idle");
    f.tap_at(10, 10, 0ms);
    CHECK(f.kiosk->current_screen() == "help");
    CHECK(f.kiosk->tally().run_total("idle").mis_touches == 0);
    f.kiosk->clock().advance(100s);
    f.kiosk->turn();
    CHECK(f.kiosk->current_screen() == "help");
}

TEST_CASE("voice off says nothing aloud but the kiosk still knows what it would have said") {
    KioskFixture f("voice-off");
    f.tap("edge.voice");
    f.tap("voice.off");
    CHECK_FALSE(f.kiosk->visitor().voice_on);
    f.tap("common.home");
    f.tap("home.learn");
    const auto said = f.kiosk->speech().last_said();
    REQUIRE(said);
    CHECK(said->voice_off);
    CHECK(said->text == f.kiosk->catalog().text("zh-CN", "learn.prompt"));
}

TEST_CASE("a recorded clip in assets plays instead of synthesis") {
    const auto resources = test::fresh_dir("clip-resources");
    std::filesystem::copy(std::filesystem::path(QIAO_SOURCE_DIR) / "i18n", resources / "i18n");
    std::filesystem::create_directories(resources / "assets/voice/zh-CN");
    {
        // A short WAV: a volunteer's "您好" stands in as a 0.2 s tone.
        std::ofstream wav(resources / "assets/voice/zh-CN/home.prompt.wav", std::ios::binary);
        const int rate = 22050, n = rate / 5;
        auto u32 = [&](std::uint32_t v) { wav.write(reinterpret_cast<const char*>(&v), 4); };
        auto u16 = [&](std::uint16_t v) { wav.write(reinterpret_cast<const char*>(&v), 2); };
        wav.write("RIFF", 4); u32(36 + n * 2); wav.write("WAVEfmt ", 8); u32(16); u16(1); u16(1);
        u32(rate); u32(rate * 2); u16(2); u16(16); wav.write("data", 4); u32(n * 2);
        for (int i = 0; i < n; ++i) u16(static_cast<std::uint16_t>((i % 50) * 400));
    }
    core::Log log{[](core::LogLevel, std::string_view) {}};
    app::LoopWaker waker(true);
    core::KioskConfig config;
    config.data_dir = test::fresh_dir("clip-data");
    config.audio = "null";
    app::Kiosk kiosk(app::KioskSetup{config, {}, true, resources}, log, waker);
    kiosk.settle(500ms);
    const auto history = kiosk.speech().history();
    REQUIRE_FALSE(history.empty());
    CHECK(history.front().from_clip);
}

TEST_CASE("a corrupt store is moved aside and the kiosk starts fresh") {
    const auto dir = test::fresh_dir("corrupt");
    {
        std::ofstream junk(dir / "qiao.db", std::ios::binary);
        junk << std::string(8192, 'x');
    }
    KioskFixture f("corrupt-unused");
    core::KioskConfig config;
    config.data_dir = dir;
    config.audio = "null";
    f.start(config);
    CHECK(f.kiosk->current_screen() == "home");
    CHECK(f.kiosk->store().open_report().recovered_from_corruption);
    CHECK(std::filesystem::exists(f.kiosk->store().open_report().moved_aside_to));
}

TEST_CASE("site settings in the store choose the language a new visitor starts in") {
    KioskFixture f("site-settings");
    core::SettingsStore(f.kiosk->store().db()).set("language", "en");
    core::KioskConfig config;
    config.data_dir = f.dir;
    config.audio = "null";
    f.start(config);
    CHECK(f.kiosk->visitor().language == "en");
    CHECK(f.widget("home.learn").text.find("Learn") != std::string::npos);
}

TEST_CASE("a tap shows its effect in the very next frame") {
    KioskFixture f("one-frame");
    for (const char* id : {"home.learn", "common.back", "home.book", "common.home"}) f.tap(id);
    const auto& frames = f.kiosk->figures().tap_to_frame_frames;
    REQUIRE(frames.size() == 4);
    for (int n : frames) CHECK(n == 1);
}
