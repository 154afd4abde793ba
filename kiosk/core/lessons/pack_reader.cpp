#include "core/lessons/pack_reader.hpp"

#include <algorithm>
#include <set>

#include "core/lessons/media_checks.hpp"
#include "core/lessons/pack_files.hpp"
#include "core/lessons/pack_parse.hpp"

namespace qiao::core {
namespace {

namespace fs = std::filesystem;

// Reads a JSON file of the pack, or says why not (as a problem about that file).
std::optional<std::string> read_json_file(const fs::path& root, const std::string& name, const PackLimits& limits,
                                          std::vector<PackProblem>& problems, const std::string& if_missing) {
    FileProblems file(name, problems);
    const PackEntry entry = inspect_in_pack(root, name);
    switch (entry.kind) {
    case PackEntry::Kind::Missing: file.error("", if_missing); return std::nullopt;
    case PackEntry::Kind::Folder: file.error("", "this is a folder, but it should be a file"); return std::nullopt;
    case PackEntry::Kind::Link:
    case PackEntry::Kind::Other: return std::nullopt;  // reported by check_pack_tree
    case PackEntry::Kind::File: break;
    }
    if (entry.size > limits.max_json_bytes) {
        file.error("", "this file is " + size_words(entry.size) + ", but it may be at most " +
                           size_words(limits.max_json_bytes) + "; pictures and recordings belong in their own files");
        return std::nullopt;
    }
    auto text = read_file_bytes(root / name, limits.max_json_bytes);
    if (!text) file.error("", "this file cannot be read");
    return text;
}

std::optional<Lesson> read_lesson(const fs::path& root, const std::string& id, std::size_t index,
                                  const PackLimits& limits, std::vector<PackProblem>& problems,
                                  std::set<std::string>& checked) {
    const std::string folder = "lessons/" + id;
    const std::string name = folder + "/lesson.json";
    const auto text = read_json_file(root, name, limits, problems,
                                     "this file is missing, but pack.json lists the lesson '" + id + "' (at /lessons/" +
                                         std::to_string(index) + "); add the file, or take '" + id + "' off the list");
    if (!text) return std::nullopt;
    ParsedLesson parsed = parse_lesson(*text, name, problems);
    FileProblems file(name, problems);
    if (!parsed.lesson.id.empty() && parsed.lesson.id != id)
        file.error("/id", "the lesson's id is '" + parsed.lesson.id + "' but its folder is named '" + id +
                              "'; they must be the same: change the id, or rename the folder (and its entry in "
                              "pack.json)");
    for (const auto& reference : parsed.files) check_referenced_file(root, folder, reference, limits, file, checked);
    return std::move(parsed.lesson);
}

// A folder under lessons/ that pack.json does not list is never shown: likely forgotten.
void warn_unlisted(const fs::path& root, const std::vector<std::string>& listed, std::vector<PackProblem>& problems) {
    if (inspect_in_pack(root, "lessons").kind != PackEntry::Kind::Folder) return;
    std::error_code error;
    std::vector<std::string> unlisted;
    for (fs::directory_iterator it(root / "lessons", error), end; !error && it != end; it.increment(error)) {
        const std::string name = it->path().filename().string();
        std::error_code status_error;
        if (it->symlink_status(status_error).type() != fs::file_type::directory) continue;
        if (std::find(listed.begin(), listed.end(), name) == listed.end()) unlisted.push_back(name);
    }
    std::sort(unlisted.begin(), unlisted.end());
    for (const auto& name : unlisted)
        problems.push_back({PackProblem::Severity::Warning, "lessons/" + name, "",
                            "this lesson folder is not listed in \"lessons\" in pack.json, so it will not be shown; "
                            "add '" + name + "' to the list, or remove the folder"});
}

}  // namespace

PackReadResult read_pack(const fs::path& folder, const PackLimits& limits) {
    PackReadResult result;
    std::error_code error;
    if (!fs::is_directory(folder, error)) {
        result.problems.push_back({PackProblem::Severity::Error, "", "",
                                   "there is no folder at " + folder.string() +
                                       "; a pack is a folder holding pack.json and a lessons folder"});
        return result;
    }
    check_pack_tree(folder, limits, result.problems);
    const auto manifest_text = read_json_file(folder, "pack.json", limits, result.problems,
                                              "this folder has no pack.json, so it is not a lesson pack (or it is the "
                                              "wrong folder: choose the one that holds pack.json)");
    if (!manifest_text) return result;
    ParsedManifest manifest = parse_manifest(*manifest_text, result.problems);

    std::set<std::string> checked;
    LessonPack& pack = manifest.pack;
    for (std::size_t i = 0; i < manifest.lesson_ids.size(); ++i)
        if (auto lesson = read_lesson(folder, manifest.lesson_ids[i], i, limits, result.problems, checked))
            pack.lessons.push_back(std::move(*lesson));
    if (manifest.lessons_read) warn_unlisted(folder, manifest.lesson_ids, result.problems);

    if (!has_errors(result.problems)) {
        pack.root = folder;
        result.pack = std::move(pack);
    }
    return result;
}

}  // namespace qiao::core
