#include "core/lessons/lesson_library.hpp"

#include <algorithm>

#include "core/lessons/pack_installer.hpp"
#include "core/lessons/pack_reader.hpp"
#include "core/lessons/pack_text.hpp"

namespace qiao::core {

LessonLibrary LessonLibrary::load(const std::filesystem::path& packs_dir, Log& log) {
    LessonLibrary library;
    std::error_code ec;
    if (!std::filesystem::is_directory(packs_dir, ec)) return library;
    // Listing needs no keys: what is installed was verified when it was installed.
    const PackInstaller installer(packs_dir, {});
    // Installing verified every file; at start-up only the reading is needed.
    PackLimits installed_pack;
    installed_pack.decode_media = false;
    for (const InstalledPack& installed : installer.list_installed()) {
        PackReadResult read = read_pack(installed.folder, installed_pack);
        if (!read.pack) {
            std::string why;
            for (const auto& p : read.problems)
                if (p.severity == PackProblem::Severity::Error) why += "\n  " + describe(p);
            log.warning("lesson pack " + installed.id + " " + installed.current_version + " in " + installed.folder.string() +
                        " cannot be read and is left out:" + why);
            continue;
        }
        library.packs_.push_back(std::move(*read.pack));
    }
    return library;
}

std::vector<const LessonPack*> LessonLibrary::shown_packs(const std::vector<std::string>& disabled) const {
    std::vector<const LessonPack*> shown;
    for (const auto& p : packs_)
        if (std::find(disabled.begin(), disabled.end(), p.id) == disabled.end()) shown.push_back(&p);
    return shown;
}

const LessonPack* LessonLibrary::find_pack(const std::string& pack_id) const {
    for (const auto& p : packs_)
        if (p.id == pack_id) return &p;
    return nullptr;
}

const Lesson* LessonLibrary::find_lesson(const std::string& pack_id, const std::string& lesson_id) const {
    const LessonPack* pack = find_pack(pack_id);
    if (!pack) return nullptr;
    for (const auto& l : pack->lessons)
        if (l.id == lesson_id) return &l;
    return nullptr;
}

std::u32string LessonLibrary::code_points() const {
    std::u32string all;
    for (const auto& p : packs_) {
        const std::u32string more = pack_code_points(p);
        all.insert(all.end(), more.begin(), more.end());
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all;
}

std::size_t LessonLibrary::lesson_count() const {
    std::size_t n = 0;
    for (const auto& p : packs_) n += p.lessons.size();
    return n;
}

}  // namespace qiao::core
