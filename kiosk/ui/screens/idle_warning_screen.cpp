#include "ui/screens/idle_warning_screen.hpp"

#include <algorithm>
#include <string>

namespace qiao::ui {

void IdleWarningScreen::draw_content(ScreenContext& ctx, core::Rect area) {
    FrameUi& ui = ctx.ui;
    const Metrics& m = ui.metrics();
    const std::string countdown =
        core::format_text(ctx.text("idle.seconds_left"), {{"n", std::to_string(ctx.idle_seconds_left)}});
    const float text_h = ui.text_height(countdown, TextRole::Body, area.w);
    ui.text("idle.countdown", core::Rect{area.x, area.y, area.w, text_h}, countdown, TextRole::Body, Align::Centre);
    const core::Rect button{area.x, area.y + text_h + m.gap, area.w, std::max(m.control_min_h, area.h - text_h - m.gap)};
    if (ui.button({"idle.still_here", button, Icon::StillHere, ctx.text("idle.still_here"), "", ButtonStyle::Primary,
                   ButtonShape::Option}))
        ctx.actions.still_here();
}

}  // namespace qiao::ui
