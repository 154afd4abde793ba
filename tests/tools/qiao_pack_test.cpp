// qiao-pack in-process: its command line, its one-line summary, and the promise that
// `new` makes a pack `validate` accepts. The whole program is tested from outside by
// tests/cli/qiao_pack_*.sh.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "tools/cli_args.hpp"
#include "tools/command.hpp"
#include "tools/pack_check.hpp"

using namespace qiao::tools;
namespace fs = std::filesystem;

namespace {
const fs::path kPacks = fs::path(QIAO_SOURCE_DIR) / "tests" / "packs";
}

TEST_CASE("qiao-pack: options, repeated options and mistakes") {
    const ArgSpec spec{{"--out", "--trust"}, {"--quiet"}, 1, 1, "the pack FOLDER"};
    const Args a = parse_args({"pack", "--trust", "a.pub", "--trust=b.pub", "--out", "x.qpack", "--quiet"}, spec);
    CHECK(a.positional == std::vector<std::string>{"pack"});
    CHECK(a.all("--trust") == std::vector<std::string>{"a.pub", "b.pub"});
    CHECK(a.value("--out") == "x.qpack");
    CHECK(a.has("--quiet"));
    CHECK(parse_args({"--help", "--nonsense"}, spec).help);
    CHECK_THROWS_WITH_AS(parse_args({"pack", "--colour"}, spec), "'--colour' is not an option of this command", UsageError);
    CHECK_THROWS_WITH_AS(parse_args({"pack", "--out"}, spec), "--out needs a value after it", UsageError);
    CHECK_THROWS_WITH_AS(parse_args({}, spec), "the pack FOLDER is needed", UsageError);
    CHECK_THROWS_AS(parse_args({"a", "b"}, spec), UsageError);
    CHECK_THROWS_WITH_AS(Args{}.required("--key"), "--key is needed", UsageError);
}

TEST_CASE("qiao-pack: the summary counts problems and files, or sums up a good pack") {
    const CheckResult good = check_pack(kPacks / "good" / "minimal", {});
    CHECK(good.ok());
    CHECK(summary_line(good) == "OK: 1 lesson, 3 steps, languages zh-CN, en");

    const CheckResult bad = check_pack(kPacks / "broken" / "bad-version", {});
    CHECK_FALSE(bad.ok());
    std::ostringstream lines;
    print_problems(bad.problems, lines);
    CHECK(lines.str().rfind("error: pack.json at /version: ", 0) == 0);
    CHECK(summary_line(bad).find(" in 1 file") != std::string::npos);
}

TEST_CASE("qiao-pack: new makes a pack that validates") {
    const fs::path dir = fs::path(QIAO_TEST_TMP) / "tools" / "new-pack";
    fs::remove_all(dir);
    std::ostringstream out, err;
    CHECK(new_command().run({dir.string(), "--id", "org.example.test"}, out, err) == kExitOk);
    const CheckResult check = check_pack(dir, {});
    INFO(out.str());
    CHECK(check.problems.empty());
    CHECK(summary_line(check) == "OK: 1 lesson, 3 steps, languages zh-CN, en");
    // A second run would overwrite the author's work: it is refused.
    CHECK_THROWS_AS(new_command().run({dir.string(), "--id", "org.example.test"}, out, err), UsageError);
}
