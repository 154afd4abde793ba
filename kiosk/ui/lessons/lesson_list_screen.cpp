#include "ui/lessons/lesson_list_screen.hpp"

#include <algorithm>
#include <cmath>
#include <cmath>

#include "ui/grid_layout.hpp"
#include "ui/lessons/app_icons.hpp"
#include "ui/lessons/lessons_view.hpp"

namespace qiao::ui {

void LessonListScreen::draw_content(ScreenContext& ctx, core::Rect area) {
    FrameUi& ui = ctx.ui;
    const Metrics& m = ui.metrics();
    const std::vector<LessonCard> cards = ctx.lessons ? ctx.lessons->lesson_cards() : std::vector<LessonCard>{};
    if (cards.empty()) {
        const std::string& body = ctx.text("learn.empty");
        ui.text("screen.body", core::Rect{area.x, area.y + m.gap, area.w, area.h - m.gap}, body, TextRole::Body);
        return;
    }
    // Two columns when there is room for a card's title beside its icon; at most as
    // many cards as fit without scrolling (a later issue pages longer lists).
    const int columns = area.w >= area.h * 1.2f && area.w / 2 >= m.body_px * 11.0f ? 2 : 1;
    const float gap = m.gap;
    const int rows_fit = std::max(1, static_cast<int>((area.h + gap) / (m.control_min_h * 1.6f + gap)));
    const int shown = std::min(static_cast<int>(cards.size()), rows_fit * columns);
    const int rows = (shown + columns - 1) / columns;
    const float card_h = std::min(m.control_min_h * 2.2f, (area.h - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows));
    const auto cells = grid_cells(core::Rect{area.x, area.y, area.w, card_h * rows + gap * (rows - 1)}, shown, gap, columns);
    const std::string& lang = ctx.text.language();
    for (int i = 0; i < shown; ++i) {
        const LessonCard& card = cards[static_cast<std::size_t>(i)];
        const core::Lesson& lesson = *card.lesson;
        const int steps = static_cast<int>(lesson.steps.size());
        std::string status;
        if (card.done)
            status = ctx.text("learn.done");
        else if (card.step_reached)
            status = core::format_text(ctx.text("learn.progress"),
                                       {{"n", std::to_string(*card.step_reached + 1)}, {"total", std::to_string(steps)}});
        else
            status = core::format_text(ctx.text("learn.minutes"), {{"n", std::to_string(lesson.minutes)}});
        const std::string id = "lesson." + lesson.id;
        const core::Rect r = cells[static_cast<std::size_t>(i)];
        const float icon = std::min(r.h - m.body_px, m.body_px * 2.4f);
        ButtonSpec spec{id, r, Icon::None, lesson.title.in(lang), status, ButtonStyle::Plain, ButtonShape::Card, card.done};
        spec.lead_px = icon;
        if (ui.button(spec)) ctx.actions.open_lesson(card.pack->id, lesson.id);
        // The lesson's own icon on the card's left.
        draw_app_icon(ui.draw_list(), lesson.icon, ImVec2(r.x + m.body_px * 0.5f, r.y + (r.h - icon) * 0.5f), icon);
    }
}

}  // namespace qiao::ui

namespace qiao::ui {

std::vector<BarButton> LessonListScreen::bottom_bar(const ScreenContext& ctx) const {
    std::vector<BarButton> bar{{"common.back", Icon::Back, ctx.text("common.back")}};
    if (ctx.lessons && !ctx.lessons->lesson_cards().empty()) {
        if (ctx.visitor.learner_label.empty())
            bar.push_back({"learn.identify", Icon::Phone, ctx.text("learn.identify")});
        else
            bar.push_back({"learn.identify", Icon::Check, ctx.visitor.learner_label, ButtonStyle::Selected});
    }
    bar.push_back({"common.home", Icon::Home, ctx.text("common.home")});
    return bar;
}

void LessonListScreen::on_bar_button(ScreenContext& ctx, std::string_view id) {
    if (id == "learn.identify") ctx.actions.go("phone_entry");
}

}  // namespace qiao::ui
