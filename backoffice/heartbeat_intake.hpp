#pragma once
// HeartbeatIntake: POST /api/v1/heartbeat (docs/sync-protocol.md). A kiosk says how it
// is (version, outbox depth, last sync, free disk) and gives the day's running tap totals
// per screen. One row per kiosk is kept for its state, and one per (kiosk, day, screen)
// for the taps; a total never goes down, so a resent or late heartbeat changes nothing.
#include <cstddef>

#include <nlohmann/json.hpp>

#include "backoffice/enrolment.hpp"

namespace qiao::backoffice {

// A kiosk sends today's screens; a few hundred is already far more than it has.
inline constexpr std::size_t kMaxTouchRowsPerHeartbeat = 500;

class HeartbeatIntake {
public:
    explicit HeartbeatIntake(core::Database& db) : db_(db) {}

    // Checks the whole body first (ApiError 400 naming the field; nothing stored), then
    // stores it in one transaction.
    void take(const Caller& kiosk, const nlohmann::json& body, Clock::time_point now);

private:
    core::Database& db_;
};

}  // namespace qiao::backoffice
