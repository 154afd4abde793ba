// Tour scripts: every verb, and errors that point at the line to fix.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "core/tour/tour_script.hpp"

using namespace qiao::core;

namespace {

std::string error_of(std::string_view text) {
    try {
        parse_tour(text, "home.tour");
    } catch (const TourError& error) {
        return error.what();
    }
    return "(no error)";
}

TourStep only_step(std::string_view line) {
    const TourScript script = parse_tour(line, "t.tour");
    REQUIRE(script.steps.size() == 1);
    return script.steps[0];
}

}  // namespace

TEST_CASE("a tour with every verb parses") {
    const TourScript script = parse_tour(R"(# the home screen, then learning
tap home.learn
tap-at 10 20
press home.book
slide -5 12
release home.book
expect-screen learn
expect-said 手机课程 马上就来
expect-visible common.back
expect-hidden idle.still_here
expect-text home.title 您好！想做什么？
expect-mistouches home 2
wait 500
wait-idle 3000
advance 180
shot home-large_1.0
set-size largest
set-lang yue
set-voice off
resize 1080x1920
)",
                                         "home.tour");
    CHECK(script.name == "home.tour");
    REQUIRE(script.steps.size() == 19);
    const auto& s = script.steps;
    CHECK(s[0].verb == TourVerb::Tap);
    CHECK(s[0].id == "home.learn");
    CHECK(s[0].line == 2);
    CHECK(s[0].source == "tap home.learn");
    CHECK(s[1].verb == TourVerb::TapAt);
    CHECK(s[1].x == 10);
    CHECK(s[1].y == 20);
    CHECK(s[2].verb == TourVerb::Press);
    CHECK(s[3].verb == TourVerb::Slide);
    CHECK(s[3].x == -5);
    CHECK(s[3].y == 12);
    CHECK(s[4].verb == TourVerb::Release);
    CHECK(s[4].id == "home.book");
    CHECK(s[5].verb == TourVerb::ExpectScreen);
    CHECK(s[5].id == "learn");
    CHECK(s[6].verb == TourVerb::ExpectSaid);
    CHECK(s[6].text == "手机课程 马上就来");
    CHECK(s[7].verb == TourVerb::ExpectVisible);
    CHECK(s[8].verb == TourVerb::ExpectHidden);
    CHECK(s[9].verb == TourVerb::ExpectText);
    CHECK(s[9].id == "home.title");
    CHECK(s[9].text == "您好！想做什么？");
    CHECK(s[10].verb == TourVerb::ExpectMisTouches);
    CHECK(s[10].id == "home");
    CHECK(s[10].number == 2);
    CHECK(s[11].verb == TourVerb::Wait);
    CHECK(s[11].number == 500);
    CHECK(s[12].verb == TourVerb::WaitIdle);
    CHECK(s[12].number == 3000);
    CHECK(s[13].verb == TourVerb::Advance);
    CHECK(s[13].number == 180);
    CHECK(s[14].verb == TourVerb::Shot);
    CHECK(s[14].id == "home-large_1.0");
    CHECK(s[15].verb == TourVerb::SetSize);
    CHECK(s[15].id == "largest");
    CHECK(s[16].verb == TourVerb::SetLang);
    CHECK(s[16].id == "yue");
    CHECK(s[17].verb == TourVerb::SetVoice);
    CHECK(s[17].id == "off");
    CHECK(s[18].verb == TourVerb::Resize);
    CHECK(s[18].x == 1080);
    CHECK(s[18].y == 1920);
    CHECK(s[18].line == 20);
}

TEST_CASE("verbs print as they are written") {
    const TourScript script = parse_tour(
        "tap a\ntap-at 1 1\npress a\nrelease a\nslide 1 1\nexpect-screen a\nexpect-said a\nexpect-visible a\n"
        "expect-hidden a\nexpect-text a b\nexpect-mistouches a 0\nwait 0\nwait-idle 0\nadvance 0\nshot a\n"
        "set-size normal\nset-lang en\nset-voice on\nresize 200x200\n",
        "all.tour");
    for (const auto& step : script.steps) {
        INFO(step.source);
        CHECK(step.source.rfind(std::string(to_string(step.verb)) + " ", 0) == 0);
    }
}

TEST_CASE("blank lines, comments, tabs and CRLF are fine") {
    const TourScript script = parse_tour("\xEF\xBB\xBF# start\r\n\r\n   # indented comment\r\n\ttap\t home.help \r\n",
                                         "t.tour");
    REQUIRE(script.steps.size() == 1);
    CHECK(script.steps[0].id == "home.help");
    CHECK(script.steps[0].line == 4);
    CHECK(script.steps[0].source == "tap\t home.help");
    CHECK(parse_tour("", "empty.tour").steps.empty());
}

TEST_CASE("expect-said keeps the rest of the line, '#' and spaces inside included") {
    CHECK(only_step("expect-said   请点“我还在” # 2  ").text == "请点“我还在” # 2");
    CHECK(only_step("expect-text idle.seconds_left 30 秒后回到开始").text == "30 秒后回到开始");
}

TEST_CASE("errors name the tour, the line, what is wrong and the line itself") {
    CHECK(error_of("tap home.learn\n\ntapp home.learn") ==
          "home.tour line 3: unknown step \"tapp\"; the steps are tap, tap-at, press, release, slide, "
          "expect-screen, expect-said, expect-visible, expect-hidden, expect-text, expect-mistouches, wait, "
          "wait-idle, advance, shot, set-size, set-lang, set-voice, resize, wall-clock, load-services, backoffice, wait-sync, wait-for, audit "
                                                                     "(tapp home.learn)");
    CHECK(error_of("tap") == "home.tour line 1: tap needs a widget or screen id; write it as: tap ID (tap)");
    CHECK(error_of("tap a b") == "home.tour line 1: too much after tap: \"b\"; write it as: tap ID (tap a b)");
    CHECK(error_of("wait -5") ==
          "home.tour line 1: wait cannot go back in time; use 0 or more; write it as: wait MS (wait -5)");
    CHECK(error_of("wait soon") ==
          "home.tour line 1: MS must be a whole number (0 or more), found \"soon\"; write it as: wait MS (wait soon)");
}

TEST_CASE("missing and extra arguments are refused for every verb") {
    for (const char* line :
         {"tap-at 10", "tap-at 10 20 30", "press", "release a b", "slide 1", "slide 1 2 3", "expect-screen",
          "expect-said", "expect-said   ", "expect-visible", "expect-hidden a b", "expect-text a",
          "expect-mistouches home", "expect-mistouches home 1 2", "wait", "wait 1 2", "wait-idle", "advance",
          "advance 1 2", "shot", "shot a b", "set-size", "set-size large x", "set-lang", "set-lang en x",
          "set-voice", "set-voice on off", "resize", "resize 800x600 1"}) {
        INFO(std::string(line));
        const std::string message = error_of(line);
        CHECK(message.find("home.tour line 1: ") == 0);
        std::string trimmed = line;
        trimmed.erase(trimmed.find_last_not_of(' ') + 1);
        CHECK(message.find("(" + trimmed + ")") != std::string::npos);
    }
}

TEST_CASE("numbers must be whole numbers in range") {
    for (const char* line :
         {"tap-at 1.5 2", "tap-at -1 2", "tap-at 1 +2", "tap-at x y", "slide 1 --2", "slide - 2", "wait 1e3",
          "wait 0x10", "wait 99999999999999999999", "wait 600001", "wait-idle 700000", "advance -1", "advance 1s",
          "expect-mistouches home -1", "expect-mistouches home many", "tap-at 100001 0", "slide -100001 0"}) {
        INFO(std::string(line));
        CHECK(error_of(line).find("home.tour line 1: ") == 0);
    }
    CHECK(only_step("wait 600000").number == 600000);
    CHECK(only_step("advance 86400").number == 86400);
    CHECK(only_step("slide -0 0").x == 0);
}

TEST_CASE("resize, set-size, set-voice, set-lang and shot accept only their words") {
    for (const char* line :
         {"resize 800", "resize 800X600", "resize 199x600", "resize 800x8001", "resize x600", "resize 800x",
          "resize 800x600x2", "resize -800x600", "set-size huge", "set-size Large", "set-voice yes",
          "set-voice ON", "set-lang ../en", "set-lang e", "shot ../escape", "shot .hidden", "shot a/b",
          "shot 画面"}) {
        INFO(std::string(line));
        CHECK(error_of(line).find("home.tour line 1: ") == 0);
    }
    CHECK(only_step("resize 200x8000").y == 8000);
    CHECK(only_step("set-size large").id == "large");
    CHECK(only_step("set-voice on").id == "on");
    CHECK(only_step("set-lang zh-CN").id == "zh-CN");
}

TEST_CASE("load_tour_file names the file") {
    const std::filesystem::path dir =
        std::filesystem::path(QIAO_TEST_TMP) / ("tour-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string file = (dir / "bad.tour").string();
    std::ofstream(file) << "tap home.learn\nshot\n";
    try {
        load_tour_file(file);
        FAIL("expected a TourError");
    } catch (const TourError& error) {
        CHECK(std::string(error.what()).find(file + " line 2: shot needs") == 0);
    }
    std::ofstream(file) << "tap home.learn\n";
    const TourScript script = load_tour_file(file);
    CHECK(script.name == file);
    CHECK(script.steps.size() == 1);
    CHECK_THROWS_AS(load_tour_file((dir / "missing.tour").string()), TourError);
    CHECK_THROWS_AS(load_tour_file(dir.string()), TourError);
}
