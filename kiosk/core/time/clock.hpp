#pragma once
// Clock: the kiosk's idea of "now". The real kiosk uses the steady clock; tours and
// tests use a clock they can move forward, so a 3-minute idle reset is tested in
// milliseconds.
#include <atomic>
#include <chrono>

namespace qiao::core {

using Duration = std::chrono::steady_clock::duration;
using TimePoint = std::chrono::steady_clock::time_point;
using std::chrono::milliseconds;
using std::chrono::seconds;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

// The steady clock plus an offset that can only grow (tours "advance" time).
class AdjustableClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::steady_clock::now() + Duration(offset_.load()); }
    void advance(Duration by) { offset_ += by.count(); }

private:
    std::atomic<Duration::rep> offset_{0};
};

// A clock that stands still until told to move: for unit tests.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start = TimePoint{} + std::chrono::hours(1)) : now_(start) {}
    TimePoint now() const override { return now_; }
    void advance(Duration by) { now_ += by; }

private:
    TimePoint now_;
};

}  // namespace qiao::core
