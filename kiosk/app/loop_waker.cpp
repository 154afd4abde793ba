#include "app/loop_waker.hpp"

#include <SDL.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

namespace qiao::app {

LoopWaker::LoopWaker(bool headless) : headless_(headless) {
    if (headless_) {
        sigset_t mask;
        sigemptyset(&mask);
        sigaddset(&mask, SIGTERM);
        sigaddset(&mask, SIGINT);
        pthread_sigmask(SIG_BLOCK, &mask, nullptr);
        signal_fd_ = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
        event_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (signal_fd_ < 0 || event_fd_ < 0) throw std::runtime_error("the headless loop could not set up its wake-up file descriptors");
    } else {
        wake_event_ = SDL_RegisterEvents(1);
    }
}

LoopWaker::~LoopWaker() {
    if (event_fd_ >= 0) close(event_fd_);
    if (signal_fd_ >= 0) close(signal_fd_);
}

void LoopWaker::notify() {
    if (headless_) {
        const std::uint64_t one = 1;
        [[maybe_unused]] const auto n = write(event_fd_, &one, sizeof one);
        return;
    }
    if (wake_event_ == static_cast<std::uint32_t>(-1)) return;
    SDL_Event e{};
    e.type = wake_event_;
    SDL_PushEvent(&e);  // thread-safe, and wakes SDL_WaitEventTimeout
}

void LoopWaker::wait(int timeout_ms) {
    if (!headless_) {
        // A null event: wait without taking the event out of the queue.
        SDL_WaitEventTimeout(nullptr, timeout_ms < 0 ? -1 : timeout_ms);
        ++wakeups_;
        return;
    }
    pollfd fds[2] = {{event_fd_, POLLIN, 0}, {signal_fd_, POLLIN, 0}};
    const int n = poll(fds, 2, timeout_ms);
    ++wakeups_;
    if (n <= 0) return;
    if (fds[0].revents & POLLIN) {
        std::uint64_t count = 0;
        [[maybe_unused]] const auto r = read(event_fd_, &count, sizeof count);
    }
    if (fds[1].revents & POLLIN) {
        signalfd_siginfo info{};
        while (read(signal_fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) signalled_ = true;
    }
}

}  // namespace qiao::app
