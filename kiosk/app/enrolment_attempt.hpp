#pragma once
// EnrolmentAttempt: a site manager enrols the station from its staff screen. Enrolling
// asks the back office over the network, which must never hold up a frame, so it runs on
// a thread of its own (part of the sync, as DESIGN.md allows), with its own connection to
// the store, as `qiao-kiosk --enroll` does. The screen polls done() between frames.
// Destruction cuts the request short and joins.
#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/log.hpp"
#include "core/sync/enrolment.hpp"

namespace qiao::app {

struct EnrolmentOutcome {
    bool enrolled = false;
    std::string site_name;  // when enrolled
    std::string message;    // why not, in the back office's or the network's words (for staff)
};

class EnrolmentAttempt {
public:
    EnrolmentAttempt(std::filesystem::path data_dir, core::EnrolmentRequest request, std::string ca_file, core::Log& log,
                     std::function<void()> on_done);
    ~EnrolmentAttempt();
    EnrolmentAttempt(const EnrolmentAttempt&) = delete;
    EnrolmentAttempt& operator=(const EnrolmentAttempt&) = delete;

    // The outcome once the attempt is over; nullopt while it runs.
    std::optional<EnrolmentOutcome> outcome() const;

private:
    mutable std::mutex mutex_;
    std::optional<EnrolmentOutcome> outcome_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace qiao::app
