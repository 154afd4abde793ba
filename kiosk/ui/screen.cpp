#include "ui/screen.hpp"

#include <algorithm>
#include <cmath>

namespace qiao::ui {

std::vector<BarButton> Screen::bottom_bar(const ScreenContext& ctx) const {
    return {{"common.back", Icon::Back, ctx.text("common.back")}, {"common.home", Icon::Home, ctx.text("common.home")}};
}

BarButton Screen::top_button(const ScreenContext& ctx) const {
    return {"common.listen_again", Icon::ListenAgain, ctx.text("common.listen_again")};
}

namespace {

// Lays the bar's buttons out in as few rows as fit, each row sharing its width
// equally; returns the rects in order. Bars keep every button on screen at every text
// size and orientation rather than letting one fall off the edge.
std::vector<core::Rect> lay_out_bar(const FrameUi& ui, const std::vector<BarButton>& buttons, float x, float bottom,
                                    float width) {
    const Metrics& m = ui.metrics();
    std::vector<std::vector<std::size_t>> rows(1);
    std::vector<float> natural(buttons.size());
    float used = 0;
    for (std::size_t i = 0; i < buttons.size(); ++i) {
        natural[i] = ui.row_button_width(buttons[i].label, buttons[i].icon);
        if (!rows.back().empty() && used + m.gap + natural[i] > width) {
            rows.emplace_back();
            used = 0;
        }
        used += (rows.back().empty() ? 0 : m.gap) + natural[i];
        rows.back().push_back(i);
    }
    std::vector<core::Rect> rects(buttons.size());
    const float h = m.control_min_h;
    float y = bottom - h * static_cast<float>(rows.size()) - m.gap * static_cast<float>(rows.size() - 1);
    for (const auto& row : rows) {
        // Equal shares look calmest; where a label needs more than its share, the row
        // is shared out by what each label needs instead, so none has to shrink.
        const float n = static_cast<float>(row.size());
        const float room = width - m.gap * (n - 1);
        float needed = 0, widest = 0;
        for (std::size_t k : row) {
            needed += natural[k];
            widest = std::max(widest, natural[k]);
        }
        float x_at = x;
        for (std::size_t k : row) {
            const float w = widest <= room / n ? std::floor(room / n) : std::floor(room * natural[k] / needed);
            rects[k] = core::Rect{x_at, y, w, h};
            x_at += w + m.gap;
        }
        y += h + m.gap;
    }
    return rects;
}

}  // namespace

void draw_screen(Screen& screen, ScreenContext& ctx, core::Rect window) {
    FrameUi& ui = ctx.ui;
    const Metrics& m = ui.metrics();
    ui.fill_page(window);
    const float x = window.x + m.margin;
    const float width = window.w - m.margin * 2;

    // Top: the title, then Help and "listen again" at the right, always in the same place.
    const BarButton top_button = screen.top_button(ctx);
    const float listen_w = std::min(width * 0.45f, ui.row_button_width(top_button.label, top_button.icon));
    const bool help = screen.offers_help();
    const std::string& help_label = ctx.text("common.help");
    const float help_w = help ? std::min(width * 0.3f, ui.row_button_width(help_label, Icon::Help)) : 0.0f;
    const std::string title = screen.title(ctx.text);
    const float top = window.y + m.margin;
    // Where the title goes, best first: beside Help and "listen again" without wrapping
    // more than it must; beside "listen again" alone, Help moving into the bottom bar
    // (after "back"); the same in at most two lines; else under the buttons, full width.
    const float natural_h = ui.text_height(title, TextRole::Title, width);
    auto fits_beside = [&](float w, float most_h) { return ui.text_height(title, TextRole::Title, w) <= most_h + 0.5f; };
    const float beside_with_help = width - listen_w - m.gap - (help ? help_w + m.gap : 0.0f);
    const float beside_alone = width - listen_w - m.gap;
    const float two_lines = m.title_px * 1.3f * 2.0f;
    bool help_on_top = help;
    bool title_below = false;
    if (fits_beside(beside_with_help, natural_h))
        ;
    else if (help && fits_beside(beside_alone, natural_h))
        help_on_top = false;
    else if (fits_beside(beside_with_help, two_lines))
        ;
    else if (help && fits_beside(beside_alone, two_lines))
        help_on_top = false;
    else
        title_below = true;
    float title_w = title_below ? width : help_on_top ? beside_with_help : beside_alone;
    // The staff entry: centred in the top row, at least two gaps from the title and from
    // the buttons at the right, so a senior reaching for "listen again" does not land on
    // it. Where the title beside it would need a second line (portrait, large text), it
    // goes to the end of the bottom bar instead.
    bool staff_in_bar = false;
    if (screen.offers_staff_entry()) {
        const std::string& label = ctx.text("staff.enter");
        const float staff_w = ui.row_button_width(label, Icon::Lock);
        const float right_group = x + width - listen_w - (help_on_top ? help_w + m.gap : 0.0f);
        const float staff_x = std::max(x, std::min(x + (width - staff_w) * 0.5f, right_group - m.gap * 2 - staff_w));
        const float beside_staff = staff_x - m.gap * 2 - x;
        // A title already under the top row leaves the row free for it.
        if (!title_below && ui.text_height(title, TextRole::Title, beside_staff) > natural_h + 0.5f) {
            staff_in_bar = true;
        } else {
            if (!title_below) title_w = std::min(title_w, beside_staff);
            if (ui.button({"staff.enter", core::Rect{staff_x, top, staff_w, m.control_min_h}, Icon::Lock, label}))
                ctx.actions.flow_choose("staff.enter");
        }
    }
    const float title_y = title_below ? top + m.control_min_h + m.gap * 0.5f : top;
    const float title_text_h = ui.text_height(title, TextRole::Title, title_w);
    const float title_h = title_below ? title_text_h : std::max(m.control_min_h, title_text_h);
    if (ui.button({top_button.id, core::Rect{x + width - listen_w, top, listen_w, m.control_min_h}, top_button.icon,
                   top_button.label, "", top_button.style})) {
        if (top_button.id == "common.listen_again")
            ctx.actions.listen_again();
        else
            screen.on_bar_button(ctx, top_button.id);
    }
    if (help_on_top && ui.button({"common.help", core::Rect{x + width - listen_w - m.gap - help_w, top, help_w, m.control_min_h}, Icon::Help,
                           help_label, "", ButtonStyle::Help}))
        ctx.actions.flow_choose("common.help");
    ui.text("screen.title",
            core::Rect{x, title_y + (title_below ? 0.0f : std::max(0.0f, (m.control_min_h - title_text_h) * 0.5f)), title_w, title_h},
            title, TextRole::Title);

    // Bottom: the screen's bar.
    std::vector<BarButton> bar = screen.bottom_bar(ctx);
    if (staff_in_bar) {
        // A row of its own costs the big choices above their room at the largest text:
        // there it goes into the bar only where the bar keeps its rows, and is otherwise
        // not offered (staff choose a smaller text size first, docs/staff-mode.md).
        auto rows_of = [&](const std::vector<BarButton>& b) {
            if (b.empty()) return 0;
            const auto rects = lay_out_bar(ui, b, x, window.bottom() - m.margin, width);
            return static_cast<int>(std::lround((rects.back().y - rects.front().y) / (m.control_min_h + m.gap))) + 1;
        };
        std::vector<BarButton> with_staff = bar;
        with_staff.push_back({"staff.enter", Icon::Lock, ctx.text("staff.enter")});
        if (ctx.visitor.text_size != core::TextSize::Largest || rows_of(with_staff) == rows_of(bar)) bar = std::move(with_staff);
    }
    if (help && !help_on_top) {
        const auto after_back = std::find_if(bar.begin(), bar.end(), [](const BarButton& b) { return b.id == "common.back"; });
        bar.insert(after_back == bar.end() ? bar.begin() : after_back + 1, {"common.help", Icon::Help, help_label, ButtonStyle::Help});
    }
    const float bottom = window.bottom() - m.margin;
    float content_bottom = bottom;
    if (!bar.empty()) {
        const auto rects = lay_out_bar(ui, bar, x, bottom, width);
        content_bottom = rects.front().y - m.gap;
        for (std::size_t i = 0; i < bar.size(); ++i) {
            if (!ui.button({bar[i].id, rects[i], bar[i].icon, bar[i].label, "", bar[i].style})) continue;
            if (bar[i].id == "common.listen_again")
                ctx.actions.listen_again();
            else if (bar[i].id == "common.back")
                ctx.actions.back();
            else if (bar[i].id == "common.home")
                ctx.actions.home();
            else if (bar[i].id == "common.help" || bar[i].id == "staff.enter")
                ctx.actions.flow_choose(bar[i].id);
            else
                screen.on_bar_button(ctx, bar[i].id);
        }
    }

    const float content_top = title_y + title_h + m.gap;
    screen.draw_content(ctx, core::Rect{x, content_top, width, std::max(0.0f, content_bottom - content_top)});
}

}  // namespace qiao::ui
