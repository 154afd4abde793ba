#pragma once
// SyncCredentials: who this kiosk is to its back office. The address, the kiosk's and
// site's ids and the site's name are kept in the store's settings (under "kiosk.", which
// the config never reads); the device token, a secret, in a file of its own in the data
// folder, readable by the kiosk's user only (0600), written durably. The sync worker's
// own place marks (the pull cursor, the last sync) live under the same prefix.
#include <filesystem>
#include <optional>
#include <string>

#include "core/storage/settings_store.hpp"

namespace qiao::core {

namespace sync_keys {
inline constexpr const char* kUrl = "kiosk.backoffice.url";
inline constexpr const char* kKioskId = "kiosk.backoffice.kiosk_id";
inline constexpr const char* kSiteId = "kiosk.backoffice.site_id";
inline constexpr const char* kSiteName = "kiosk.backoffice.site_name";
inline constexpr const char* kCursor = "kiosk.backoffice.pull_after";       // the last change applied (seq)
inline constexpr const char* kLastSyncAt = "kiosk.backoffice.last_sync_at";  // ISO 8601 UTC
inline constexpr const char* kLastError = "kiosk.backoffice.last_error";      // plain words; "" after a good round
inline constexpr const char* kPackCatalogue = "kiosk.backoffice.pack_catalogue";  // {"packs": [...]} as pulled
inline constexpr const char* kTrustedKeys = "kiosk.backoffice.trusted_keys";      // {"keys": [...]} as pulled
}  // namespace sync_keys

inline constexpr const char* kTokenFileName = "backoffice-token";

struct SyncCredentials {
    std::string url;  // "https://office.example.org"
    std::string token;
    std::string kiosk_id;
    std::string site_id;
    std::string site_name;
};

// nullopt when the kiosk is not enrolled (no address stored, or no token file).
std::optional<SyncCredentials> load_credentials(const std::filesystem::path& data_dir, const SettingsStore& settings);

// Writes the token file (0600, atomically, fsynced) first, then the settings in one
// transaction, and starts the pull cursor again at 0: a new enrolment is a new kiosk
// to the back office. Throws std::runtime_error naming the file or StorageError.
void save_credentials(const std::filesystem::path& data_dir, SettingsStore& settings, Database& db,
                      const SyncCredentials& credentials);

}  // namespace qiao::core
