#pragma once
// Language: every language the station offers, each written in its own words
// ("普通话", "粵語", "English"). Switching is deliberate (its own screen, never a
// gesture) and easy to undo: the old choice is right there.
#include "ui/screen.hpp"

namespace qiao::ui {

class LanguageScreen final : public Screen {
public:
    std::string_view id() const override { return "language"; }
    std::string title(const Text& text) const override { return text("language.title"); }
    std::string prompt_key() const override { return "language.prompt"; }
    void draw_content(ScreenContext& ctx, core::Rect area) override;
};

}  // namespace qiao::ui
