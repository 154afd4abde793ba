// Every string of every catalog, drawn with the faces that draw it, has every glyph:
// a senior never sees an empty box where a character should be.
#include <doctest/doctest.h>

#include <imgui.h>
#include <imgui_internal.h>  // ImTextStrToUtf8

#include <sstream>

#include "core/i18n/catalog.hpp"
#include "core/lessons/lesson_library.hpp"
#include "core/lessons/pack_installer.hpp"
#include "ui/font_set.hpp"

using namespace qiao;

namespace {

std::string utf8(char32_t c) {
    ImWchar w = static_cast<ImWchar>(c);
    char buf[8] = {};
    ImTextStrToUtf8(buf, sizeof buf, &w, &w + 1);
    return buf;
}

struct BuiltFonts {
    ImFontAtlas atlas;
    ui::FontSet fonts;
    core::Catalog catalog = core::Catalog::load(std::filesystem::path(QIAO_SOURCE_DIR) / "i18n");

    explicit BuiltFonts(core::TextSize size, const std::u32string& more = {}) {
        std::string display;
        for (const auto& lang : catalog.languages())
            for (const char* key : {"home.learn.label", "home.book.label", "home.help.label"}) display += catalog.text(lang.code, key);
        fonts.build(atlas, ui::find_cjk_font(), catalog.all_code_points() + more, core::decode_utf8(display + "字"),
                    ui::compute_metrics(1920, 1080, size));
    }
};

}  // namespace

TEST_CASE("every character of every catalog string is in the glyph atlas, at every text size") {
    for (auto size : {core::TextSize::Normal, core::TextSize::Large, core::TextSize::Largest}) {
        BuiltFonts built(size);
        int strings = 0;
        std::ostringstream missing;
        for (const auto& lang : built.catalog.languages()) {
            for (const std::string& key : built.catalog.keys()) {
                const std::u32string text = core::decode_utf8(built.catalog.text(lang.code, key));
                ++strings;
                for (const ImFont* face : {built.fonts.body(), built.fonts.title()})
                    for (char32_t c : ui::missing_glyphs(*face, text)) missing << lang.code << " " << key << ": U+" << std::hex << static_cast<unsigned>(c) << std::dec << " " << utf8(c) << "\n";
                if (key.size() > 6 && key.compare(key.size() - 6, 6, ".label") == 0)
                    for (char32_t c : ui::missing_glyphs(*built.fonts.display(), text)) missing << lang.code << " " << key << " (display): " << utf8(c) << "\n";
            }
        }
        INFO("text size " << std::string(core::to_string(size)));
        CHECK_MESSAGE(missing.str().empty(), "missing glyphs:\n" << missing.str());
        CHECK(strings >= 3 * 40);
        MESSAGE("text size " << std::string(core::to_string(size)) << ": " << strings << " strings checked, " << built.fonts.stats().glyphs
                             << " glyphs, atlas " << built.fonts.stats().atlas_width << "x" << built.fonts.stats().atlas_height);
    }
}

TEST_CASE("the symbols the screens draw themselves are in the atlas too") {
    BuiltFonts built(core::TextSize::Normal);
    // "¥" before amounts on a simulated payment sheet; "…" where a long name is cut.
    CHECK(ui::missing_glyphs(*built.fonts.body(), U"¥25.00…9:41").empty());
}

TEST_CASE("a character no catalog uses is reported missing (the check can fail)") {
    BuiltFonts built(core::TextSize::Normal);
    const auto missing = ui::missing_glyphs(*built.fonts.body(), U"学龘");
    REQUIRE(missing.size() == 1);
    CHECK(missing[0] == U'龘');
}

TEST_CASE("the atlas stays small: only the app's characters, not all of Chinese") {
    BuiltFonts built(core::TextSize::Largest);
    const auto& s = built.fonts.stats();
    const double mib = static_cast<double>(s.atlas_width) * s.atlas_height * 4 / (1024.0 * 1024.0);
    MESSAGE("largest text: " << s.glyphs << " glyphs, " << s.atlas_width << "x" << s.atlas_height << " = " << mib << " MiB RGBA");
    CHECK(s.glyphs < 3000);
    CHECK(mib < 32.0);
}

TEST_CASE("installed lessons join the atlas: every character of the real lessons is drawn") {
    qiao::core::Log log([](qiao::core::LogLevel, std::string_view) {});
    const auto dir = std::filesystem::path(QIAO_TEST_TMP) / "ui" / "glyph-lessons";
    std::filesystem::remove_all(dir);
    qiao::core::PackInstaller installer(dir / "packs", {});
    qiao::core::InstallOptions dev;
    dev.development_mode = true;
    installer.install_from_folder(std::filesystem::path(QIAO_SOURCE_DIR) / "lessons" / "qiao-basics", dev);
    const auto library = qiao::core::LessonLibrary::load(dir / "packs", log);
    REQUIRE(library.lesson_count() == 4);
    BuiltFonts built(core::TextSize::Largest, library.code_points());
    const std::u32string all = library.code_points();
    CHECK(all.size() > 300);
    CHECK(ui::missing_glyphs(*built.fonts.title(), all).empty());
    CHECK(ui::missing_glyphs(*built.fonts.body(), all).empty());
}

TEST_CASE("a font file that cannot be read is one plain message naming it") {
    try {
        (void)ui::font_from_file("/nonexistent/qiao-font.ttf");
        FAIL("no error");
    } catch (const ui::FontError& e) {
        CHECK(std::string(e.what()).find("font_file /nonexistent/qiao-font.ttf cannot be read") != std::string::npos);
    }
}
