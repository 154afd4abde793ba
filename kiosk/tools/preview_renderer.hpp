#pragma once
// Drives a whole kiosk, headless, through every step of every lesson of a pack and
// writes a PNG of each screen: what a senior will see, in each language, before the
// pack goes anywhere near a kiosk.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "core/lessons/lesson_pack.hpp"

namespace qiao::tools {

struct PreviewOptions {
    std::filesystem::path pack_folder;  // already validated
    std::filesystem::path out;          // pictures go to out/<lang>/...
    std::vector<std::string> languages; // each offered by the kiosk
    int width = 1280, height = 800;     // the kiosk's window, in pixels
    bool show_unsigned_notice = false;  // the kiosk would show this pack only in development mode
};

struct PreviewShot {
    std::string language;
    std::string lesson_id;  // empty for the lesson list
    std::string caption;    // "Step 2 of 3", "Lesson list", "Lesson done"
    std::filesystem::path file;  // relative to PreviewOptions::out
};

// Throws std::runtime_error (or PackError) naming what could not be done.
std::vector<PreviewShot> render_preview(const core::LessonPack& pack, const PreviewOptions& options, std::ostream& err);

// Writes out/index.html: every picture, by language and lesson, for a browser.
void write_preview_index(const core::LessonPack& pack, const std::vector<PreviewShot>& shots, const std::filesystem::path& out);

}  // namespace qiao::tools
