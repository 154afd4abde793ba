#include "core/sync/sync_round.hpp"

#include <chrono>

#include "core/lessons/pack_error.hpp"
#include "core/sync/heartbeat.hpp"
#include "core/sync/outbox_push.hpp"
#include "core/sync/pulled_changes.hpp"
#include "core/sync/sync_credentials.hpp"
#include "core/sync/trusted_keys_file.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::core {

namespace {

// A disk that refuses a key file is told, not a failed round: the next round tries again.
void write_publishers(const SyncRoundSettings& settings, SyncStores& stores, Log& log) {
    try {
        (void)write_backoffice_publishers(settings.data_dir, stores.settings, log);
    } catch (const PackError& e) {
        log.warning(std::string("sync: the back office's trusted publishers could not be written: ") + e.what());
    }
}

}  // namespace

SyncRoundResult run_sync_round(BackofficeApi& api, SyncStores& stores, const SyncRoundSettings& settings, Log& log) {
    SyncRoundResult result;
    OutboxPush push(api, stores.outbox, stores.bookings, stores.help, log);
    result.sync = push.push_all();
    if (!result.sync.done()) return result;

    PulledChanges pull(api, stores, log);
    SyncStep pulled = pull.pull_all();
    pulled.changes |= result.sync.changes;
    result.sync = std::move(pulled);
    if (!result.sync.done()) return result;

    stores.settings.set(sync_keys::kLastSyncAt, iso8601_utc(std::chrono::system_clock::now()));
    if (!settings.data_dir.empty()) write_publishers(settings, stores, log);
    if (settings.heartbeat_due) {
        const SyncStep beat =
            send_heartbeat(api, gather_heartbeat(stores, settings.data_dir, settings.app_version, settings.today));
        if (beat.outcome == SyncStep::Outcome::Unauthenticated) {
            result.sync.outcome = beat.outcome;  // the token went between the pull and now
            result.sync.error = beat.error;
            return result;
        }
        if (beat.done()) {
            result.heartbeat_sent = true;
        } else {
            result.heartbeat_error = beat.error;
            log.warning(beat.error);
        }
    }
    if (settings.data_dir.empty()) return result;
    result.packs = PackDownloads(api, stores.settings, settings.data_dir, settings.packs, log).run_once();
    if (result.packs.outcome == PackDownloadResult::Outcome::Installed) result.sync.changes.lessons = true;
    return result;
}

}  // namespace qiao::core
