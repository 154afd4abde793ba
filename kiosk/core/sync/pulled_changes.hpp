#pragma once
// PulledChanges: what the back office says changed for this kiosk (docs/sync-protocol.md,
// "GET /api/v1/sync/pull"), asked for page by page from the stored cursor and applied in
// order:
//   booking        -> BookingService::apply_update
//   help           -> HelpDesk::apply_update
//   services       -> the timetable, checked whole and stored as --load-services does
//   settings       -> the site's settings in the store (only keys a site may set; below)
//   staff          -> StaffRoster::apply (the site's staff, their PIN hashes and hours)
//   pack_catalogue, trusted_keys -> kept as pulled, for the pack download to come
// The cursor is stored after each change applied. A change that cannot be applied (a
// booking this kiosk does not have, a staff change with a bad field, a timetable with a
// problem, an unknown kind) is logged and skipped: the cursor moves on, so one bad
// change never stops the rest. A store that fails stops the pull with the cursor before
// that change, to retry.
//
// Applying is idempotent (the same state again changes nothing), so a kiosk killed
// between a change and its cursor applies that change again harmlessly: the cursor is
// not in the same transaction as the change, because the services open their own.
#include <cstdint>

#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/sync/backoffice_api.hpp"
#include "core/sync/sync_step.hpp"
#include "core/sync/sync_stores.hpp"

namespace qiao::core {

// The settings a back office may set on a kiosk: what a site decides. Never where the
// kiosk keeps its data, its devices, its fonts or whom it trusts.
bool site_may_set(std::string_view key);

class PulledChanges {
public:
    PulledChanges(BackofficeApi& api, SyncStores& stores, Log& log, int page_size = 200)
        : api_(api), stores_(stores), log_(log), page_size_(page_size) {}

    // Pulls pages until the back office says there is no more.
    SyncStep pull_all();

    // Applies one change ({"seq", "kind", "data"}). False when it was skipped (logged).
    // Throws StorageError when the store failed: the caller must not move the cursor.
    bool apply(const nlohmann::json& change, StoreChanges& changes);

    std::int64_t cursor() const;

private:
    // False when data holds no settings object.
    bool apply_settings(const nlohmann::json& data);
    void store_cursor(std::int64_t seq);

    BackofficeApi& api_;
    SyncStores& stores_;
    Log& log_;
    int page_size_;
};

}  // namespace qiao::core
