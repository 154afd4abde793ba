#include "ui/lessons/lesson_step_screen.hpp"

#include <algorithm>
#include <cmath>

#include "ui/grid_layout.hpp"
#include "ui/lessons/app_icons.hpp"
#include "ui/lessons/lessons_view.hpp"
#include "ui/lessons/phone_view.hpp"

namespace qiao::ui {

std::string LessonStepScreen::title(const Text& text) const { return title_.empty() ? text("learn.title") : title_; }

BarButton LessonStepScreen::top_button(const ScreenContext& ctx) const {
    return {"lesson.all", Icon::Learn, ctx.text("lesson.all")};
}

std::vector<BarButton> LessonStepScreen::bottom_bar(const ScreenContext& ctx) const {
    const core::LessonSession* s = ctx.lessons ? ctx.lessons->lesson_session() : nullptr;
    const bool last = s && s->step_index() + 1 >= s->step_count();
    std::vector<BarButton> bar;
    if (s && s->step_index() > 0) bar.push_back({"lesson.back", Icon::Back, ctx.text("lesson.back")});
    bar.push_back({"common.listen_again", Icon::ListenAgain, ctx.text("common.listen_again")});
    bar.push_back(last ? BarButton{"lesson.next", Icon::Check, ctx.text("lesson.finish"), ButtonStyle::Primary}
                       : BarButton{"lesson.next", Icon::Forward, ctx.text("lesson.next"), ButtonStyle::Primary});
    return bar;
}

void LessonStepScreen::on_bar_button(ScreenContext& ctx, std::string_view id) {
    if (id == "lesson.back") ctx.actions.lesson_back();
    if (id == "lesson.next") ctx.actions.lesson_next();
    if (id == "lesson.all") ctx.actions.leave_lesson();
}

void LessonStepScreen::draw_content(ScreenContext& ctx, core::Rect area) {
    const core::LessonSession* s = ctx.lessons ? ctx.lessons->lesson_session() : nullptr;
    if (!s) {
        ctx.actions.leave_lesson();
        return;
    }
    FrameUi& ui = ctx.ui;
    const Metrics& m = ui.metrics();
    const std::string& lang = ctx.text.language();
    title_ = s->lesson().title.in(lang);
    const core::LessonStep& step = s->step();
    const core::SimulatedScreen* phone = s->screen();

    // The phone beside the words (landscape) or above them (portrait).
    const bool landscape = area.w >= area.h;
    core::Rect picture, words;
    if (landscape) {
        const float pw = std::min(area.w * 0.42f, phone_rect(core::Rect{0, 0, area.w, area.h}).w);
        picture = core::Rect{area.x, area.y, pw, area.h};
        words = core::Rect{area.x + pw + m.gap * 2, area.y, area.w - pw - m.gap * 2, area.h};
    } else {
        const float ph = std::floor(area.h * 0.55f);
        picture = core::Rect{area.x, area.y, area.w, ph};
        words = core::Rect{area.x, area.y + ph + m.gap, area.w, area.h - ph - m.gap};
    }
    if (phone) {
        const std::string* highlight = s->show_target() ? &step.action.target : nullptr;
        if (auto tapped = draw_phone(ui, *phone, picture, lang, highlight)) ctx.actions.lesson_tap(*tapped);
    } else {
        const float icon = std::min({picture.w, picture.h, m.body_px * 6.0f});
        draw_app_icon(ui.draw_list(), s->lesson().icon, ImVec2(picture.x + (picture.w - icon) * 0.5f, picture.y + (picture.h - icon) * 0.5f),
                      icon);
    }

    float y = words.y;
    const std::string step_of = core::format_text(
        ctx.text("lesson.step_of"), {{"n", std::to_string(s->step_index() + 1)}, {"total", std::to_string(s->step_count())}});
    y += ui.text("lesson.step_of", core::Rect{words.x, y, words.w, m.body_px * 1.3f}, step_of, TextRole::Body) + m.gap * 0.5f;
    if (ctx.lessons->unsigned_packs_allowed()) {
        y += ui.text("lesson.unsigned", core::Rect{words.x, y, words.w, m.body_px * 1.3f * 2}, ctx.text("lesson.unsigned"),
                     TextRole::Body) + m.gap * 0.5f;
    }
    const std::string& shown = step.show.in(lang).empty() ? step.say.in(lang) : step.show.in(lang);
    const float said_h = std::min(ui.text_height(shown, TextRole::Title, words.w), words.bottom() - y);
    y += ui.text("lesson.words", core::Rect{words.x, y, words.w, said_h}, shown, TextRole::Title) + m.gap;

    if (step.action.type != core::ActionType::Choose) return;
    const auto& answers = step.action.answers;
    const auto chosen = s->chosen();
    float explain_h = 0;
    std::string explain;
    if (chosen) {
        const core::Answer& a = answers[static_cast<std::size_t>(*chosen)];
        explain = ctx.text(a.correct ? "lesson.choose_right" : "lesson.choose_wrong") + " " + a.explain.in(lang);
        explain_h = ui.text_height(explain, TextRole::Body, words.w);
    }
    const float answers_h = std::max(m.control_min_h, words.bottom() - y - explain_h - (chosen ? m.gap : 0.0f));
    const int n = static_cast<int>(answers.size());
    const int columns = landscape && n <= 2 ? 2 : 1;
    const float rows = static_cast<float>((n + columns - 1) / columns);
    const float cell_h = std::min(m.control_min_h * 1.3f, (answers_h - m.gap * (rows - 1)) / rows);
    const auto cells = grid_cells(core::Rect{words.x, y, words.w, cell_h * rows + m.gap * (rows - 1)}, n, m.gap, columns);
    for (int i = 0; i < n; ++i) {
        const core::Answer& a = answers[static_cast<std::size_t>(i)];
        // Once any answer was chosen, the right one carries a tick and a wrong choice a cross.
        Icon mark = Icon::None;
        if (chosen && a.correct) mark = Icon::Check;
        else if (chosen && *chosen == i) mark = Icon::Cross;
        if (ui.button({"answer." + std::to_string(i), cells[static_cast<std::size_t>(i)], mark, a.text.in(lang), "",
                       ButtonStyle::Plain, ButtonShape::Row, chosen && *chosen == i}))
            ctx.actions.lesson_choose(i);
    }
    if (chosen) {
        const float top = cells.back().bottom() + m.gap;
        ui.text("lesson.explain", core::Rect{words.x, top, words.w, std::max(0.0f, words.bottom() - top)}, explain, TextRole::Body);
    }
}

}  // namespace qiao::ui
