#pragma once
// A lesson step: the simulated phone (or the lesson's icon) beside the step's words in
// large type, "step 3 of 8", and three big buttons: back, listen again, next. A tap
// step is answered on the phone; a choose step with two to four big answers.
#include "ui/screen.hpp"

namespace qiao::ui {

class LessonStepScreen final : public Screen {
public:
    std::string_view id() const override { return "lesson"; }
    std::string title(const Text& text) const override;
    // The app speaks the step itself (its words, or its recorded narration).
    std::string prompt_key() const override { return "lesson.step_of"; }
    void draw_content(ScreenContext& ctx, core::Rect area) override;
    std::vector<BarButton> bottom_bar(const ScreenContext& ctx) const override;
    BarButton top_button(const ScreenContext& ctx) const override;
    void on_bar_button(ScreenContext& ctx, std::string_view id) override;

private:
    std::string title_;  // the lesson's title, in the visitor's language, from the last frame
};

}  // namespace qiao::ui
