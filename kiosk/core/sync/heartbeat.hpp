#pragma once
// The heartbeat (docs/sync-protocol.md, "POST /api/v1/heartbeat"): after a sync round,
// at most once a minute, the kiosk tells its back office how it is: its version, how
// much waits in the outbox, when it last synced, the free space of its data folder, and
// the day's running tap totals per screen (resending them is harmless).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/storage/touch_stats.hpp"
#include "core/sync/backoffice_api.hpp"
#include "core/sync/sync_step.hpp"
#include "core/sync/sync_stores.hpp"

namespace qiao::core {

struct HeartbeatFigures {
    std::string app_version;
    std::size_t outbox_depth = 0;
    std::optional<std::string> last_sync_at;  // ISO 8601 UTC; none before the first sync
    std::uintmax_t disk_free_bytes = 0;
    std::vector<ScreenTouchFigures> touches;  // today's, per screen
};

// Reads the figures from the store and the data folder; `today` is the local date.
HeartbeatFigures gather_heartbeat(SyncStores& stores, const std::filesystem::path& data_dir, const std::string& app_version,
                                  const std::string& today);

nlohmann::json heartbeat_body(const HeartbeatFigures& figures);

SyncStep send_heartbeat(BackofficeApi& api, const HeartbeatFigures& figures);

}  // namespace qiao::core
