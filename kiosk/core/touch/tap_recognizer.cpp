#include "core/touch/tap_recognizer.hpp"

#include <utility>

namespace qiao::core {

const TouchTarget* TapRecognizer::hit(float x, float y) const {
    // Topmost (last drawn) wins, as on screen.
    for (auto it = targets_.rbegin(); it != targets_.rend(); ++it)
        if (it->rect.contains(x, y)) return &*it;
    return nullptr;
}

const TouchTarget* TapRecognizer::find(const std::string& id) const {
    for (const auto& t : targets_)
        if (t.id == id) return &t;
    return nullptr;
}

void TapRecognizer::press(float x, float y, TimePoint) {
    pressing_ = true;
    slid_away_ = false;
    last_x_ = x;
    last_y_ = y;
    const TouchTarget* target = hit(x, y);
    pressed_id_ = target ? target->id : std::string();
    if (!target) events_.push_back({TapOutcome::Missed, {}});
}

void TapRecognizer::move(float x, float y) {
    if (!pressing_) return;
    last_x_ = x;
    last_y_ = y;
    if (pressed_id_.empty()) return;
    const TouchTarget* target = find(pressed_id_);
    // Once a finger has clearly left, coming back does not re-arm: a cancel should be
    // what it looked like.
    if (!target || !target->rect.contains(x, y, params_.slop_px)) slid_away_ = true;
}

std::optional<TapEvent> TapRecognizer::release(float x, float y, TimePoint when) {
    if (!pressing_) return std::nullopt;
    move(x, y);
    pressing_ = false;
    if (pressed_id_.empty()) return TapEvent{TapOutcome::Missed, {}};
    const std::string id = std::exchange(pressed_id_, std::string());
    if (slid_away_) return TapEvent{TapOutcome::Cancelled, id};
    if (id == last_activated_id_ && when - last_activated_at_ < params_.repeat_guard)
        return TapEvent{TapOutcome::Repeated, id};
    last_activated_id_ = id;
    last_activated_at_ = when;
    return TapEvent{TapOutcome::Activated, id};
}

void TapRecognizer::cancel() {
    pressing_ = false;
    pressed_id_.clear();
    slid_away_ = false;
}

std::optional<std::string> TapRecognizer::armed_target() const {
    if (!pressing_ || pressed_id_.empty() || slid_away_) return std::nullopt;
    return pressed_id_;
}

std::vector<TapEvent> TapRecognizer::take_events() { return std::exchange(events_, {}); }

}  // namespace qiao::core
