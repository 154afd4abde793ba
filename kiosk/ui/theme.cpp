#include "ui/theme.hpp"

#include <algorithm>
#include <cmath>

namespace qiao::ui {

ColourPair Palette::button(ButtonStyle style, bool pressed) const {
    // Deep, calm colours with white text (each at least 8:1); pressed goes darker so
    // the press is seen, and contrast only grows. Help is not red: asking for help is
    // not an emergency or a mistake.
    const Rgb white{0xFF, 0xFF, 0xFF};
    switch (style) {
    case ButtonStyle::Learn: return {white, pressed ? Rgb{0x0B, 0x3D, 0x20} : Rgb{0x14, 0x5A, 0x32}};
    case ButtonStyle::Book: return {white, pressed ? Rgb{0x06, 0x25, 0x42} : Rgb{0x0D, 0x3B, 0x66}};
    case ButtonStyle::Help: return {white, pressed ? Rgb{0x2E, 0x14, 0x3A} : Rgb{0x4A, 0x23, 0x5A}};
    case ButtonStyle::Selected: return {white, pressed ? Rgb{0x06, 0x25, 0x42} : Rgb{0x0D, 0x3B, 0x66}};
    case ButtonStyle::Primary: return {white, pressed ? Rgb{0x0B, 0x3D, 0x20} : Rgb{0x14, 0x5A, 0x32}};
    case ButtonStyle::Plain: return {text, pressed ? Rgb{0xC9, 0xBF, 0xA3} : Rgb{0xEC, 0xE5, 0xD3}};
    }
    return {text, page};
}

float body_px_at_1080(core::TextSize size) {
    switch (size) {
    case core::TextSize::Normal: return 40.0f;
    case core::TextSize::Large: return 50.0f;
    case core::TextSize::Largest: return 62.0f;
    }
    return 40.0f;
}

Metrics compute_metrics(int window_w, int window_h, core::TextSize size) {
    Metrics m;
    const float short_side = static_cast<float>(std::max(1, std::min(window_w, window_h)));
    m.scale = short_side / 1080.0f;
    const float grow = body_px_at_1080(size) / 40.0f;  // controls grow with the text
    // Font pixel sizes are whole numbers, rounded up so they never fall under the rule.
    m.body_px = std::ceil(body_px_at_1080(size) * m.scale);
    m.title_px = std::ceil(m.body_px * 1.35f);
    m.display_px = std::ceil(m.body_px * 2.6f);
    m.control_min_h = std::ceil(std::max(120.0f * m.scale, m.body_px * 2.6f));
    m.gap = std::ceil(32.0f * m.scale * std::min(grow, 1.3f));
    m.margin = std::ceil(36.0f * m.scale);
    m.slop_px = 21.0f * m.scale;
    m.border = std::max(2.0f, std::round(3.0f * m.scale));
    m.rounding = 18.0f * m.scale;
    return m;
}

AuditRules senior_rules(const Metrics& m) { return {m.required_body_px(), m.required_control_h(), m.required_gap(), kMinTextContrast}; }

AuditRules staff_rules(const Metrics& m) {
    return {m.required_body_px() * kStaffBodyShare, m.required_control_h() * kStaffControlShare, m.required_gap() * kStaffGapShare,
            kMinTextContrast};
}

}  // namespace qiao::ui
