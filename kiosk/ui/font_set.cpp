#include "ui/font_set.hpp"

#include <fontconfig/fontconfig.h>
#include <imgui_freetype.h>

#include <chrono>
#include <fstream>
#include <memory>

namespace qiao::ui {

namespace {

struct FcPatternDeleter {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
using PatternPtr = std::unique_ptr<FcPattern, FcPatternDeleter>;

// Characters every face can show whatever the catalogs say: ASCII for numbers, times
// and codes, the symbols the screens themselves draw, and the fallback box itself.
void add_basics(ImFontGlyphRangesBuilder& builder) {
    for (ImWchar c = 0x20; c < 0x7F; ++c) builder.AddChar(c);
    builder.AddChar(0xFFFD);
    builder.AddChar(0x2026);  // …
    builder.AddChar(0x00A5);  // ¥: amounts on simulated payment screens
    builder.AddChar(0x25CF);  // ● ○: the digits of a PIN, never shown
    builder.AddChar(0x25CB);
    builder.AddChar(0x2013);  // –: 09:30–10:30
    builder.AddChar(0x00B7);  // ·: between a date and its weekday
    builder.AddChar(0x2022);  // •: a list of plain "don'ts"
}

void add_chars(ImFontGlyphRangesBuilder& builder, const std::u32string& chars) {
    for (char32_t c : chars)
        if (c >= 0x20 && c <= 0xFFFF) builder.AddChar(static_cast<ImWchar>(c));
}

}  // namespace

FontFile find_cjk_font() {
    // Our own fontconfig configuration, destroyed when done: the kiosk asks once at
    // start-up and keeps nothing of fontconfig's caches afterwards.
    std::unique_ptr<FcConfig, decltype(&FcConfigDestroy)> config(FcInitLoadConfigAndFonts(), &FcConfigDestroy);
    if (!config) throw FontError("fontconfig could not start; install the Debian package fontconfig");
    PatternPtr pattern(FcPatternCreate());
    FcPatternAddString(pattern.get(), FC_LANG, reinterpret_cast<const FcChar8*>("zh-cn"));
    FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>("WenQuanYi Micro Hei"));
    FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>("Noto Sans CJK SC"));
    FcConfigSubstitute(config.get(), pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());
    FcResult result = FcResultNoMatch;
    PatternPtr match(FcFontMatch(config.get(), pattern.get(), &result));
    FcChar8* file = nullptr;
    FcChar8* family = nullptr;
    FcLangSet* langs = nullptr;
    int index = 0;
    if (match && FcPatternGetString(match.get(), FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetLangSet(match.get(), FC_LANG, 0, &langs) == FcResultMatch &&
        FcLangSetHasLang(langs, reinterpret_cast<const FcChar8*>("zh-cn")) != FcLangDifferentLang) {
        FcPatternGetInteger(match.get(), FC_INDEX, 0, &index);
        FcPatternGetString(match.get(), FC_FAMILY, 0, &family);
        return FontFile{reinterpret_cast<const char*>(file), index, family ? reinterpret_cast<const char*>(family) : ""};
    }
    throw FontError(
        "no font that can show Chinese was found; install the Debian package fonts-wqy-microhei "
        "(or fonts-noto-cjk), or set font_file in the config");
}

FontFile font_from_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FontError("font_file " + path.string() + " cannot be read");
    return FontFile{path, 0, path.filename().string()};
}

void FontSet::build(ImFontAtlas& atlas, const FontFile& file, const std::u32string& text_chars,
                    const std::u32string& display_chars, const Metrics& metrics) {
    const auto started = std::chrono::steady_clock::now();
    atlas.Clear();
    text_ranges_.clear();
    display_ranges_.clear();

    ImFontGlyphRangesBuilder text_builder;
    add_basics(text_builder);
    add_chars(text_builder, text_chars);
    text_builder.BuildRanges(&text_ranges_);

    ImFontGlyphRangesBuilder display_builder;
    for (char c : std::string("0123456789")) display_builder.AddChar(static_cast<ImWchar>(c));
    add_chars(display_builder, display_chars);
    display_builder.BuildRanges(&display_ranges_);

    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    // Tall atlases rather than power-of-two padding: less memory for the same glyphs.
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;

    const std::string path = file.path.string();
    auto add = [&](float px, const ImVector<ImWchar>& ranges) {
        ImFontConfig config;
        config.FontNo = file.face_index;
        config.OversampleH = 1;  // FreeType ignores oversampling; say so explicitly
        config.OversampleV = 1;
        config.PixelSnapH = true;
        ImFont* font = atlas.AddFontFromFileTTF(path.c_str(), px, &config, ranges.Data);
        if (!font) throw FontError("the font " + path + " could not be loaded");
        return font;
    };
    body_ = add(metrics.body_px, text_ranges_);
    title_ = add(metrics.title_px, text_ranges_);
    display_ = add(metrics.display_px, display_ranges_);
    if (!atlas.Build()) throw FontError("the glyph atlas could not be built from " + path);

    stats_.glyphs = body_->Glyphs.Size + title_->Glyphs.Size + display_->Glyphs.Size;
    stats_.atlas_width = atlas.TexWidth;
    stats_.atlas_height = atlas.TexHeight;
    stats_.build_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

std::u32string missing_glyphs(const ImFont& font, const std::u32string& text) {
    std::u32string missing;
    for (char32_t c : text) {
        if (c < 0x20 || c == 0x3000) continue;  // control characters and ideographic space draw nothing
        if (c > 0xFFFF || font.FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr)
            if (missing.find(c) == std::u32string::npos) missing.push_back(c);
    }
    return missing;
}

}  // namespace qiao::ui

namespace qiao::ui {

std::u32string characters_without_glyphs(const FontFile& file, const std::u32string& text) {
    // A small atlas holding just these characters: FreeType reports what the face lacks.
    ImFontAtlas atlas;
    ImFontGlyphRangesBuilder builder;
    for (char32_t c : text)
        if (c >= 0x20 && c <= 0xFFFF) builder.AddChar(static_cast<ImWchar>(c));
    ImVector<ImWchar> ranges;
    builder.BuildRanges(&ranges);
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    ImFontConfig config;
    config.FontNo = file.face_index;
    ImFont* font = atlas.AddFontFromFileTTF(file.path.string().c_str(), 16.0f, &config, ranges.Data);
    if (!font || !atlas.Build()) throw FontError("the font " + file.path.string() + " could not be loaded");
    return missing_glyphs(*font, text);
}

}  // namespace qiao::ui
