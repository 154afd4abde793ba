// Reading a good lesson pack, and what the reader says about packs that are only
// a little wrong: warnings that do not stop a pack, and errors it reports all at once.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "core/lessons/pack_reader.hpp"
#include "core/lessons/pack_text.hpp"
#include "core/lessons/pack_problem.hpp"
#include "core/pack_test_support.hpp"

using namespace qiao::core;
using namespace qiao::test;

namespace {

bool mentions(const std::vector<PackProblem>& problems, const std::string& file, const std::string& fragment,
              PackProblem::Severity severity = PackProblem::Severity::Error) {
    return std::any_of(problems.begin(), problems.end(), [&](const PackProblem& p) {
        return p.severity == severity && p.file == file && p.message.find(fragment) != std::string::npos;
    });
}

void replace_in(const std::filesystem::path& file, const std::string& from, const std::string& to) {
    std::string text = slurp(file);
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "the fixture no longer holds: " << from);
    spit(file, text.replace(at, from.size(), to));
}

}  // namespace

TEST_CASE("pack: LocalText::in falls back to zh-CN, then to empty") {
    LocalText text;
    CHECK(text.in("en").empty());
    text.by_language = {{"zh-CN", "钱包"}, {"en", "Wallet"}, {"yue", ""}};
    CHECK(text.in("en") == "Wallet");
    CHECK(text.in("zh-CN") == "钱包");
    CHECK(text.in("fr") == "钱包");
    CHECK(text.in("yue") == "钱包");  // an empty translation is as good as none
}

TEST_CASE("pack: the good minimal pack reads with no problem at all") {
    const PackReadResult result = read_pack(good_pack());
    INFO(listing(result.problems));
    REQUIRE(result.ok());
    CHECK(result.problems.empty());
    const LessonPack& pack = *result.pack;
    CHECK(pack.id == "org.qiao.test-minimal");
    CHECK(pack.version == "1.0.0");
    CHECK(pack.title.in("en") == "The smallest pack");
    CHECK(pack.root == good_pack());
    REQUIRE(pack.lessons.size() == 1);
    const Lesson& lesson = pack.lessons[0];
    CHECK(lesson.id == "first-tap");
    CHECK(lesson.minutes == 3);
    CHECK(lesson.icon == "wallet");
    REQUIRE(lesson.screens.count("phone-home") == 1);
    const SimulatedScreen& screen = lesson.screens.at("phone-home");
    CHECK(screen.status_bar);
    REQUIRE(screen.elements.size() == 3);
    CHECK(screen.elements[1].type == ElementType::AppGrid);
    CHECK(screen.elements[1].items.at(0).icon == "wallet");
    REQUIRE(lesson.steps.size() == 3);
    CHECK(lesson.steps[0].picture == "images/dot.png");
    CHECK(lesson.steps[0].narration.at("en") == "audio/hello-en.ogg");
    CHECK(lesson.steps[0].action.type == ActionType::Next);
    CHECK(lesson.steps[1].action.type == ActionType::Tap);
    CHECK(lesson.steps[1].action.target == "wallet");
    CHECK(lesson.steps[2].action.type == ActionType::Choose);
    CHECK(lesson.steps[2].action.answers.size() == 2);
    CHECK(lesson.steps[2].action.answers[1].correct);
    CHECK(lesson.steps[2].show.in("zh-CN") == "给密码吗？");
}

TEST_CASE("pack: every character and language of a pack is listed") {
    const PackReadResult result = read_pack(good_pack());
    REQUIRE(result.ok());
    const std::u32string points = pack_code_points(*result.pack);
    for (char32_t c : std::u32string(U"钱包早上好扫一扫密码Wy？！")) CHECK(points.find(c) != std::u32string::npos);
    CHECK(std::is_sorted(points.begin(), points.end()));
    CHECK(std::adjacent_find(points.begin(), points.end()) == points.end());
    CHECK(pack_languages(*result.pack) == std::vector<std::string>{"zh-CN", "en"});
}

TEST_CASE("pack: describe gives one line with file, place and message") {
    CHECK(describe({PackProblem::Severity::Error, "pack.json", "/version", "use 1.0.0"}) ==
          "pack.json at /version: use 1.0.0");
    CHECK(describe({PackProblem::Severity::Error, "pack.json", "", "empty"}) == "pack.json: empty");
    CHECK(describe({PackProblem::Severity::Warning, "a.json", "/x", "ignored"}) == "a.json at /x: (warning) ignored");
}

TEST_CASE("pack: an unknown field is a warning with a did-you-mean, and the pack still reads") {
    PackTempDir dir("unknown-field");
    const auto pack = copy_of_good_pack(dir);
    replace_in(pack / kLessonJson, "\"minutes\": 3,", "\"minutes\": 3, \"tittle\": {\"zh-CN\": \"x\"},");
    const PackReadResult result = read_pack(pack);
    INFO(listing(result.problems));
    CHECK(result.ok());
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].severity == PackProblem::Severity::Warning);
    CHECK(result.problems[0].where == "/tittle");
    CHECK(result.problems[0].message.find("did you mean \"title\"?") != std::string::npos);
}

TEST_CASE("pack: a lesson folder pack.json does not list is a warning") {
    PackTempDir dir("unlisted");
    const auto pack = copy_of_good_pack(dir);
    std::filesystem::create_directories(pack / "lessons" / "forgotten");
    const PackReadResult result = read_pack(pack);
    CHECK(result.ok());
    CHECK(mentions(result.problems, "lessons/forgotten", "not listed", PackProblem::Severity::Warning));
}

TEST_CASE("pack: a JSON syntax error is placed by line and column") {
    PackTempDir dir("syntax");
    const auto pack = copy_of_good_pack(dir);
    replace_in(pack / "pack.json", "\"version\": \"1.0.0\",", "\"version\": \"1.0.0\",,");
    const PackReadResult result = read_pack(pack);
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].file == "pack.json");
    CHECK(result.problems[0].where == "line 4, column 22");
    CHECK(result.problems[0].message.find("not valid JSON") != std::string::npos);
}

TEST_CASE("pack: every problem is reported at once, each at its own place") {
    PackTempDir dir("many");
    const auto pack = copy_of_good_pack(dir);
    replace_in(pack / "pack.json", "\"version\": \"1.0.0\"", "\"version\": \"one\"");
    replace_in(pack / kLessonJson, "\"minutes\": 3", "\"minutes\": 500");
    replace_in(pack / kLessonJson, "\"target\": \"wallet\"", "\"target\": \"walet\"");
    replace_in(pack / kLessonJson, "\"picture\": \"images/dot.png\"", "\"picture\": \"images/Dot.png\"");
    const PackReadResult result = read_pack(pack);
    INFO(listing(result.problems));
    REQUIRE_FALSE(result.ok());
    CHECK(result.problems.size() == 4);
    CHECK(mentions(result.problems, "pack.json", "three whole numbers"));
    CHECK(mentions(result.problems, kLessonJson, "must be from 1 to 120, but it is 500"));
    CHECK(mentions(result.problems, kLessonJson,
                   "step 2 says tap 'walet' but the screen 'phone-home' has no element with that id; ids on that "
                   "screen are: greeting, apps, wallet, chat, scan; did you mean 'wallet'?"));
    CHECK(mentions(result.problems, kLessonJson, "there is a file 'dot.png': is that the one?"));
    const auto tap = std::find_if(result.problems.begin(), result.problems.end(),
                                  [](const PackProblem& p) { return p.message.find("walet") != std::string::npos; });
    CHECK(tap->where == "/steps/1/action/target");
}

TEST_CASE("pack: a folder that is not a pack is refused plainly") {
    PackTempDir dir("empty");
    PackReadResult result = read_pack(dir.path());
    REQUIRE_FALSE(result.ok());
    CHECK(mentions(result.problems, "pack.json", "no pack.json"));
    result = read_pack(dir.path() / "nothing-here");
    REQUIRE_FALSE(result.ok());
    CHECK(result.problems.at(0).message.find("there is no folder") != std::string::npos);
}

TEST_CASE("pack: the packs shipped in lessons/ read without errors") {
    int packs = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(QIAO_SOURCE_DIR) / "lessons")) {
        if (!std::filesystem::exists(entry.path() / "pack.json")) continue;
        ++packs;
        const PackReadResult result = read_pack(entry.path());
        INFO(entry.path().filename().string() << listing(result.problems));
        CHECK(result.ok());
    }
    CHECK(packs > 0);
}
