#pragma once
// PackDownloads: the lesson packs the back office offers, brought onto this kiosk
// (docs/sync-protocol.md, "Lesson packs", the kiosk's side). After each pull the sync round
// asks it for one step, which does at most one pack:
//
//   1. From the stored catalogue (sync_keys::kPackCatalogue), the first pack by id that this
//      kiosk lacks: not installed, or a newer version than the one in use (but never again
//      a version staff rolled back from), and not refused since the catalogue or the
//      trusted publishers last changed. A pack larger than max_download_bytes is refused
//      in one log line.
//   2. Downloads it into <data_dir>/downloads/<sha256>.part, continuing from the bytes the
//      part already holds (after a cut, a stop or a restart), and removes parts of packs
//      the catalogue no longer lists.
//   3. Checks the size and SHA-256 against the catalogue: a mismatch deletes the part and
//      is logged; it is downloaded again next round, and never installed.
//   4. Installs it as `qiao-kiosk --install-pack` does (PackInstaller: the signature
//      against <data_dir>/trusted-publishers/, the validator, an atomic switch) and deletes
//      the part. A pack the installer refuses is remembered by its SHA-256 with the
//      installer's words (kRefusedPacks), so it is not fetched again every round, until
//      the catalogue or the trusted publishers change.
//
// Nothing here fails the sync round: a download that breaks off, or a pack that is
// refused, is told in `problem` and the log, and the next round goes on from there.
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/lessons/pack_installer.hpp"
#include "core/log.hpp"
#include "core/storage/settings_store.hpp"
#include "core/sync/backoffice_api.hpp"

namespace qiao::core {

namespace sync_keys {
// {"basis": "<sha256 of the catalogue and trusted keys>", "packs": {"<sha256>": "why"}}
inline constexpr const char* kRefusedPacks = "kiosk.backoffice.refused_packs";
}  // namespace sync_keys

// Larger packs in a catalogue are refused, not downloaded (the archive, as listed).
inline constexpr std::uintmax_t kMaxPackDownloadBytes = 512ull << 20;

struct PackDownloadOptions {
    std::uintmax_t max_download_bytes = kMaxPackDownloadBytes;
    std::uintmax_t max_pack_bytes = 200ull << 20;  // the installer's limit (config pack_max_mb)
    // What --install-pack checks besides the signature (the app's, with the font check);
    // empty: every error the pack reader finds.
    PackValidator validate;
};

struct PackDownloadResult {
    enum class Outcome {
        Nothing,     // nothing this kiosk lacks (or nothing it may take)
        Installed,   // a pack was downloaded, checked and installed
        Unfinished,  // the download broke off or was stopped; the part stays, to continue
        Mismatch,    // the download was not what the catalogue says; deleted, tried again
        Refused,     // the installer refused it (or the catalogue did not allow it): remembered
    };
    Outcome outcome = Outcome::Nothing;
    std::string pack_id;
    std::string version;
    std::uintmax_t bytes_fetched = 0;  // received this time (a resumed download: only the rest)
    std::string problem;               // plain words for staff; "" when all went well
};

class PackDownloads {
public:
    PackDownloads(BackofficeApi& api, SettingsStore& settings, std::filesystem::path data_dir, PackDownloadOptions options,
                  Log& log)
        : api_(api), settings_(settings), data_dir_(std::move(data_dir)), options_(std::move(options)), log_(log) {}

    // One step: at most one pack. Throws StorageError when the store fails (the caller's
    // round fails as for any store failure); everything else is in the result.
    PackDownloadResult run_once();

    std::filesystem::path downloads_dir() const { return data_dir_ / "downloads"; }
    std::filesystem::path packs_dir() const { return data_dir_ / "packs"; }

private:
    BackofficeApi& api_;
    SettingsStore& settings_;
    std::filesystem::path data_dir_;
    PackDownloadOptions options_;
    Log& log_;
};

}  // namespace qiao::core
