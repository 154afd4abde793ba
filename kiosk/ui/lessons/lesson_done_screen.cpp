#include "ui/lessons/lesson_done_screen.hpp"

#include <algorithm>

#include "ui/lessons/lessons_view.hpp"

namespace qiao::ui {

void LessonDoneScreen::draw_content(ScreenContext& ctx, core::Rect area) {
    FrameUi& ui = ctx.ui;
    const Metrics& m = ui.metrics();
    const core::LessonSession* s = ctx.lessons ? ctx.lessons->lesson_session() : nullptr;
    const std::string lesson = s ? s->lesson().title.in(ctx.text.language()) : std::string();
    const std::string words = core::format_text(ctx.text("lesson_done.body"), {{"lesson", lesson}});
    const float text_h = ui.text_height(words, TextRole::Title, area.w);
    const float tick = std::clamp(area.h - text_h - m.gap * 2, 0.0f, m.body_px * 5.0f);
    const float y = area.y + std::max(0.0f, (area.h - tick - m.gap - text_h) * 0.5f);
    if (tick >= m.body_px) {
        const core::Rect circle{area.x + (area.w - tick) * 0.5f, y, tick, tick};
        ui.draw_list().AddCircleFilled(ImVec2(circle.x + tick * 0.5f, circle.y + tick * 0.5f), tick * 0.5f,
                                       to_imgui(ui.palette().button(ButtonStyle::Primary, false).background));
        draw_icon(ui.draw_list(), Icon::Check, ImVec2(circle.x + tick * 0.5f, circle.y + tick * 0.5f), tick * 0.6f, IM_COL32_WHITE);
    }
    ui.text("lesson_done.body", core::Rect{area.x, y + tick + m.gap, area.w, text_h}, words, TextRole::Title, Align::Centre);
}

std::vector<BarButton> LessonDoneScreen::bottom_bar(const ScreenContext& ctx) const {
    return {{"lesson_done.again", Icon::Back, ctx.text("lesson_done.again")},
            {"lesson.all", Icon::Learn, ctx.text("lesson.all"), ButtonStyle::Primary},
            {"common.home", Icon::Home, ctx.text("common.home")}};
}

void LessonDoneScreen::on_bar_button(ScreenContext& ctx, std::string_view id) {
    const core::LessonSession* s = ctx.lessons ? ctx.lessons->lesson_session() : nullptr;
    if (id == "lesson_done.again" && s) ctx.actions.open_lesson(s->pack().id, s->lesson().id);
    if (id == "lesson.all") ctx.actions.leave_lesson();
}

}  // namespace qiao::ui
