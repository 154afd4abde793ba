#pragma once
// The end of a lesson: a big tick and "you did it", said aloud. Then the visitor
// chooses: another lesson, this one again, or home.
#include "ui/screen.hpp"

namespace qiao::ui {

class LessonDoneScreen final : public Screen {
public:
    std::string_view id() const override { return "lesson_done"; }
    std::string title(const Text& text) const override { return text("lesson_done.title"); }
    std::string prompt_key() const override { return "lesson_done.prompt"; }
    void draw_content(ScreenContext& ctx, core::Rect area) override;
    std::vector<BarButton> bottom_bar(const ScreenContext& ctx) const override;
    void on_bar_button(ScreenContext& ctx, std::string_view id) override;
};

}  // namespace qiao::ui
