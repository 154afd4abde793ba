#pragma once
// The idle warning: after minutes untouched the kiosk asks, aloud, whether the visitor
// is still here, with one huge "I'm still here" button and a countdown. Nothing else
// on the kiosk ever times out.
#include "ui/screen.hpp"

namespace qiao::ui {

class IdleWarningScreen final : public Screen {
public:
    std::string_view id() const override { return "idle"; }
    std::string title(const Text& text) const override { return text("idle.title"); }
    std::string prompt_key() const override { return "idle.prompt"; }
    void draw_content(ScreenContext& ctx, core::Rect area) override;
    std::vector<BarButton> bottom_bar(const ScreenContext&) const override { return {}; }
    bool offers_help() const override { return false; }
};

}  // namespace qiao::ui
