// The deterministic mutation fuzzer (tests/core/fuzz_support.hpp) over the text of
// pack.json and lesson.json. Whatever the bytes, the parsers must return (never
// throw, never crash under the sanitizers) with problems a person can read; and
// what they accept must hold together.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/fuzz_support.hpp"
#include "core/lessons/pack_parse.hpp"
#include "core/lessons/pack_reader.hpp"
#include "core/lessons/pack_text.hpp"
#include "core/pack_test_support.hpp"

using namespace qiao::core;
using namespace qiao::test;

namespace {

struct PackFuzzReport {
    int runs = 0;
    int refused = 0;  // at least one Error
    std::vector<std::string> failures;

    void fail(const std::string& what, const std::string& input) {
        if (failures.size() < 10) failures.push_back(what + " for input of " + std::to_string(input.size()) + " bytes");
    }
};

// Every problem names its file and says something.
void check_problems(const std::vector<PackProblem>& problems, const std::string& file, const std::string& input,
                    PackFuzzReport& report) {
    for (const auto& problem : problems) {
        if (problem.file != file) report.fail("a problem names the file '" + problem.file + "'", input);
        if (problem.message.empty()) report.fail("a problem with an empty message", input);
    }
    if (has_errors(problems)) ++report.refused;
}

// An accepted lesson must be playable: steps in range, every tap on an existing id.
bool lesson_holds_together(const Lesson& lesson) {
    if (lesson.steps.empty() || lesson.steps.size() > kMaxSteps) return false;
    for (const auto& step : lesson.steps) {
        if (!step.screen.empty() && lesson.screens.count(step.screen) == 0) return false;
        if (step.action.type == ActionType::Tap) {
            if (step.screen.empty()) return false;
            const auto& screen = lesson.screens.at(step.screen);
            bool found = false;
            for (const auto& element : screen.elements) {
                found = found || element.id == step.action.target;
                for (const auto& item : element.items) found = found || item.id == step.action.target;
            }
            if (!found) return false;
        }
        if (step.action.type == ActionType::Choose &&
            (step.action.answers.size() < kMinAnswers || step.action.answers.size() > kMaxAnswers ||
             std::none_of(step.action.answers.begin(), step.action.answers.end(),
                          [](const Answer& a) { return a.correct; })))
            return false;
        if (step.say.in("zh-CN").empty()) return false;
    }
    return true;
}

void report_and_check(const char* what, const PackFuzzReport& report) {
    MESSAGE(std::string(what) << ": " << report.runs << " inputs, " << report.refused << " refused with problems");
    for (const auto& failure : report.failures) MESSAGE(failure);
    CHECK(report.failures.empty());
    CHECK(report.refused > 0);
    CHECK(report.refused < report.runs);  // some mutations must get past the syntax check
}

std::vector<std::string> lesson_corpus() {
    const std::string good = slurp(good_pack() / kLessonJson);
    std::vector<std::string> corpus = {good, slurp(packs_dir() / "broken/unknown-element-id" / kLessonJson),
                                       slurp(packs_dir() / "broken/choose-without-correct" / kLessonJson)};
    // The same lesson without spaces: mutations then land on structure more often.
    corpus.push_back(nlohmann::json::parse(good).dump());
    return corpus;
}

}  // namespace

TEST_CASE("fuzz: parse_manifest never throws and names pack.json") {
    const std::string good = slurp(good_pack() / "pack.json");
    const std::vector<std::string> corpus = {good, nlohmann::json::parse(good).dump(),
                                             slurp(packs_dir() / "broken/bad-version/pack.json")};
    Random random(0x9AC4ull);
    PackFuzzReport report;
    for (int i = 0; i < 5000; ++i) {
        const std::string input = mutate(random, corpus);
        std::vector<PackProblem> problems;
        try {
            const ParsedManifest manifest = parse_manifest(input, problems);
            check_problems(problems, "pack.json", input, report);
            if (!has_errors(problems) && (manifest.lesson_ids.empty() || manifest.pack.title.in("zh-CN").empty()))
                report.fail("an accepted manifest without lessons or a title", input);
        } catch (const std::exception& error) {
            report.fail(std::string("an exception: ") + error.what(), input);
        }
        ++report.runs;
    }
    report_and_check("parse_manifest", report);
}

TEST_CASE("fuzz: parse_lesson never throws, and what it accepts can be played") {
    const std::vector<std::string> corpus = lesson_corpus();
    Random random(0x1E55011ull);
    PackFuzzReport report;
    for (int i = 0; i < 5000; ++i) {
        const std::string input = mutate(random, corpus);
        std::vector<PackProblem> problems;
        try {
            const ParsedLesson parsed = parse_lesson(input, kLessonJson, problems);
            check_problems(problems, kLessonJson, input, report);
            if (!has_errors(problems) && !lesson_holds_together(parsed.lesson))
                report.fail("an accepted lesson that cannot be played", input);
        } catch (const std::exception& error) {
            report.fail(std::string("an exception: ") + error.what(), input);
        }
        ++report.runs;
    }
    report_and_check("parse_lesson", report);
}

TEST_CASE("fuzz: read_pack on mutated files on disk never throws") {
    // Files are slow next to memory: fewer runs, but the whole path including media checks.
    PackTempDir dir("fuzz");
    const auto pack = copy_of_good_pack(dir);
    const std::vector<std::string> lessons = lesson_corpus();
    const std::vector<std::string> manifests = {slurp(good_pack() / "pack.json")};
    Random random(0xD15C0ull);
    PackFuzzReport report;
    for (int i = 0; i < 200; ++i) {
        const bool manifest = random.chance(30);
        const std::string input = mutate(random, manifest ? manifests : lessons);
        spit(pack / (manifest ? "pack.json" : kLessonJson), input);
        try {
            const PackReadResult result = read_pack(pack);
            if (!result.ok()) ++report.refused;
            if (result.ok() != !has_errors(result.problems)) report.fail("ok() disagrees with the problems", input);
            if (result.ok()) (void)pack_code_points(*result.pack);
        } catch (const std::exception& error) {
            report.fail(std::string("an exception: ") + error.what(), input);
        }
        spit(pack / (manifest ? "pack.json" : kLessonJson), manifest ? manifests[0] : lessons[0]);
        ++report.runs;
    }
    report_and_check("read_pack", report);
}
