#pragma once
// "Who is this?": the visitor's mobile number on a huge keypad (no letters, no
// password), then read back in groups with a big "that's right" / "fix it". Used by
// Learn to keep a learner's progress; Book and Help will use it too.
#include "ui/screen.hpp"

namespace qiao::ui {

class PhoneEntryScreen final : public Screen {
public:
    std::string_view id() const override { return "phone_entry"; }
    std::string title(const Text& text) const override { return text("phone.title"); }
    std::string prompt_key() const override { return "phone.prompt"; }
    void draw_content(ScreenContext& ctx, core::Rect area) override;
    // Back, "delete one" and "done" along the bottom; the keys are only digits.
    std::vector<BarButton> bottom_bar(const ScreenContext& ctx) const override;
    void on_bar_button(ScreenContext& ctx, std::string_view id) override;
};

class PhoneCheckScreen final : public Screen {
public:
    std::string_view id() const override { return "phone_check"; }
    std::string title(const Text& text) const override { return text("phone.check_title"); }
    // The app says the number itself, digit by digit.
    std::string prompt_key() const override { return "phone.check_title"; }
    void draw_content(ScreenContext& ctx, core::Rect area) override;
};

}  // namespace qiao::ui
