#include "core/sync/sync_round.hpp"

#include <chrono>

#include "core/sync/heartbeat.hpp"
#include "core/sync/outbox_push.hpp"
#include "core/sync/pulled_changes.hpp"
#include "core/sync/sync_credentials.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::core {

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
    if (!settings.heartbeat_due) return result;
    const SyncStep beat = send_heartbeat(api, gather_heartbeat(stores, settings.data_dir, settings.app_version, settings.today));
    if (beat.outcome == SyncStep::Outcome::Unauthenticated) {
        result.sync.outcome = beat.outcome;  // the token went between the pull and now
        result.sync.error = beat.error;
    } else if (beat.done()) {
        result.heartbeat_sent = true;
    } else {
        result.heartbeat_error = beat.error;
        log.warning(beat.error);
    }
    return result;
}

}  // namespace qiao::core
