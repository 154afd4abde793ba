#pragma once
// FontSet: the three faces the kiosk draws with (body, title, display), rasterised by
// FreeType from one CJK font that fontconfig finds at run time (a Debian package such
// as fonts-wqy-microhei; never a copy in the tree).
//
// The atlas holds exactly the characters the app can show (every string of every
// catalog, plus ASCII), not the 21 000 ideographs of ChineseFull: at 40-84 px that
// would be 64-512 MB (../shared/notes/cpp-stack.md §2). The display face (the huge
// characters on the home choices) holds only its own few characters.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include <imgui.h>

#include "ui/theme.hpp"

namespace qiao::ui {

class FontError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct FontFile {
    std::filesystem::path path;
    int face_index = 0;
    std::string family;
};

// Asks fontconfig for a font covering Simplified and Traditional Chinese. Throws
// FontError naming the Debian package to install when there is none.
FontFile find_cjk_font();
// A font the site chose (config font_file); FontError when it cannot be read.
FontFile font_from_file(const std::filesystem::path& path);

struct FontBuildStats {
    int glyphs = 0;
    int atlas_width = 0;
    int atlas_height = 0;
    double build_ms = 0;
};

class FontSet {
public:
    // (Re)builds the atlas for these metrics. text_chars: every character body and
    // title text may use; display_chars: the few the display face needs.
    void build(ImFontAtlas& atlas, const FontFile& file, const std::u32string& text_chars,
               const std::u32string& display_chars, const Metrics& metrics);

    ImFont* body() const { return body_; }
    ImFont* title() const { return title_; }
    ImFont* display() const { return display_; }
    const FontBuildStats& stats() const { return stats_; }

private:
    ImFont* body_ = nullptr;
    ImFont* title_ = nullptr;
    ImFont* display_ = nullptr;
    // The atlas keeps pointers into these until it is rebuilt.
    ImVector<ImWchar> text_ranges_;
    ImVector<ImWchar> display_ranges_;
    FontBuildStats stats_;
};

// The characters of text that the font cannot draw (would show as a box).
std::u32string missing_glyphs(const ImFont& font, const std::u32string& text);

}  // namespace qiao::ui

namespace qiao::ui {

// The characters of text that file cannot draw at all: checked before a lesson pack
// is installed, so no pack can ever show an empty box.
std::u32string characters_without_glyphs(const FontFile& file, const std::u32string& text);

}  // namespace qiao::ui
