#pragma once
// KeyboardScreen: typing a short text on the touch screen, for staff (the back office's
// address and the one-time enrolment code when a site manager enrols the station). The
// keys come from the page (only the characters that can appear: a code has no look-alike
// letters), each as a big key; what is typed shows in a box above them.
#include "ui/flow/flow_screens.hpp"

namespace qiao::ui {

class KeyboardScreen final : public FlowScreen {
public:
    explicit KeyboardScreen(std::string id) : FlowScreen(std::move(id), FlowAudience::Staff) {}
    void draw_content(ScreenContext& ctx, core::Rect area) override;
};

}  // namespace qiao::ui
