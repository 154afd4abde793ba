#include "tools/pack_check.hpp"

#include <set>

#include "core/i18n/catalog.hpp"
#include "core/lessons/pack_hashes.hpp"
#include "core/lessons/pack_reader.hpp"
#include "core/lessons/pack_text.hpp"
#include "tools/cli_args.hpp"
#include "tools/text_util.hpp"
#include "ui/font_set.hpp"

namespace fs = std::filesystem;
using qiao::core::PackProblem;

namespace qiao::tools {
namespace {

PackProblem error(std::string file, std::string message) {
    return {PackProblem::Severity::Error, std::move(file), "", std::move(message)};
}

// Which file's words need which characters, so a missing glyph is reported where the
// author can change the words: pack.json for the pack's own texts, else the lesson's file.
void check_glyphs(const core::LessonPack& pack, const CheckOptions& options, std::vector<PackProblem>& out) {
    ui::FontFile font;
    try {
        font = options.font.empty() ? ui::find_cjk_font() : ui::font_from_file(options.font);
    } catch (const std::exception& e) {
        // The author's computer, not the pack, is at fault: the kiosk checks again on install.
        out.push_back({PackProblem::Severity::Warning, "", "",
                       std::string("the characters could not be checked against a font: ") + e.what()});
        return;
    }
    const auto check = [&](const core::LessonPack& part, const std::string& file) {
        const std::u32string missing = ui::characters_without_glyphs(font, core::pack_code_points(part));
        if (missing.empty()) return;
        out.push_back(error(file, "the kiosk's font (" + font.path.filename().string() +
                                      ") cannot draw these characters: " + core::spaced_characters(missing) +
                                      "; use other words, or ask the site to install a font that has them"));
    };
    core::LessonPack manifest_only;
    manifest_only.title = pack.title;
    manifest_only.summary = pack.summary;
    check(manifest_only, "pack.json");
    for (const core::Lesson& lesson : pack.lessons) {
        core::LessonPack one;
        one.lessons.push_back(lesson);
        check(one, "lessons/" + lesson.id + "/lesson.json");
    }
}

void check_signature(const fs::path& folder, const CheckOptions& options, CheckResult& result) {
    std::error_code ec;
    const bool has_signature = fs::exists(fs::symlink_status(folder / core::kSignatureFileName, ec));
    if (!has_signature) {
        if (!options.trusted.empty())
            result.problems.push_back(error(core::kSignatureFileName,
                                            "the pack is not signed, so it cannot be checked against the --trust keys; "
                                            "sign it with qiao-pack sign"));
        return;
    }
    core::SignatureCheck check;
    try {
        // Trust is judged below against the --trust keys; verify_pack judges the rest.
        check = core::verify_pack(folder, options.trusted, core::VerifyOptions{true});
    } catch (const std::exception& e) {
        result.problems.push_back(error(core::kSignatureFileName, e.what()));
        return;
    }
    std::set<std::string> change_lines;
    for (const core::FileChange& change : check.changes) {
        change_lines.insert(change.message());
        const char* what = change.kind == core::FileChange::Kind::Changed ? "this file was changed after signing"
                           : change.kind == core::FileChange::Kind::Added ? "this file was added after signing"
                                                                          : "this file was removed after signing";
        result.problems.push_back(error(change.path, std::string(what) +
                                                         "; if that was you, sign the pack again with qiao-pack sign, "
                                                         "otherwise get a fresh copy from its publisher"));
    }
    for (const std::string& problem : check.problems)
        if (!change_lines.count(problem)) result.problems.push_back(error(core::kSignatureFileName, problem));
    if (check.signature_valid && !options.trusted.empty() && !check.trusted)
        result.problems.push_back(error(core::kSignatureFileName,
                                        "the pack is signed by \"" + check.publisher + "\" with key " + check.fingerprint +
                                            ", which is none of the keys given with --trust"));
    result.signature = std::move(check);
}

}  // namespace

CheckResult check_pack(const fs::path& folder, const CheckOptions& options) {
    CheckResult result;
    core::PackReadResult read = core::read_pack(folder);
    result.problems = std::move(read.problems);
    if (read.pack) {
        check_glyphs(*read.pack, options, result.problems);
        result.pack = std::move(read.pack);
    }
    if (options.check_signature) check_signature(folder, options, result);
    return result;
}

void print_problems(const std::vector<PackProblem>& problems, std::ostream& out) {
    for (const PackProblem& problem : problems) {
        const bool warning = problem.severity == PackProblem::Severity::Warning;
        // The line already starts with "warning:", so describe's own "(warning)" is left out.
        PackProblem plain = problem;
        plain.severity = PackProblem::Severity::Error;
        out << (warning ? "warning: " : "error: ") << core::describe(plain) << "\n";
    }
}

std::string count(std::size_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string summary_line(const CheckResult& result) {
    std::size_t errors = 0, warnings = 0;
    std::set<std::string> files;
    for (const PackProblem& p : result.problems) {
        (p.severity == PackProblem::Severity::Error ? errors : warnings) += 1;
        files.insert(p.file);
    }
    const std::string warned = warnings ? " (" + count(warnings, "warning", "warnings") + ")" : "";
    if (errors > 0 || !result.pack)
        return count(errors, "error", "errors") + ", " + count(warnings, "warning", "warnings") + " in " +
               count(files.size(), "file", "files");
    std::size_t steps = 0;
    for (const auto& lesson : result.pack->lessons) steps += lesson.steps.size();
    std::string line = "OK: " + count(result.pack->lessons.size(), "lesson", "lessons") + ", " +
                       count(steps, "step", "steps") + ", languages " + join(core::pack_languages(*result.pack));
    if (result.signature && result.signature->signature_valid)
        line += "; signed by " + result.signature->publisher + " (key " + result.signature->fingerprint + ")";
    return line + warned;
}

std::vector<core::PublisherKey> load_keys(const std::vector<std::string>& files) {
    std::vector<core::PublisherKey> keys;
    for (const std::string& file : files) keys.push_back(core::load_public_key(file));
    return keys;
}

void require_folder(const fs::path& folder) {
    std::error_code ec;
    if (!fs::exists(folder, ec)) throw UsageError("there is no folder " + folder.string() + "; check the name and where you are");
    if (!fs::is_directory(folder, ec))
        throw UsageError(folder.string() + " is a file, not a pack folder; give the folder that holds pack.json");
}

}  // namespace qiao::tools
