#include "ui/staff/keyboard_screen.hpp"

#include <algorithm>
#include <cmath>

#include "ui/grid_layout.hpp"

namespace qiao::ui {

void KeyboardScreen::draw_content(ScreenContext& ctx, core::Rect area) {
    FrameUi& ui = ctx.ui;
    const Metrics& m = ui.metrics();
    const FlowPage* p = page(ctx);
    if (!p) return;
    area = draw_heading(ctx, area);
    // What is typed so far (page.code), in a box as wide as the area.
    const float field_h = m.body_px * 1.8f;
    const core::Rect field{area.x, area.y, area.w, field_h};
    ImDrawList& d = ui.draw_list();
    d.AddRect(ImVec2(field.x, field.y), ImVec2(field.right(), field.bottom()), to_imgui(ui.palette().border), m.rounding * 0.4f, 0, m.border);
    ui.text("keyboard.typed", core::Rect{field.x + m.body_px * 0.4f, field.y + (field_h - m.body_px * 1.3f) * 0.5f, field.w - m.body_px * 0.8f, m.body_px * 1.3f},
            p->code.empty() ? std::string(" ") : p->code, TextRole::Body);
    float top = field.bottom() + m.gap;
    // The actions (delete, done) along the bottom.
    float bottom = area.bottom();
    if (!p->actions.empty()) {
        const int n = static_cast<int>(p->actions.size());
        const auto cells = grid_cells(core::Rect{area.x, bottom - m.control_min_h, area.w, m.control_min_h}, n, m.gap, n);
        for (int i = 0; i < n; ++i) {
            const FlowItem& a = p->actions[static_cast<std::size_t>(i)];
            if (ui.button({a.id, cells[static_cast<std::size_t>(i)], a.icon, a.label, a.caption, a.style})) ctx.actions.flow_choose(a.id);
        }
        bottom -= m.control_min_h + m.gap;
    }
    // The keys: as many columns as keep each key at least a staff control wide (the
    // staff rule, docs/accessibility: 3/4 of a senior's control), as few rows as that
    // allows; the key height shrinks to fit but never below a staff control.
    const int count = static_cast<int>(p->items.size());
    if (count == 0) return;
    const core::Rect keys{area.x, top, area.w, std::max(0.0f, bottom - top)};
    const float key_gap = m.gap * 0.75f;
    const float least = m.control_min_h * kStaffControlShare;
    const int columns = std::clamp(static_cast<int>((keys.w + key_gap) / (least + key_gap)), 1, count);
    const int rows = (count + columns - 1) / columns;
    const float key_h = std::max(least, std::min(m.control_min_h * 1.2f, (keys.h - key_gap * (rows - 1)) / rows));
    const auto cells = grid_cells(core::Rect{keys.x, keys.y, keys.w, key_h * rows + key_gap * (rows - 1)}, rows * columns, key_gap, columns);
    for (int i = 0; i < count; ++i) {
        const FlowItem& k = p->items[static_cast<std::size_t>(i)];
        if (ui.button({k.id, cells[static_cast<std::size_t>(i)], Icon::None, k.label, "", k.style, ButtonShape::Key})) ctx.actions.flow_choose(k.id);
    }
}

}  // namespace qiao::ui
