#include "ui/screens/home_screen.hpp"

#include <algorithm>

#include "ui/grid_layout.hpp"

namespace qiao::ui {

void HomeScreen::draw_content(ScreenContext& ctx, core::Rect area) {
    struct Choice {
        const char* id;
        const char* screen;
        Icon icon;
        ButtonStyle style;
    };
    static constexpr Choice kChoices[] = {
        {"home.learn", "learn", Icon::Learn, ButtonStyle::Learn},
        {"home.book", "book", Icon::Book, ButtonStyle::Book},
        {"home.help", "help", Icon::Help, ButtonStyle::Help},
    };
    // Side by side when each choice still has room for its caption on one or two
    // lines; otherwise one above the other (portrait, or the largest text).
    // The site chooses which of them it offers (home_buttons).
    std::vector<const Choice*> shown;
    for (const Choice& c : kChoices)
        if (std::find(ctx.visitor.home_buttons.begin(), ctx.visitor.home_buttons.end(), c.screen) != ctx.visitor.home_buttons.end())
            shown.push_back(&c);
    if (shown.empty())
        for (const Choice& c : kChoices) shown.push_back(&c);
    const int n = static_cast<int>(shown.size());
    const Metrics& m = ctx.ui.metrics();
    const float gap = m.gap * 1.5f;
    const bool side_by_side = area.w >= area.h && (area.w - gap * (n - 1)) / n >= m.body_px * 7.5f;
    const auto cells = grid_cells(area, n, gap, side_by_side ? n : 1);
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const Choice& c = *shown[i];
        const std::string key(c.id);
        if (ctx.ui.button({key, cells[i], c.icon, ctx.text(key + ".label"), ctx.text(key + ".caption"), c.style, ButtonShape::Tile}))
            ctx.actions.go(c.screen);
    }
}

std::vector<BarButton> HomeScreen::bottom_bar(const ScreenContext& ctx) const {
    // The language button also names itself in a second language, so someone who
    // cannot read the current one can still find the way back to theirs.
    const std::string& here = ctx.text("edge.language");
    const std::string other_language = ctx.text.language() == "en" ? core::Catalog::kReferenceLanguage : "en";
    const std::string& other = ctx.text.catalog().text(other_language, "edge.language");
    const std::string language_label = here == other ? here : here + " " + other;
    return {
        {"edge.text_size", Icon::TextSize, ctx.text("edge.text_size")},
        {"edge.language", Icon::Language, language_label},
        {"edge.voice", ctx.visitor.voice_on ? Icon::VoiceOn : Icon::VoiceOff,
         ctx.text(ctx.visitor.voice_on ? "edge.voice_on" : "edge.voice_off")},
    };
}

void HomeScreen::on_bar_button(ScreenContext& ctx, std::string_view id) {
    if (id == "edge.text_size") ctx.actions.go("text_size");
    if (id == "edge.language") ctx.actions.go("language");
    if (id == "edge.voice") ctx.actions.go("voice");
}

}  // namespace qiao::ui
