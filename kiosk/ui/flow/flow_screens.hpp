#pragma once
// The screens of the Book and Help flows. Each flow screen is one of a few shapes:
// a list of big choices, a summary (or a slip), the recorder, and the PIN keypad.
// What they show comes from the app as a FlowPage (ui/flow/flow_page.hpp); their
// title and spoken prompt are the catalog keys "<id>.title" and "<id>.prompt".
#include <string>

#include "ui/flow/flow_page.hpp"
#include "ui/icons.hpp"
#include "ui/screen.hpp"

namespace qiao::ui {

// Who a flow screen is for. Staff screens (staff mode) have no Help button and say no
// prompt aloud (a lobby need not hear the staff's work); "sign out" sits where "listen
// again" is, and the bar leads back to the staff menu instead of the seniors' home.
enum class FlowAudience {
    Senior,
    SeniorHelp,  // a screen of the Help flow, which needs no Help button of its own
    Staff,
};

class FlowScreen : public Screen {
public:
    FlowScreen(std::string id, FlowAudience audience) : id_(std::move(id)), audience_(audience) {}
    // part_of_help: a screen of the Help flow.
    FlowScreen(std::string id, bool part_of_help)
        : FlowScreen(std::move(id), part_of_help ? FlowAudience::SeniorHelp : FlowAudience::Senior) {}
    std::string_view id() const override { return id_; }
    std::string title(const Text& text) const override { return text(id_ + ".title"); }
    std::string prompt_key() const override { return audience_ == FlowAudience::Staff ? std::string() : id_ + ".prompt"; }
    std::vector<BarButton> bottom_bar(const ScreenContext& ctx) const override;
    BarButton top_button(const ScreenContext& ctx) const override;
    void on_bar_button(ScreenContext& ctx, std::string_view id) override;
    bool offers_help() const override { return audience_ == FlowAudience::Senior; }
    bool for_staff() const { return audience_ == FlowAudience::Staff; }

protected:
    const FlowPage* page(const ScreenContext& ctx) const;
    // Draws the page's heading at the top of area; returns the area left under it.
    core::Rect draw_heading(ScreenContext& ctx, core::Rect area) const;

private:
    std::string id_;
    FlowAudience audience_ = FlowAudience::Senior;
};

// Big cards, as many as fit; a "more" card pages through longer lists.
class FlowListScreen final : public FlowScreen {
public:
    using FlowScreen::FlowScreen;
    void draw_content(ScreenContext& ctx, core::Rect area) override;

private:
    std::size_t page_ = 0;
    std::string items_key_;  // the list the page number belongs to
};

// A summary, a slip (with the booking code and its QR code), a detail with actions.
class FlowSummaryScreen final : public FlowScreen {
public:
    using FlowScreen::FlowScreen;
    void draw_content(ScreenContext& ctx, core::Rect area) override;
};

// "Say it instead of typing it": one huge record / stop button, the seconds, and
// play back / record again once there is a message.
class RecordScreen final : public FlowScreen {
public:
    RecordScreen() : FlowScreen("help_record", true) {}
    void draw_content(ScreenContext& ctx, core::Rect area) override;
};

// The digits of a PIN, shown as dots: a PIN is never shown or said aloud on a shared
// screen. A senior's PIN has four digits; a staff PIN six (screen "staff_pin").
class PinEntryScreen final : public FlowScreen {
public:
    PinEntryScreen() : PinEntryScreen("pin_entry", 4, FlowAudience::Senior) {}
    PinEntryScreen(std::string id, std::size_t digits, FlowAudience audience) : FlowScreen(std::move(id), audience), digits_(digits) {}
    void draw_content(ScreenContext& ctx, core::Rect area) override;

private:
    std::size_t digits_ = 4;
};

}  // namespace qiao::ui
