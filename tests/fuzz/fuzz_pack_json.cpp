// libFuzzer target for the lesson pack parsers: parse_manifest (pack.json) and
// parse_lesson (lesson.json, with its simulated screens). Built by
// tests/fuzz/CMakeLists.txt with clang's -fsanitize=fuzzer,address,undefined and run
// for a bounded time by scripts/run-fuzz.sh (CTest: fuzz/pack_json).
//
// The first byte of the input picks the parser: 'M' pack.json, 'L' lesson.json,
// anything else both (the rest of the input is the text). The seeds in corpus/ start
// with 'M' or 'L'.
//
// Besides "no crash, no sanitizer report", it checks what pack_parse.hpp promises:
// nothing is thrown, every problem names its file and says something, and what is
// accepted (no Error) really keeps the format's rules: a tap names an element or item
// of the step's own screen, a question has 2 to 4 answers with one right, every text
// has its zh-CN, ids and paths are usable, counts are within the limits.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/lessons/pack_parse.hpp"
#include "core/lessons/pack_problem.hpp"
#include "core/lessons/pack_rules.hpp"
#include "core/lessons/screen_parse.hpp"

namespace {

using namespace qiao::core;

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "fuzz_pack_json: invariant broken: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

void require(bool ok, const std::string& what) {
    if (!ok) fail(what);
}

bool has_zh(const LocalText& text) {
    const auto it = text.by_language.find("zh-CN");
    return it != text.by_language.end() && it->second.find_first_not_of(" \t\r\n") != std::string::npos;
}

void check_problems(const std::vector<PackProblem>& problems, const std::string& file) {
    for (const auto& problem : problems) {
        require(problem.file == file, "a problem names the file '" + problem.file + "' instead of '" + file + "'");
        require(!problem.message.empty(), "a problem with no message at '" + problem.where + "'");
        require(!describe(problem).empty(), "describe() gave nothing");
    }
}

void check_manifest(std::string_view text) {
    std::vector<PackProblem> problems;
    const ParsedManifest parsed = parse_manifest(text, problems);
    check_problems(problems, "pack.json");
    require(parsed.pack.lessons.empty(), "parse_manifest filled lessons (read_pack's job)");
    std::set<std::string> seen;
    for (const auto& id : parsed.lesson_ids) {
        require(pack_rules::id_problem(id).empty(), "a listed lesson id is not usable: '" + id + "'");
        require(seen.insert(id).second, "a lesson id listed twice was kept: '" + id + "'");
    }
    if (has_errors(problems)) return;
    // Accepted: every rule of pack.json holds.
    const LessonPack& pack = parsed.pack;
    require(pack.format == pack_rules::kFormat, "accepted a manifest of format " + std::to_string(pack.format));
    require(pack_rules::pack_id_problem(pack.id).empty(), "accepted the pack id '" + pack.id + "'");
    require(pack_rules::version_problem(pack.version).empty(), "accepted the version '" + pack.version + "'");
    require(pack_rules::version_problem(pack.min_app_version).empty(),
            "accepted the min_app_version '" + pack.min_app_version + "'");
    require(pack.publisher.find_first_not_of(" \t") != std::string::npos, "accepted an empty publisher");
    require(has_zh(pack.title) && has_zh(pack.summary), "accepted a pack title or summary without zh-CN");
    require(parsed.lessons_read, "accepted a manifest without \"lessons\"");
    require(!parsed.lesson_ids.empty() && parsed.lesson_ids.size() <= kMaxLessons,
            "accepted " + std::to_string(parsed.lesson_ids.size()) + " lessons");
}

void check_screen(const SimulatedScreen& screen) {
    const std::string name = "screen '" + screen.id + "'";
    require(pack_rules::id_problem(screen.id).empty(), "accepted the screen id '" + screen.id + "'");
    require(has_zh(screen.title), "accepted " + name + " without a zh-CN title");
    require(!screen.elements.empty() && screen.elements.size() <= kMaxElements,
            "accepted " + name + " with " + std::to_string(screen.elements.size()) + " elements");
    const std::vector<std::string> ids = tappable_ids(screen);
    std::set<std::string> unique(ids.begin(), ids.end());
    require(unique.size() == ids.size(), "accepted " + name + " with an id used twice");
    for (const auto& id : ids) require(pack_rules::id_problem(id).empty(), "accepted the id '" + id + "' on " + name);
    for (const auto& element : screen.elements) {
        require(!element.id.empty(), "accepted an element without an id on " + name);
        switch (element.type) {
        case ElementType::Text:
        case ElementType::Button:
        case ElementType::ChatBubble:
            require(has_zh(element.text), "accepted element '" + element.id + "' without zh-CN text");
            break;
        case ElementType::AppGrid:
        case ElementType::List: {
            const bool grid = element.type == ElementType::AppGrid;
            const std::size_t max = grid ? kMaxGridItems : kMaxListItems;
            require(!element.items.empty() && element.items.size() <= max,
                    "accepted element '" + element.id + "' with " + std::to_string(element.items.size()) + " items");
            for (const auto& item : element.items) {
                require(has_zh(item.text), "accepted item '" + item.id + "' without zh-CN text");
                if (grid) require(pack_rules::is_builtin_icon(item.icon), "accepted the icon '" + item.icon + "'");
            }
            break;
        }
        case ElementType::PaymentSheet:
            require(has_zh(element.payee) && has_zh(element.button) && !element.amount.empty(),
                    "accepted payment sheet '" + element.id + "' without payee, button or amount");
            break;
        case ElementType::Picture:
            require(pack_rules::path_problem(element.file).empty(), "accepted the picture file '" + element.file + "'");
            break;
        case ElementType::TextField:
        case ElementType::QrCode: break;
        }
    }
}

void check_lesson(std::string_view text) {
    static const std::string kFile = "lessons/fuzz/lesson.json";
    std::vector<PackProblem> problems;
    const ParsedLesson parsed = parse_lesson(text, kFile, problems);
    check_problems(problems, kFile);
    // Whatever the verdict, a file reference that was listed is a safe path.
    for (const auto& file : parsed.files)
        require(pack_rules::path_problem(file.path).empty(), "listed the unsafe file reference '" + file.path + "'");
    if (has_errors(problems)) return;

    // Accepted: every rule of lesson.json holds.
    const Lesson& lesson = parsed.lesson;
    require(pack_rules::id_problem(lesson.id).empty(), "accepted the lesson id '" + lesson.id + "'");
    require(has_zh(lesson.title) && has_zh(lesson.summary), "accepted a lesson title or summary without zh-CN");
    require(pack_rules::is_builtin_icon(lesson.icon), "accepted the lesson icon '" + lesson.icon + "'");
    require(lesson.minutes >= 1 && lesson.minutes <= kMaxMinutes, "accepted minutes " + std::to_string(lesson.minutes));
    require(!lesson.steps.empty() && lesson.steps.size() <= kMaxSteps,
            "accepted " + std::to_string(lesson.steps.size()) + " steps");
    for (const auto& [id, screen] : lesson.screens) {
        require(id == screen.id, "screen stored under '" + id + "' says it is '" + screen.id + "'");
        check_screen(screen);
    }
    for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
        const LessonStep& step = lesson.steps[i];
        const std::string name = "step " + std::to_string(i + 1);
        require(has_zh(step.say), "accepted " + name + " without zh-CN \"say\"");
        if (!step.show.by_language.empty()) require(has_zh(step.show), "accepted " + name + " with a \"show\" without zh-CN");
        if (!step.picture.empty())
            require(pack_rules::path_problem(step.picture).empty(), "accepted the picture '" + step.picture + "'");
        for (const auto& [language, clip] : step.narration)
            require(pack_rules::path_problem(clip).empty(), "accepted the narration '" + clip + "'");
        const SimulatedScreen* screen = nullptr;
        if (!step.screen.empty()) {
            const auto it = lesson.screens.find(step.screen);
            require(it != lesson.screens.end(), "accepted " + name + " showing the unknown screen '" + step.screen + "'");
            screen = &it->second;
        }
        switch (step.action.type) {
        case ActionType::Next: break;
        case ActionType::Tap: {
            // The one the player depends on: a tap target is on the step's own screen.
            require(screen != nullptr, "accepted " + name + ": a tap with no screen");
            const auto ids = tappable_ids(*screen);
            require(std::find(ids.begin(), ids.end(), step.action.target) != ids.end(),
                    "accepted " + name + ": tap target '" + step.action.target + "' is not on screen '" + step.screen + "'");
            require(has_zh(step.action.hint), "accepted " + name + ": a tap without a zh-CN hint");
            break;
        }
        case ActionType::Choose: {
            const auto& answers = step.action.answers;
            require(answers.size() >= kMinAnswers && answers.size() <= kMaxAnswers,
                    "accepted " + name + " with " + std::to_string(answers.size()) + " answers");
            require(std::any_of(answers.begin(), answers.end(), [](const Answer& a) { return a.correct; }),
                    "accepted " + name + " with no right answer");
            for (const auto& answer : answers)
                require(has_zh(answer.text) && has_zh(answer.explain), "accepted an answer of " + name + " without zh-CN");
            break;
        }
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const char which = static_cast<char>(data[0]);
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    // The parsers promise never to throw: anything escaping is a bug.
    try {
        if (which != 'L') check_manifest(text);
        if (which != 'M') check_lesson(text);
    } catch (const std::exception& error) {
        fail(std::string("an exception escaped the parser: ") + error.what());
    } catch (...) {
        fail("a non-standard exception escaped the parser");
    }
    return 0;
}
