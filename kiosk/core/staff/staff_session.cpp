#include "core/staff/staff_session.hpp"

#include <algorithm>

namespace qiao::core {

StaffSession::StaffSession(StaffAccount account, WallTime signed_in_at, TimePoint now, Duration idle_limit)
    : account_(std::move(account)), since_(signed_in_at), last_touch_(now), idle_limit_(idle_limit) {}

void StaffSession::touch(TimePoint now) {
    if (expired(now)) return;
    last_touch_ = std::max(last_touch_, now);
}

bool StaffSession::expired(TimePoint now) const { return now >= deadline(); }

int StaffSession::seconds_left(TimePoint now) const {
    if (expired(now)) return 0;
    return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(deadline() - now).count());
}

}  // namespace qiao::core
