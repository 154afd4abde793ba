#pragma once
// The back office's trusted publishers, made trusted on this kiosk: each key of the pulled
// `trusted_keys` change (docs/sync-protocol.md) is written where the pack installer looks,
// <data_dir>/trusted-publishers/backoffice-<fingerprint>.pub, as `qiao-pack keygen` writes
// a .pub file (mode 0644, atomically and durably). A key the back office no longer lists
// is removed, but only if this kiosk wrote it: the names it wrote are recorded in the
// store (kWrittenPublishers), and every other file there is a site manager's, never
// touched. The record is written before a file and after a removal, so a kiosk killed
// between the two at worst remembers a file that is not there.
#include <filesystem>

#include "core/log.hpp"
#include "core/storage/settings_store.hpp"

namespace qiao::core {

namespace sync_keys {
// JSON list of the file names in trusted-publishers/ that came from the back office.
inline constexpr const char* kWrittenPublishers = "kiosk.backoffice.written_publishers";
}  // namespace sync_keys

struct TrustedKeysFileResult {
    int written = 0;  // files made or rewritten
    int removed = 0;  // files of keys the back office no longer lists
    bool changed() const { return written > 0 || removed > 0; }
};

// Brings the folder in line with the stored `trusted_keys` change; nothing is done before
// the first one is pulled. A key that is not a key is logged and skipped. Throws
// StorageError when the store fails, PackError naming the file when the disk does.
TrustedKeysFileResult write_backoffice_publishers(const std::filesystem::path& data_dir, SettingsStore& settings, Log& log);

}  // namespace qiao::core
