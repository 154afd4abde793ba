#pragma once
// Backoff: how long the sync worker waits after a failed try (docs/sync-protocol.md,
// "Retry rule"): the step starts at 1 s and doubles on each failure to at most 5 minutes,
// and each wait is a random 50-100 % of the step, so kiosks that lost the network
// together do not all come back at the same instant. A success starts again at 1 s.
#include <chrono>
#include <functional>

namespace qiao::core {

class Backoff {
public:
    // A number in [0, 1): where in the 50-100 % band a wait falls. Tests inject their own.
    using RandomSource = std::function<double()>;

    static constexpr std::chrono::milliseconds kFirstStep{1000};
    static constexpr std::chrono::milliseconds kLongestStep{5 * 60 * 1000};

    // Without a source, draws from libsodium's random numbers.
    explicit Backoff(RandomSource random = {});

    // A try failed: how long to wait before the next one. Doubles the step for next time.
    std::chrono::milliseconds next_wait();
    // A try succeeded: the next failure waits about 1 s again.
    void reset() { step_ = kFirstStep; failures_ = 0; }

    int failures() const { return failures_; }
    std::chrono::milliseconds step() const { return step_; }

private:
    RandomSource random_;
    std::chrono::milliseconds step_ = kFirstStep;
    int failures_ = 0;
};

}  // namespace qiao::core
