#pragma once
// FrameUi: draws the widgets of one frame and records them. Buttons do not read
// the mouse themselves: the app runs the touch rules (core::TapRecognizer) against the
// last frame's records and tells this frame which control was activated and which is
// pressed, so every control on every screen obeys the same forgiving rules.
#include <optional>
#include <string>
#include <string_view>

#include <imgui.h>

#include "ui/font_set.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widget_record.hpp"

namespace qiao::ui {

struct FrameInput {
    std::optional<std::string> activated;  // the control to act this frame
    std::optional<std::string> armed;      // the control under a finger right now
};

enum class ButtonShape {
    Tile,    // icon on top, huge label, caption under it (home choices)
    Row,     // icon then label on one line (bars)
    Option,  // a choice: sample or icon on top, label under it, a tick when chosen
    Card,    // a list entry: room for a picture on the left (lead_px), title and a status line
    Key,     // a keypad key: one big label in title type
};

enum class TextRole { Body, Title };
enum class Align { Left, Centre };

struct ButtonSpec {
    std::string id;
    core::Rect rect;
    Icon icon = Icon::None;
    std::string label;
    std::string caption;           // Tile: the words under the huge label
    ButtonStyle style = ButtonStyle::Plain;
    ButtonShape shape = ButtonShape::Row;
    bool selected = false;         // Option: shows a tick
    float sample_px = 0.0f;        // Option: draw this sample text at this size on top
    std::string sample;
    float lead_px = 0.0f;          // Card: width kept free on the left for the caller's picture
};

class FrameUi {
public:
    FrameUi(ImDrawList& draw, const FontSet& fonts, const Metrics& metrics, const Palette& palette, FrameInput input);

    // Draws the button; true when it was activated (finger lifted on it) this frame.
    bool button(const ButtonSpec& spec);
    // Draws wrapped text inside rect (clipped to it); returns the height used.
    float text(std::string_view id, core::Rect rect, std::string_view text, TextRole role, Align align = Align::Left);
    // Height text would take when wrapped to width.
    float text_height(std::string_view text, TextRole role, float width) const;
    // The width a Row button needs for this label and icon.
    float row_button_width(std::string_view label, Icon icon) const;

    void fill_page(core::Rect rect);
    // A decorative icon (not a control) in the page's text colour.
    void icon(Icon icon, core::Rect rect);

    // For views that draw themselves (the simulated phone): the draw list, and a way
    // to record what they drew so touch, tours and the audit see it too.
    ImDrawList& draw_list() { return draw_; }
    void record(WidgetRecord record) { records_.push_back(std::move(record)); }
    // Whether id is the control the finger was just lifted on / is pressing now.
    bool activated(std::string_view id) const { return input_.activated && *input_.activated == id; }
    bool armed(std::string_view id) const { return input_.armed && *input_.armed == id; }

    const Metrics& metrics() const { return metrics_; }
    const Palette& palette() const { return palette_; }
    const FontSet& fonts() const { return fonts_; }
    FrameRecords take_records() { return std::move(records_); }
    const FrameRecords& records() const { return records_; }

private:
    const ImFont& font_for(TextRole role) const;
    float px_for(TextRole role) const;
    // Draws lines centred in rect; shrinks to fit only as a last resort and returns the size used.
    float draw_label(const ImFont& font, float px, std::string_view text, core::Rect rect, ImU32 colour, int max_lines);

    ImDrawList& draw_;
    const FontSet& fonts_;
    Metrics metrics_;
    Palette palette_;
    FrameInput input_;
    FrameRecords records_;
};

ImU32 to_imgui(Rgb c);

}  // namespace qiao::ui
