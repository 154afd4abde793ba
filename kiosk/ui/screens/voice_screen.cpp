#include "ui/screens/voice_screen.hpp"

#include <algorithm>
#include <cmath>

#include "ui/grid_layout.hpp"

namespace qiao::ui {

void VoiceScreen::draw_content(ScreenContext& ctx, core::Rect area) {
    const Metrics& m = ctx.ui.metrics();
    const bool landscape = area.w >= area.h;
    // Two groups: on/off, then the speed. In portrait each group is a column block.
    const float group_gap = m.gap * 2.0f;
    const float first_share = landscape ? 0.5f : 0.4f;
    const float first_h = std::floor((area.h - group_gap) * first_share);
    const core::Rect on_off_area{area.x, area.y, area.w, first_h};
    const core::Rect speed_area{area.x, area.y + first_h + group_gap, area.w, area.h - first_h - group_gap};

    const auto on_off = grid_cells(on_off_area, 2, m.gap * 1.5f, 2);
    if (ctx.ui.button({"voice.on", on_off[0], Icon::VoiceOn, ctx.text("voice.on"), "", ButtonStyle::Plain, ButtonShape::Option,
                       ctx.visitor.voice_on}))
        ctx.actions.set_voice(true);
    if (ctx.ui.button({"voice.off", on_off[1], Icon::VoiceOff, ctx.text("voice.off"), "", ButtonStyle::Plain, ButtonShape::Option,
                       !ctx.visitor.voice_on}))
        ctx.actions.set_voice(false);

    struct Speed {
        const char* id;
        Icon icon;
        int wpm;
    };
    static constexpr Speed kSpeeds[] = {
        {"voice.slower", Icon::Slower, kSlowerRateWpm},
        {"voice.normal", Icon::NormalSpeed, kNormalRateWpm},
        {"voice.faster", Icon::Faster, kFasterRateWpm},
    };
    const auto speeds = grid_cells(speed_area, 3, m.gap * 1.5f, landscape ? 3 : 1);
    for (std::size_t i = 0; i < 3; ++i) {
        const Speed& s = kSpeeds[i];
        if (ctx.ui.button({s.id, speeds[i], s.icon, ctx.text(s.id), "", ButtonStyle::Plain, ButtonShape::Option,
                           ctx.visitor.speech_rate_wpm == s.wpm}))
            ctx.actions.set_speech_rate(s.wpm);
    }
}

}  // namespace qiao::ui
