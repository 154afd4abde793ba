#pragma once
// FlowPage: what one screen of the Book and Help flows shows, made ready by the app
// (words in the visitor's language, dates and times spelled out) and read by the
// screens each frame from memory. The screens only lay it out; every tap goes back
// to the app as KioskActions::flow_choose(id), so a flow's rules live in one place.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ui/icons.hpp"
#include "ui/theme.hpp"

namespace qiao::core {
class QrCode;
}

namespace qiao::ui {

// A big choice: a card with an icon, a label and a line under it.
struct FlowItem {
    std::string id;
    Icon icon = Icon::None;
    std::string label;
    std::string caption;
    ButtonStyle style = ButtonStyle::Plain;
    bool selected = false;
    std::string spoken;  // how the voice says the label, where it differs ("14点到15点")
};

// "时间" / "12月1日 星期二 09:30": one line of a summary or a slip.
struct FlowLine {
    std::string label;
    std::string value;
    std::string spoken;  // how the voice says the value, where it differs
    // May be left off the screen when space is short (the voice still says it).
    bool optional = false;
};

struct FlowPage {
    std::string heading;                 // a sentence at the top of the content
    std::vector<FlowItem> items;         // the choices, as big cards (a list screen)
    std::vector<FlowLine> lines;         // a summary (a summary screen)
    std::string code;                    // a booking code, shown very large
    std::shared_ptr<const core::QrCode> qr;  // drawn beside the code
    std::string note;                    // a plain sentence under it all
    bool note_optional = false;          // the note may give way to the lines (it is said aloud too)
    std::vector<FlowItem> actions;       // big buttons under a summary
    std::vector<FlowItem> bar;           // extra bottom-bar buttons, between back and home
    bool hide_back = false;              // after something is done, "back" would undo nothing
    // A list whose cards' second lines are needed, not a help (staff: the callback
    // number, a pack's check): it pages rather than leave them off.
    bool keep_captions = false;
    // The record screen.
    bool recording = false;
    double seconds = 0;
    double limit_seconds = 60;
    float level = 0;
};

class FlowView {
public:
    virtual ~FlowView() = default;
    // The page of screen `screen_id`; nullptr when no flow owns that screen.
    virtual const FlowPage* flow_page(std::string_view screen_id) const = 0;
};

}  // namespace qiao::ui
