#pragma once
// Home: three huge choices (Learn 学, Book 约, Help 帮), and along the bottom edge the
// visitor's own settings: text size, language, voice.
#include "ui/screen.hpp"

namespace qiao::ui {

class HomeScreen final : public Screen {
public:
    std::string_view id() const override { return "home"; }
    std::string title(const Text& text) const override { return text("home.title"); }
    std::string prompt_key() const override { return "home.prompt"; }
    void draw_content(ScreenContext& ctx, core::Rect area) override;
    std::vector<BarButton> bottom_bar(const ScreenContext& ctx) const override;
    bool offers_help() const override { return false; }  // Help is one of the three big choices here
    void on_bar_button(ScreenContext& ctx, std::string_view id) override;
    bool offers_staff_entry() const override { return true; }
};

}  // namespace qiao::ui
