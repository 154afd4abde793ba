#pragma once
// WidgetRecord: what one frame drew, widget by widget. Tours find controls by id in
// it, touch is hit-tested against it, and the audit measures the rules of the screen
// (sizes, gaps, text, contrast) from it: from what was really drawn.
#include <string>
#include <vector>

#include "core/touch/rect.hpp"
#include "ui/theme.hpp"

namespace qiao::ui {

struct WidgetRecord {
    std::string id;
    core::Rect rect;
    std::string text;        // what it says, for tours and failure messages
    bool control = false;    // something to tap
    float text_px = 0.0f;    // the smallest text drawn in it; 0 when it has none
    ColourPair colours;      // its text on its background
    bool overflows = false;  // its text did not fit (a layout bug the audit reports)
    // Part of a simulated phone screen in a lesson: a picture of a phone, drawn at a
    // phone's proportions. Tappable, but not held to the kiosk's own size and gap rules.
    bool practice = false;
};

using FrameRecords = std::vector<WidgetRecord>;

const WidgetRecord* find_widget(const FrameRecords& records, std::string_view id);

}  // namespace qiao::ui
