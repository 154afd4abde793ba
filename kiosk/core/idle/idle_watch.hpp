#pragma once
// IdleWatch: when a visitor has walked away. After `timeout` untouched the kiosk warns
// (aloud, with one huge "I'm still here" button) for `warning`; then it goes back to
// the start and forgets the visitor. An empty kiosk has no deadline at all (nothing
// to wake up for), which is what lets it sleep.
#include <optional>

#include "core/time/clock.hpp"

namespace qiao::core {

enum class IdlePhase {
    Asleep,   // nobody has touched the screen since the last reset
    Active,   // someone is using it
    Warning,  // timeout passed: asking "are you still here?"
    Expired,  // warning passed without a touch: reset now
};

class IdleWatch {
public:
    IdleWatch(Duration timeout, Duration warning) : timeout_(timeout), warning_(warning) {}

    void set_durations(Duration timeout, Duration warning) {
        timeout_ = timeout;
        warning_ = warning;
    }
    void touched(TimePoint when);
    // The kiosk was reset: nobody is here; no deadline until the next touch.
    void reset();

    IdlePhase phase(TimePoint now) const;
    // When the phase next changes by itself; nothing while asleep.
    std::optional<TimePoint> next_deadline(TimePoint now) const;
    // Whole seconds left in the warning (rounded up), for the countdown.
    int warning_seconds_left(TimePoint now) const;

    Duration timeout() const { return timeout_; }
    Duration warning() const { return warning_; }

private:
    Duration timeout_;
    Duration warning_;
    std::optional<TimePoint> last_touch_;
};

}  // namespace qiao::core
