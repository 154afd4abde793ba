#include "core/idle/idle_watch.hpp"

namespace qiao::core {

void IdleWatch::touched(TimePoint when) { last_touch_ = when; }

void IdleWatch::reset() { last_touch_.reset(); }

IdlePhase IdleWatch::phase(TimePoint now) const {
    if (!last_touch_) return IdlePhase::Asleep;
    const Duration quiet = now - *last_touch_;
    if (quiet < timeout_) return IdlePhase::Active;
    if (quiet < timeout_ + warning_) return IdlePhase::Warning;
    return IdlePhase::Expired;
}

std::optional<TimePoint> IdleWatch::next_deadline(TimePoint now) const {
    switch (phase(now)) {
    case IdlePhase::Asleep: return std::nullopt;
    case IdlePhase::Active: return *last_touch_ + timeout_;
    case IdlePhase::Warning: {
        // Wake every second for the countdown, and at the end.
        const TimePoint end = *last_touch_ + timeout_ + warning_;
        const Duration left = end - now;
        const Duration to_next_second = left % std::chrono::seconds(1);
        return now + (to_next_second > Duration::zero() ? to_next_second : std::chrono::seconds(1));
    }
    case IdlePhase::Expired: return now;
    }
    return std::nullopt;
}

int IdleWatch::warning_seconds_left(TimePoint now) const {
    if (!last_touch_) return 0;
    const Duration left = *last_touch_ + timeout_ + warning_ - now;
    if (left <= Duration::zero()) return 0;
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(left).count();
    return static_cast<int>((ms + 999) / 1000);
}

}  // namespace qiao::core
