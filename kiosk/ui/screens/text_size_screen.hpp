#pragma once
// Text size: three choices, each showing a sample at its own size. The choice applies
// at once (the visitor sees it) and is said aloud.
#include "ui/screen.hpp"

namespace qiao::ui {

class TextSizeScreen final : public Screen {
public:
    std::string_view id() const override { return "text_size"; }
    std::string title(const Text& text) const override { return text("text_size.title"); }
    std::string prompt_key() const override { return "text_size.prompt"; }
    void draw_content(ScreenContext& ctx, core::Rect area) override;
};

}  // namespace qiao::ui
