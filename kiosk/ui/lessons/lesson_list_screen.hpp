#pragma once
// The Learn screen: every installed lesson as a big card (icon, title, how long it
// takes, and this visitor's progress: "step 3 of 8" or "done"). Tapping a card starts
// the lesson, or picks it up where the visitor left it.
#include "ui/screen.hpp"

namespace qiao::ui {

class LessonListScreen final : public Screen {
public:
    std::string_view id() const override { return "learn"; }
    std::string title(const Text& text) const override { return text("learn.title"); }
    std::string prompt_key() const override { return "learn.prompt"; }
    void draw_content(ScreenContext& ctx, core::Rect area) override;
    // Back, "keep my place" (the phone keypad; the masked number once given), home.
    std::vector<BarButton> bottom_bar(const ScreenContext& ctx) const override;
    void on_bar_button(ScreenContext& ctx, std::string_view id) override;
};

}  // namespace qiao::ui
