#pragma once
// One sync round (docs/sync-protocol.md, "The kiosk's side"): push batches until the
// outbox is empty, then pull until the back office has no more, then the back office's
// trusted publishers are written where the pack installer looks, then the heartbeat if
// one is due, and last at most one lesson pack is downloaded and installed
// (pack_downloads.hpp): last, so what a senior is waiting for never waits for a pack.
// A failed push or pull ends the round (the worker backs off); a failed heartbeat or
// pack download does not: what mattered got through, and the next round goes on.
#include <filesystem>
#include <string>

#include "core/log.hpp"
#include "core/sync/backoffice_api.hpp"
#include "core/sync/pack_downloads.hpp"
#include "core/sync/sync_step.hpp"
#include "core/sync/sync_stores.hpp"

namespace qiao::core {

struct SyncRoundSettings {
    std::filesystem::path data_dir;  // the heartbeat's free space; packs, downloads and trusted publishers
    std::string app_version;
    bool heartbeat_due = true;
    std::string today;  // the local date (YYYY-MM-DD) whose tap totals the heartbeat sends
    PackDownloadOptions packs;
};

struct SyncRoundResult {
    SyncStep sync;                // push and pull
    bool heartbeat_sent = false;  // and answered 2xx
    std::string heartbeat_error;  // plain words, when it was due and failed
    PackDownloadResult packs;     // the lesson pack step (its Installed sets sync.changes.lessons)
};

SyncRoundResult run_sync_round(BackofficeApi& api, SyncStores& stores, const SyncRoundSettings& settings, Log& log);

}  // namespace qiao::core
