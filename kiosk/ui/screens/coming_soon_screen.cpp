#include "ui/screens/coming_soon_screen.hpp"

#include <algorithm>

#include "ui/grid_layout.hpp"

namespace qiao::ui {

void ComingSoonScreen::draw_content(ScreenContext& ctx, core::Rect area) {
    FrameUi& ui = ctx.ui;
    const Metrics& m = ui.metrics();
    const std::string& body = ctx.text(id_ + ".body");
    const float text_w = std::min(area.w, m.body_px * 22.0f);
    const float text_h = ui.text_height(body, TextRole::Body, text_w);
    const float icon = std::clamp(area.h - text_h - m.gap * 2, 0.0f, m.body_px * 4.0f);
    const float block_h = icon + m.gap + text_h;
    const float y = area.y + std::max(0.0f, (area.h - block_h) * 0.5f);
    if (icon >= m.body_px)
        ui.icon(icon_, core::Rect{area.x + (area.w - icon) * 0.5f, y, icon, icon});
    ui.text("screen.body", core::Rect{area.x + (area.w - text_w) * 0.5f, y + icon + m.gap, text_w, area.bottom() - y - icon - m.gap},
            body, TextRole::Body);
}

}  // namespace qiao::ui
