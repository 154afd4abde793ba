#include "core/sync/backoff.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace qiao::core {

namespace {

double sodium_unit() {
    // randombytes_uniform gives an unbiased integer; 2^24 steps are plenty for a wait.
    constexpr std::uint32_t kSteps = 1u << 24;
    return static_cast<double>(randombytes_uniform(kSteps)) / kSteps;
}

}  // namespace

Backoff::Backoff(RandomSource random) : random_(std::move(random)) {
    if (!random_) {
        if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
        random_ = sodium_unit;
    }
}

std::chrono::milliseconds Backoff::next_wait() {
    // A source that strays outside [0, 1) must not make a wait outside the band.
    const double r = std::clamp(random_(), 0.0, 1.0);
    const auto step = step_;
    const auto wait = std::chrono::milliseconds(
        static_cast<long long>(std::llround(static_cast<double>(step.count()) * (0.5 + 0.5 * r))));
    step_ = std::min(step_ * 2, kLongestStep);
    ++failures_;
    return std::min(wait, step);
}

}  // namespace qiao::core
