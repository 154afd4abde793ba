#pragma once
// Voice: on or off, and how fast the kiosk speaks (slower, normal, faster).
#include "ui/screen.hpp"

namespace qiao::ui {

class VoiceScreen final : public Screen {
public:
    std::string_view id() const override { return "voice"; }
    std::string title(const Text& text) const override { return text("voice.title"); }
    std::string prompt_key() const override { return "voice.prompt"; }
    void draw_content(ScreenContext& ctx, core::Rect area) override;
};

}  // namespace qiao::ui
