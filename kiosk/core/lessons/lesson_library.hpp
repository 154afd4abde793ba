#pragma once
// LessonLibrary: the lesson packs installed on this kiosk, read into memory once (at
// start-up and after an install), so the lesson screens never touch the disk. A pack
// that no longer reads cleanly is left out, and the reason logged for staff.
#include <filesystem>
#include <string>
#include <vector>

#include "core/lessons/lesson_pack.hpp"
#include "core/log.hpp"

namespace qiao::core {

class LessonLibrary {
public:
    // Reads the current version of every pack installed under packs_dir (PackInstaller's layout).
    static LessonLibrary load(const std::filesystem::path& packs_dir, Log& log);

    // Every pack installed and readable (the staff's list).
    const std::vector<LessonPack>& packs() const { return packs_; }
    // The packs a senior is offered: all but those switched off at this site
    // (PackAvailability::disabled(), sorted), in the order of packs().
    std::vector<const LessonPack*> shown_packs(const std::vector<std::string>& disabled) const;
    const LessonPack* find_pack(const std::string& pack_id) const;
    const Lesson* find_lesson(const std::string& pack_id, const std::string& lesson_id) const;
    // Every character any pack may show, for the glyph atlas.
    std::u32string code_points() const;
    std::size_t lesson_count() const;

private:
    std::vector<LessonPack> packs_;
};

}  // namespace qiao::core
