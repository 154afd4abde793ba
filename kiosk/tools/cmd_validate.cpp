// qiao-pack validate: every problem of a pack at once, so an author fixes them all in one go.
#include <iostream>

#include "tools/cli_args.hpp"
#include "tools/command.hpp"
#include "tools/pack_check.hpp"

namespace qiao::tools {
namespace {

const char* const kHelp = R"(qiao-pack validate FOLDER [--trust KEYFILE.pub ...] [--font FONTFILE]

Checks a lesson pack folder against every rule of docs/lesson-pack.md and prints
every problem at once, one a line:

  error: lessons/pay/lesson.json at /steps/3/action/target: step 4 says tap ...
  warning: pack.json at /tittle: the pack has "tittle", ... did you mean "title"?

Each line names the file, the place in it (a line and column, or a path such as
/steps/3/action/target, where the step numbers count from 0), and what to do.
An "error" stops kiosks from installing the pack; a "warning" does not, but is
probably a mistake. The last line sums up: "2 errors, 1 warning in 2 files", or
"OK: 4 lessons, 41 steps, languages zh-CN, en".

It also checks that the kiosk's font can draw every character the pack uses, and,
if the pack has been signed (it has a SIGNATURE file), that no file was changed,
added or removed since, naming each one.

  --trust KEYFILE.pub  also require the pack to be signed with this publisher key
                       (give --trust more than once to accept any of several keys)
  --font FONTFILE      check the characters against this font instead of the
                       Chinese font this computer would use

Exit code: 0 when there is no error (warnings are allowed), 1 when there is any
error, 2 when the command itself was typed wrongly.
)";

int run(const std::vector<std::string>& words, std::ostream& out, std::ostream&) {
    const Args args = parse_args(words, {{"--trust", "--font"}, {}, 1, 1, "the pack FOLDER"});
    if (args.help) {
        out << kHelp;
        return kExitOk;
    }
    const std::filesystem::path folder = args.positional[0];
    require_folder(folder);
    CheckOptions options;
    try {
        options.trusted = load_keys(args.all("--trust"));
    } catch (const std::exception& e) {
        throw UsageError(e.what());  // the wrong file was named on the command line
    }
    options.font = args.value("--font");
    const CheckResult result = check_pack(folder, options);
    print_problems(result.problems, out);
    out << summary_line(result) << "\n";
    return result.ok() ? kExitOk : kExitFailed;
}

}  // namespace

Command validate_command() {
    return {"validate", "check a pack and list every problem in it, with what to do", kHelp, run};
}

}  // namespace qiao::tools
