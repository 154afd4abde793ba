// qiao-pack inspect: what is in a pack or a .qpack, before anyone installs it.
#include <optional>

#include "core/lessons/pack_archive.hpp"
#include "core/lessons/pack_hashes.hpp"
#include "core/lessons/pack_signature.hpp"
#include "core/lessons/pack_text.hpp"
#include "tools/cli_args.hpp"
#include "tools/command.hpp"
#include "tools/pack_check.hpp"
#include "tools/temp_dir.hpp"
#include "tools/text_util.hpp"

namespace fs = std::filesystem;

namespace qiao::tools {
namespace {

const char* const kHelp = R"(qiao-pack inspect FILE.qpack
qiao-pack inspect FOLDER

Shows what a pack holds, without installing it: its id, version, publisher,
languages, each lesson with its number of steps and minutes, the total size, and
whether it is signed, by whom, with which key fingerprint, and whether anything
changed since it was signed. Use it to check a .qpack before taking it to a site.

Example:
  qiao-pack inspect /media/usb/phone-basics-1.0.0.qpack
)";

std::uintmax_t folder_bytes(const fs::path& folder) {
    std::uintmax_t total = 0;
    for (const std::string& path : core::list_pack_paths(folder, core::SignatureFile::Include))
        total += fs::file_size(folder / path);
    return total;
}

// Sets intact to false when the pack is signed but no longer what its signer made.
std::string signature_status(const fs::path& folder, bool& intact) {
    const core::SignatureCheck s = core::verify_pack(folder, {}, core::VerifyOptions{true});
    intact = s.accepted();
    if (!s.has_signature) return "not signed (kiosks install it only in development mode)";
    if (!s.accepted()) return "BROKEN, no kiosk will install it: " + join(s.problems, "; ");
    return "signed by \"" + s.publisher + "\", key fingerprint " + s.fingerprint + ", intact";
}

// Returns false when the signature is broken.
bool describe_pack(const core::LessonPack& pack, const fs::path& folder, std::ostream& out) {
    const std::string lang = "zh-CN";
    out << "id:         " << pack.id << "\n"
        << "version:    " << pack.version << "\n"
        << "title:      " << pack.title.in(lang);
    if (pack.title.has("en") && pack.title.in("en") != pack.title.in(lang)) out << " / " << pack.title.in("en");
    out << "\npublisher:  " << pack.publisher << "\n"
        << "languages:  " << join(core::pack_languages(pack)) << "\n"
        << "needs Qiao: " << pack.min_app_version << " or newer\n"
        << "lessons:    " << pack.lessons.size() << "\n";
    int minutes = 0;
    for (const core::Lesson& lesson : pack.lessons) {
        minutes += lesson.minutes;
        out << "  " << lesson.id << ": " << lesson.title.in(lang) << ", " << count(lesson.steps.size(), "step", "steps")
            << ", about " << lesson.minutes << " min\n";
    }
    bool intact = true;
    const std::string signature = signature_status(folder, intact);
    out << "in all:     about " << minutes << " min; " << human_size(folder_bytes(folder)) << " of files\n"
        << "signature:  " << signature << "\n";
    return intact;
}

int run(const std::vector<std::string>& words, std::ostream& out, std::ostream&) {
    const Args args = parse_args(words, {{}, {}, 1, 1, "a FILE.qpack or a pack FOLDER"});
    if (args.help) {
        out << kHelp;
        return kExitOk;
    }
    const fs::path given = args.positional[0];
    std::error_code ec;
    if (!fs::exists(given, ec)) throw UsageError("there is no file or folder " + given.string());
    std::optional<TempDir> unpacked;
    fs::path folder = given;
    if (!fs::is_directory(given, ec)) {
        unpacked.emplace("inspect");
        folder = unpacked->path() / "pack";
        core::extract_archive(given, folder);
        out << "file:       " << given.string() << " (" << human_size(fs::file_size(given)) << ")\n";
    }
    CheckOptions options;
    options.check_signature = false;  // reported below, in one line
    const CheckResult check = check_pack(folder, options);
    if (!check.pack) {
        print_problems(check.problems, out);
        out << summary_line(check) << "\nthis pack cannot be shown, and no kiosk would install it: fix the errors above\n";
        return kExitFailed;
    }
    const bool intact = describe_pack(*check.pack, folder, out);
    if (!check.ok()) {
        // Readable, but something else (the font) would stop a kiosk: say so.
        print_problems(check.problems, out);
        out << summary_line(check) << "\n";
    }
    return check.ok() && intact ? kExitOk : kExitFailed;
}

}  // namespace

Command inspect_command() { return {"inspect", "show what a pack or a .qpack holds, and who signed it", kHelp, run}; }

}  // namespace qiao::tools
