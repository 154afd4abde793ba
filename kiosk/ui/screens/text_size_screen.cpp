#include "ui/screens/text_size_screen.hpp"

#include <algorithm>

#include "ui/grid_layout.hpp"

namespace qiao::ui {

void TextSizeScreen::draw_content(ScreenContext& ctx, core::Rect area) {
    struct Option {
        const char* id;
        core::TextSize size;
    };
    static constexpr Option kOptions[] = {
        {"text_size.normal", core::TextSize::Normal},
        {"text_size.large", core::TextSize::Large},
        {"text_size.largest", core::TextSize::Largest},
    };
    const Metrics& m = ctx.ui.metrics();
    const auto cells = grid_cells(centred(area, area.w, std::max(m.control_min_h * 2.5f, area.h)), 3, m.gap * 1.5f);
    for (std::size_t i = 0; i < 3; ++i) {
        const Option& o = kOptions[i];
        // The sample "字" grows as the option would grow body text.
        const float sample_px = std::min(cells[i].h * 0.45f, m.scale * body_px_at_1080(o.size) * 2.0f);
        ButtonSpec spec{o.id, cells[i], Icon::None, ctx.text(o.id), "", ButtonStyle::Plain, ButtonShape::Option,
                        ctx.visitor.text_size == o.size, sample_px, "字"};
        if (ctx.ui.button(spec)) ctx.actions.set_text_size(o.size);
    }
}

}  // namespace qiao::ui
