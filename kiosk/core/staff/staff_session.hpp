#pragma once
// StaffSession: who is signed in to staff mode at this kiosk, and for how long more.
// Staff screens show phone numbers and the help queue, so a volunteer who walks away
// is signed out after a few untouched minutes (default 5), sooner than a senior's idle
// reset would be noticed by the next visitor. Idle time is measured on the steady clock
// (core/time/clock.hpp), as IdleWatch does: setting the wall clock neither signs anyone
// out nor keeps them in. When they signed in is wall time, for the screen and the log.
#include <chrono>
#include <optional>

#include "core/booking/wall_time.hpp"
#include "core/staff/staff_account.hpp"
#include "core/time/clock.hpp"

namespace qiao::core {

inline constexpr std::chrono::minutes kStaffIdleLimit{5};

class StaffSession {
public:
    // Signed in at signed_in_at (wall time), which is also the first touch (now, steady).
    StaffSession(StaffAccount account, WallTime signed_in_at, TimePoint now, Duration idle_limit = kStaffIdleLimit);

    const StaffAccount& account() const { return account_; }
    bool is_manager() const { return account_.is_manager(); }
    WallTime since() const { return since_; }
    TimePoint last_touch() const { return last_touch_; }
    Duration idle_limit() const { return idle_limit_; }

    // A touch on a staff screen: the idle limit counts from now again. A touch that
    // comes after the session expired does not bring it back.
    void touch(TimePoint now);
    // No touch for the idle limit: sign out.
    bool expired(TimePoint now) const;
    // Whole seconds (rounded up) until expired; 0 once it is.
    int seconds_left(TimePoint now) const;
    // When it expires, for the frame loop to wake up then.
    TimePoint deadline() const { return last_touch_ + idle_limit_; }

private:
    StaffAccount account_;
    WallTime since_;
    TimePoint last_touch_;
    Duration idle_limit_;
};

}  // namespace qiao::core
