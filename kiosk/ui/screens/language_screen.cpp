#include "ui/screens/language_screen.hpp"

#include <algorithm>

#include "ui/grid_layout.hpp"

namespace qiao::ui {

void LanguageScreen::draw_content(ScreenContext& ctx, core::Rect area) {
    // The site may offer some of the catalogs' languages only (languages); the one on
    // screen now is always there, so nobody is stranded in it.
    std::vector<core::LanguageInfo> languages;
    for (const core::LanguageInfo& lang : ctx.text.catalog().languages())
        if (ctx.visitor.languages.empty() || lang.code == ctx.visitor.language ||
            std::find(ctx.visitor.languages.begin(), ctx.visitor.languages.end(), lang.code) != ctx.visitor.languages.end())
            languages.push_back(lang);
    const Metrics& m = ctx.ui.metrics();
    const int count = static_cast<int>(languages.size());
    const float max_h = std::max(m.control_min_h * 2.0f, area.h * 0.6f);
    const auto cells = grid_cells(centred(area, area.w, std::min(area.h, area.w >= area.h ? max_h : area.h)), count, m.gap * 1.5f);
    for (int i = 0; i < count; ++i) {
        const core::LanguageInfo& lang = languages[static_cast<std::size_t>(i)];
        ButtonSpec spec{"language." + lang.code, cells[static_cast<std::size_t>(i)], Icon::Language, lang.native_name, "",
                        ButtonStyle::Plain, ButtonShape::Option, ctx.visitor.language == lang.code};
        if (ctx.ui.button(spec)) ctx.actions.set_language(lang.code);
    }
}

}  // namespace qiao::ui
