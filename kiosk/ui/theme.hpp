#pragma once
// Theme: the colours and the sizes of the screen. Every size derives from the window's
// short side (1080 px is the reference kiosk) and the visitor's text size, so one
// setting rescales the whole UI (sizes in font multiples, as the ImGui FAQ advises).
#include "core/config/text_size.hpp"
#include "ui/contrast.hpp"

namespace qiao::ui {

// A pair used for text: what is drawn on what.
struct ColourPair {
    Rgb text;
    Rgb background;
};

enum class ButtonStyle {
    Learn,      // the three big home choices, each its own calm colour
    Book,
    Help,
    Plain,      // back, home, listen again, edge controls
    Selected,   // the chosen option on a settings screen
    Primary,    // "I'm still here", "done"
};

struct Palette {
    Rgb page{0xFF, 0xFB, 0xF0};        // warm white: less glare than pure white
    Rgb text{0x1A, 0x1A, 0x1A};
    Rgb muted_text{0x3A, 0x3A, 0x3A};  // still 7:1 on page
    Rgb border{0x1A, 0x1A, 0x1A};
    Rgb focus_ring{0x0D, 0x3B, 0x66};

    ColourPair button(ButtonStyle style, bool pressed) const;
};

struct Metrics {
    float scale = 1.0f;            // window short side / 1080
    float body_px = 40.0f;         // body text
    float title_px = 56.0f;        // screen titles
    float display_px = 112.0f;     // the huge characters on the home choices
    float control_min_h = 120.0f;  // smallest control height
    float gap = 32.0f;             // space between controls
    float margin = 40.0f;          // space to the window edge
    float slop_px = 21.0f;         // how far a pressed finger may slide (about 5 mm)
    float border = 3.0f;
    float rounding = 18.0f;

    // What the rules of the screen demand at this window size (DESIGN.md), for the audit.
    float required_body_px() const { return 40.0f * scale; }
    float required_control_h() const { return 120.0f * scale; }
    float required_gap() const { return 24.0f * scale; }
};

// Staff screens may be denser than the seniors' (issue 6): the staff rules, as shares of
// the seniors' (docs/staff-mode.md): controls at least 3/4 as tall (90 px at 1080p, about
// 11 mm on a 21-inch screen, still above the 9 mm touch guidance), gaps at least 2/3
// (16 px), body text at least 4/5 (32 px, tablet-sized); contrast stays 7:1.
inline constexpr float kStaffControlShare = 0.75f;
inline constexpr float kStaffGapShare = 2.0f / 3.0f;
inline constexpr float kStaffBodyShare = 0.8f;

// What an audit holds a frame to.
struct AuditRules {
    float body_px = 40;
    float control_h = 120;
    float gap = 24;
    double contrast = 7.0;
};
AuditRules senior_rules(const Metrics& m);
AuditRules staff_rules(const Metrics& m);

// Body text at 1080p for each size: normal is the minimum the rules allow.
float body_px_at_1080(core::TextSize size);

Metrics compute_metrics(int window_w, int window_h, core::TextSize size);

constexpr double kMinTextContrast = 7.0;

}  // namespace qiao::ui
