#pragma once
// Screen: one task per screen (DESIGN.md, "closer"). A screen draws its content; the
// chrome around it (title, "listen again", the bottom bar) is the same everywhere and
// drawn by draw_screen(). Screens change things only through KioskActions, which the
// app implements: the UI never talks to storage or speech directly.
#include <string>
#include <string_view>
#include <vector>

#include "core/config/text_size.hpp"
#include "core/i18n/catalog.hpp"
#include "core/touch/rect.hpp"
#include "ui/frame_ui.hpp"

namespace qiao::ui {

// The visitor's choices, as the screens see them.
struct VisitorView {
    std::string language = "zh-CN";
    core::TextSize text_size = core::TextSize::Normal;
    bool voice_on = true;
    int speech_rate_wpm = 130;
    std::string phone_digits;   // being typed on the phone keypad (this screen only)
    std::string learner_label;  // the masked number once the visitor gave it
    bool phone_for_someone_else = false;  // the keypad asks for the other person's number
    std::size_t pin_length = 0;           // digits of a PIN typed so far (never the digits)
    // What the site offers (its settings), as every visitor starts with it.
    std::vector<std::string> home_buttons{"learn", "book", "help"};
    std::vector<std::string> languages;  // empty: every language of the catalogs
};

class KioskActions {
public:
    virtual ~KioskActions() = default;
    virtual void go(std::string_view screen_id) = 0;
    virtual void back() = 0;
    virtual void home() = 0;
    virtual void listen_again() = 0;
    virtual void set_text_size(core::TextSize size) = 0;
    virtual void set_language(const std::string& code) = 0;
    virtual void set_voice(bool on) = 0;
    virtual void set_speech_rate(int wpm) = 0;
    virtual void still_here() = 0;
    // Lessons (see ui/lessons/).
    virtual void open_lesson(const std::string& pack_id, const std::string& lesson_id) = 0;
    virtual void lesson_tap(const std::string& target) = 0;
    virtual void lesson_choose(int answer) = 0;
    virtual void lesson_next() = 0;
    virtual void lesson_back() = 0;
    virtual void leave_lesson() = 0;
    // The phone keypad: a digit '0'..'9', or '<' to take the last one back.
    virtual void phone_key(char key) = 0;
    virtual void phone_done() = 0;
    virtual void phone_confirm(bool right) = 0;
    // Book and Help (ui/flow/): a choice on a flow screen, by its id. The app applies
    // it between frames (it may read or write the store).
    virtual void flow_choose(const std::string& id) = 0;
    // A screen changed what it shows by itself (a list turned to its next page): draw
    // the frame again, so what the finger did is on screen at once.
    virtual void redraw() = 0;
};

class LessonsView;
class PictureSource;
class FlowView;

// The app's strings in the visitor's language.
class Text {
public:
    Text(const core::Catalog& catalog, std::string language) : catalog_(catalog), language_(std::move(language)) {}
    const std::string& operator()(std::string_view key) const { return catalog_.text(language_, key); }
    const std::string& language() const { return language_; }
    const core::Catalog& catalog() const { return catalog_; }

private:
    const core::Catalog& catalog_;
    std::string language_;
};

struct ScreenContext {
    FrameUi& ui;
    const Text& text;
    const VisitorView& visitor;
    KioskActions& actions;
    int idle_seconds_left = 0;  // during the idle warning
    const LessonsView* lessons = nullptr;
    PictureSource* pictures = nullptr;
    const FlowView* flows = nullptr;
    // 0..1: how far the "tap here" ring is swollen right now. It pulses a few times when
    // it first appears, to draw the eye, then stays still (nothing moves for long).
    float highlight_pulse = 0.0f;
};

// A button of the bottom bar.
struct BarButton {
    std::string id;
    Icon icon;
    std::string label;
    ButtonStyle style = ButtonStyle::Plain;
};

// Speech rates offered to visitors (words a minute). Normal is slower than espeak's 175.
inline constexpr int kSlowerRateWpm = 100;
inline constexpr int kNormalRateWpm = 130;
inline constexpr int kFasterRateWpm = 165;

class Screen {
public:
    virtual ~Screen() = default;
    virtual std::string_view id() const = 0;
    virtual std::string title(const Text& text) const = 0;
    // The catalog key of what is said on entering and on "listen again" (a recorded
    // clip of the same name plays instead where the station has one).
    virtual std::string prompt_key() const = 0;
    virtual void draw_content(ScreenContext& ctx, core::Rect area) = 0;
    // Default: back and home.
    virtual std::vector<BarButton> bottom_bar(const ScreenContext& ctx) const;
    // The button at the top right. Default: "listen again".
    virtual BarButton top_button(const ScreenContext& ctx) const;
    // Called when the bar button `id` was activated and it is not back/home.
    virtual void on_bar_button(ScreenContext&, std::string_view) {}
    // The calm Help button at the top of every screen; not on the Help screens
    // themselves, nor on the idle warning.
    virtual bool offers_help() const { return true; }
    // The small "staff" control at the top (home only): away from the seniors' big
    // choices and from "listen again", plainly labelled, and behind a staff PIN.
    virtual bool offers_staff_entry() const { return false; }
};

// Draws the chrome and the screen's content filling window.
void draw_screen(Screen& screen, ScreenContext& ctx, core::Rect window);

}  // namespace qiao::ui
