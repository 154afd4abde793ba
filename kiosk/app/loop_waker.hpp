#pragma once
// LoopWaker: how the UI loop sleeps until there is something to do, and how other
// threads (speech, later sync) wake it. With a real display it sleeps inside
// SDL_WaitEventTimeout and is woken by SDL_PushEvent. SDL's dummy driver (headless)
// cannot sleep there (it polls every millisecond), so headless runs sleep in poll(2)
// on an eventfd, plus a signalfd so SIGTERM ends the run cleanly.
#include <atomic>
#include <cstdint>

namespace qiao::app {

class LoopWaker {
public:
    // Headless: blocks SIGTERM and SIGINT in this thread (and so in every thread it
    // starts later) and takes them through a signalfd. Create it before any thread.
    explicit LoopWaker(bool headless);
    ~LoopWaker();
    LoopWaker(const LoopWaker&) = delete;
    LoopWaker& operator=(const LoopWaker&) = delete;

    // Any thread: wake the loop.
    void notify();
    // Sleeps until an SDL event is pending, notify() was called or a signal came, or
    // timeout_ms passed (negative: no timeout). Call after draining SDL's events.
    void wait(int timeout_ms);
    // Headless: SIGTERM or SIGINT arrived.
    bool signalled() const { return signalled_.load(); }
    std::uint32_t wake_event_type() const { return wake_event_; }
    std::uint64_t wakeups() const { return wakeups_.load(); }

private:
    bool headless_;
    int event_fd_ = -1;
    int signal_fd_ = -1;
    std::uint32_t wake_event_ = 0;
    std::atomic<bool> signalled_{false};
    std::atomic<std::uint64_t> wakeups_{0};
};

}  // namespace qiao::app
