#include "ui/lessons/lesson_step_screen.hpp"

#include <algorithm>
#include <cmath>

#include "ui/grid_layout.hpp"
#include "ui/lessons/app_icons.hpp"
#include "ui/lessons/lessons_view.hpp"
#include "ui/lessons/phone_view.hpp"
#include "ui/picture_source.hpp"
#include "ui/text_layout.hpp"

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
    const bool choose = step.action.type == core::ActionType::Choose;
    const auto& answers = step.action.answers;
    const auto chosen = s->chosen();

    // The words: "step N of M" (and a development-mode marker), then the step's words,
    // or, once an answer was chosen, its explanation (what matters now), then answers.
    std::string header = core::format_text(ctx.text("lesson.step_of"), {{"n", std::to_string(s->step_index() + 1)},
                                                                         {"total", std::to_string(s->step_count())}});
    if (ctx.lessons->unsigned_packs_allowed()) header += " " + ctx.text("lesson.unsigned");
    std::string words = step.show.in(lang).empty() ? step.say.in(lang) : step.show.in(lang);
    if (chosen) {
        const core::Answer& a = answers[static_cast<std::size_t>(*chosen)];
        words = ctx.text(a.correct ? "lesson.choose_right" : "lesson.choose_wrong") + " " + a.explain.in(lang);
    }
    // The answers on screen: all of them; or, once one was chosen and space is short,
    // just the chosen one and the right one, so the explanation always shows.
    std::vector<int> shown;
    if (choose)
        for (int i = 0; i < static_cast<int>(answers.size()); ++i) shown.push_back(i);
    int n = static_cast<int>(shown.size());
    // Answers are as tall as their words need (two lines at the largest text), never
    // shorter than a control may be.
    auto answer_row_h = [&](float width, int columns) {
        const float cell_w = (width - m.gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
        const float text_w = cell_w - m.body_px * 1.0f - m.body_px * 1.7f;  // padding, and room for a tick
        float lines = 1;
        for (int i : shown)
            lines = std::max(lines, static_cast<float>(
                                        wrap_text(*ui.fonts().body(), m.body_px, answers[static_cast<std::size_t>(i)].text.in(lang), text_w).size()));
        return std::max(m.control_min_h, std::ceil(lines * m.body_px * 1.15f + m.body_px * 1.2f));
    };
    auto answers_height = [&](float width, int columns) {
        const int rows = (n + columns - 1) / columns;
        return n == 0 ? 0.0f : answer_row_h(width, columns) * static_cast<float>(rows) + m.gap * static_cast<float>(rows - 1);
    };
    auto words_height = [&](float width, TextRole role, int columns) {
        return ui.text_height(header, TextRole::Body, width) + m.gap * 0.5f + ui.text_height(words, role, width) +
               (n > 0 ? m.gap + answers_height(width, columns) : 0.0f);
    };

    // Where the phone goes: beside the words (landscape) or above them (portrait), as
    // large as the words leave room for. Without a phone the words take it all. When
    // the words of a step that is not a tap cannot fit beside the phone, the phone
    // gives way: the words (which retell what the phone shows) come first.
    const bool landscape = area.w >= area.h;
    // Answers side by side in as many columns as make them take the least height,
    // each answer at most three lines.
    auto columns_for = [&](float width) {
        int best = 1;
        float best_h = answers_height(width, 1);
        for (int c = 2; c <= std::min(n, 4); ++c) {
            if (n == 4 && c == 3) continue;  // two rows of two, not three and one
            const float cell_w = (width - m.gap * static_cast<float>(c - 1)) / static_cast<float>(c);
            if (answer_row_h(width, c) > m.body_px * 1.15f * 3 + m.body_px * 1.2f + 1 || cell_w < m.body_px * 5) continue;
            if (const float h = answers_height(width, c); h < best_h) {
                best = c;
                best_h = h;
            }
        }
        return best;
    };
    auto fits = [&](core::Rect r) { return words_height(r.w, TextRole::Body, columns_for(r.w)) <= r.h; };
    core::Rect words_area = area;
    core::Rect phone_area{};
    if (phone && landscape) {
        const float pw = std::min(area.w * 0.42f, phone_rect(area).w);
        phone_area = core::Rect{area.x, area.y, pw, area.h};
        words_area = core::Rect{area.x + pw + m.gap * 2, area.y, area.w - pw - m.gap * 2, area.h};
    } else if (phone) {
        const float want = words_height(area.w, TextRole::Title, columns_for(area.w));
        const float ph = std::clamp(area.h - want - m.gap, area.h * 0.3f, area.h * 0.6f);
        phone_area = core::Rect{area.x, area.y, area.w, std::floor(ph)};
        words_area = core::Rect{area.x, area.y + ph + m.gap, area.w, area.h - ph - m.gap};
    }
    // A step's own picture (a photo of a real screen, a drawing) goes where a phone
    // would, when the step has no phone: beside the words, or above them.
    std::optional<Picture> step_picture;
    if (!phone && !step.picture.empty() && ctx.pictures)
        step_picture = ctx.pictures->picture(s->pack().root / "lessons" / s->lesson().id / step.picture);
    if (step_picture) {
        const core::Rect candidate_words = landscape ? core::Rect{area.x + area.w * 0.42f + m.gap, area.y, area.w * 0.58f - m.gap, area.h}
                                                     : core::Rect{area.x, area.y + area.h * 0.45f + m.gap, area.w, area.h * 0.55f - m.gap};
        if (fits(candidate_words)) {
            phone_area = landscape ? core::Rect{area.x, area.y, area.w * 0.42f, area.h} : core::Rect{area.x, area.y, area.w, area.h * 0.45f};
            words_area = candidate_words;
        } else {
            step_picture.reset();  // the words come first
        }
    }
    if (phone && !landscape && step.action.type == core::ActionType::Tap && !phone_content_fits(ui, *phone, phone_area, lang)) {
        // A tap step needs its whole phone: the phone takes the larger share.
        const float ph = std::floor(area.h * 0.6f);
        phone_area = core::Rect{area.x, area.y, area.w, ph};
        words_area = core::Rect{area.x, area.y + ph + m.gap, area.w, area.h - ph - m.gap};
    }
    if (phone && step.action.type != core::ActionType::Tap &&
        (!fits(words_area) || !phone_content_fits(ui, *phone, phone_area, lang))) {
        phone = nullptr;
        words_area = area;
    }
    if (chosen && !fits(words_area)) {
        // Space is short: keep the chosen answer and the right one; then only the right
        // one; then none (the explanation says it, and "next" goes on).
        int right = -1;
        for (int i = 0; i < static_cast<int>(answers.size()); ++i)
            if (answers[static_cast<std::size_t>(i)].correct) right = i;
        std::vector<std::vector<int>> fallbacks;
        fallbacks.push_back(right >= 0 && right != *chosen ? std::vector<int>{*chosen, right} : std::vector<int>{*chosen});
        if (right >= 0) fallbacks.push_back({right});
        fallbacks.push_back({});
        for (const auto& candidate : fallbacks) {
            shown = candidate;
            n = static_cast<int>(shown.size());
            if (fits(words_area)) break;
        }
    }
    const int columns = columns_for(words_area.w);
    const TextRole role = words_height(words_area.w, TextRole::Title, columns) <= words_area.h ? TextRole::Title : TextRole::Body;

    const std::filesystem::path lesson_folder = s->pack().root / "lessons" / s->lesson().id;
    if (phone) {
        const std::string* highlight = s->show_target() ? &step.action.target : nullptr;
        if (auto tapped = draw_phone(ui, *phone, phone_area, lang, highlight, ctx.pictures, lesson_folder, ctx.highlight_pulse))
            ctx.actions.lesson_tap(*tapped);
    }

    if (step_picture) {
        const core::Rect drawn = draw_picture(ui.draw_list(), *step_picture, phone_area);
        WidgetRecord record;
        record.id = "lesson.picture";
        record.rect = drawn;
        ui.record(std::move(record));
    }

    float y = words_area.y;
    y += ui.text("lesson.step_of", core::Rect{words_area.x, y, words_area.w, ui.text_height(header, TextRole::Body, words_area.w)},
                 header, TextRole::Body) +
         m.gap * 0.5f;
    const float words_h = std::min(ui.text_height(words, role, words_area.w),
                                   std::max(0.0f, words_area.bottom() - y - (n > 0 ? m.gap + answers_height(words_area.w, columns) : 0.0f)));
    y += ui.text(chosen ? "lesson.explain" : "lesson.words", core::Rect{words_area.x, y, words_area.w, words_h}, words, role);
    if (n == 0) return;

    y += m.gap;
    const auto cells = grid_cells(core::Rect{words_area.x, y, words_area.w, answers_height(words_area.w, columns)}, n, m.gap, columns);
    for (int k = 0; k < n; ++k) {
        const int i = shown[static_cast<std::size_t>(k)];
        const core::Answer& a = answers[static_cast<std::size_t>(i)];
        // Once an answer was chosen, the right one carries a tick and a wrong choice a cross.
        Icon mark = Icon::None;
        if (chosen && a.correct) mark = Icon::Check;
        else if (chosen && *chosen == i) mark = Icon::Cross;
        if (ui.button({"answer." + std::to_string(i), cells[static_cast<std::size_t>(k)], mark, a.text.in(lang), "",
                       ButtonStyle::Plain, ButtonShape::Row, chosen && *chosen == i}))
            ctx.actions.lesson_choose(i);
    }
}

}  // namespace qiao::ui
