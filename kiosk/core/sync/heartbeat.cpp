#include "core/sync/heartbeat.hpp"

#include "core/sync/backoffice_reply.hpp"
#include "core/sync/sync_credentials.hpp"

namespace qiao::core {

HeartbeatFigures gather_heartbeat(SyncStores& stores, const std::filesystem::path& data_dir, const std::string& app_version,
                                  const std::string& today) {
    HeartbeatFigures figures;
    figures.app_version = app_version;
    figures.outbox_depth = stores.outbox.depth();
    figures.last_sync_at = stores.settings.get(sync_keys::kLastSyncAt);
    std::error_code ec;
    const auto space = std::filesystem::space(data_dir, ec);
    figures.disk_free_bytes = ec ? 0 : space.available;  // what the kiosk's user may still write
    for (ScreenTouchFigures& row : stores.touches.all())
        if (row.day == today) figures.touches.push_back(std::move(row));
    return figures;
}

nlohmann::json heartbeat_body(const HeartbeatFigures& figures) {
    nlohmann::json touches = nlohmann::json::array();
    for (const ScreenTouchFigures& row : figures.touches)
        touches.push_back({{"day", row.day}, {"screen", row.screen}, {"taps", row.taps}, {"misses", row.mis_touches}});
    return {{"app_version", figures.app_version},
            {"outbox_depth", figures.outbox_depth},
            {"last_sync_at", figures.last_sync_at ? nlohmann::json(*figures.last_sync_at) : nlohmann::json(nullptr)},
            {"disk_free_bytes", figures.disk_free_bytes},
            {"touches", std::move(touches)}};
}

SyncStep send_heartbeat(BackofficeApi& api, const HeartbeatFigures& figures) {
    SyncStep step;
    const HttpReply reply = api.post("/api/v1/heartbeat", heartbeat_body(figures));
    switch (verdict_of(reply)) {
    case ReplyVerdict::Success: return step;
    case ReplyVerdict::Unauthenticated: step.outcome = SyncStep::Outcome::Unauthenticated; break;
    default: step.outcome = reply.stopped ? SyncStep::Outcome::Stopped : SyncStep::Outcome::Failed; break;
    }
    step.error = describe_failure("heartbeat", reply);
    return step;
}

}  // namespace qiao::core
