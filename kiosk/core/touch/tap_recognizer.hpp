#pragma once
// TapRecognizer: the forgiving touch rules of DESIGN.md, as plain logic.
//  - A control acts when the finger lifts inside it, not when it lands.
//  - A finger that slides up to `slop` pixels beyond the control while pressing still
//    counts; one that slides further cancels the press (and the control shows it is
//    no longer pressed, so the cancel is visible, not silent).
//  - A second activation of the same control within `repeat_guard` is ignored.
//  - A press that lands on no control is a mis-touch.
// Hit testing uses the targets of the last frame drawn: what the person saw.
#include <optional>
#include <string>
#include <vector>

#include "core/time/clock.hpp"
#include "core/touch/rect.hpp"

namespace qiao::core {

struct TouchTarget {
    std::string id;
    Rect rect;
};

enum class TapOutcome {
    Activated,     // lifted inside the pressed control: it acts
    Cancelled,     // slid too far away before lifting
    Repeated,      // same control again within the repeat guard: ignored
    Missed,        // landed on no control (a mis-touch)
};

struct TapEvent {
    TapOutcome outcome;
    std::string target_id;  // empty for Missed
};

class TapRecognizer {
public:
    struct Params {
        float slop_px = 21.0f;                        // about 5 mm on a 21-inch 1080p screen
        Duration repeat_guard = std::chrono::milliseconds(400);
    };

    TapRecognizer() = default;
    explicit TapRecognizer(Params params) : params_(params) {}

    void set_params(Params params) { params_ = params; }
    const Params& params() const { return params_; }

    // The controls as drawn in the frame the person is looking at.
    void set_targets(std::vector<TouchTarget> targets) { targets_ = std::move(targets); }

    void press(float x, float y, TimePoint when);
    void move(float x, float y);
    // Returns what the press amounted to, or nothing if no press was under way.
    std::optional<TapEvent> release(float x, float y, TimePoint when);
    // Forget a press in progress (screen changed under the finger, window lost focus).
    void cancel();

    // The control under a press that would still activate if lifted now, if any.
    std::optional<std::string> armed_target() const;
    bool pressing() const { return pressing_; }
    // Events that happened on press (Missed is known at once), drained by the caller.
    std::vector<TapEvent> take_events();

private:
    const TouchTarget* hit(float x, float y) const;
    const TouchTarget* find(const std::string& id) const;

    Params params_;
    std::vector<TouchTarget> targets_;
    bool pressing_ = false;
    std::string pressed_id_;     // empty when the press landed on nothing
    bool slid_away_ = false;     // went beyond the slop at some point
    float last_x_ = 0, last_y_ = 0;
    std::string last_activated_id_;
    TimePoint last_activated_at_{};
    std::vector<TapEvent> events_;
};

}  // namespace qiao::core
