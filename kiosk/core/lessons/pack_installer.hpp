#pragma once
// PackInstaller: installs lesson packs into a packs folder atomically, keeps the previous
// version for rollback, and uninstalls. Layout:
//
//   <packs_dir>/.lock                        held while anything below changes
//   <packs_dir>/.staging/<random>/           work in progress; removed on start-up
//   <packs_dir>/<pack-id>/state.json         {"current": "1.2.0", "previous": "1.1.0"}
//   <packs_dir>/<pack-id>/versions/<version>/  a complete, verified pack folder
//
// A pack is copied or unpacked into .staging, its signature (and, through the validate
// callback, its contents) checked there, every file and folder flushed to disk, then
// renamed into versions/ and made current by atomically replacing state.json. A power cut
// at any instant therefore leaves the old version or the new one in use, never a mixture.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/lessons/pack_archive.hpp"
#include "core/lessons/pack_signature.hpp"
#include "core/lessons/publisher_key.hpp"

namespace qiao::core {

struct InstallOptions {
    bool development_mode = false;  // accept unsigned packs (and say so in InstallResult::notes)
    bool allow_downgrade = false;   // accept a version older than the current one
    ArchiveLimits limits;           // pack size limit, for folders and archives alike
};

struct InstallResult {
    std::string id;
    std::string version;
    std::string previous_version;    // what rollback would return to; empty if none
    bool already_installed = false;  // same version was current: nothing changed
    std::filesystem::path folder;    // the installed pack folder
    std::string publisher;           // as the site's trusted key names it
    std::vector<std::string> notes;  // accepted but worth telling (e.g. unsigned, development mode)
};

struct InstalledPack {
    std::string id;
    std::string current_version;
    std::string previous_version;  // empty if there is none to roll back to
    std::filesystem::path folder;  // the current version's pack folder
};

// Checks a staged pack folder; every returned message aborts the install.
using PackValidator = std::function<std::vector<std::string>(const std::filesystem::path& staged)>;

class PackInstaller {
public:
    // Creates packs_dir if needed and removes what an interrupted install left behind
    // (.staging entries, temporary state files). Throws PackError.
    PackInstaller(std::filesystem::path packs_dir, std::vector<PublisherKey> trusted_keys,
                  PackValidator validate = {});

    // Throw PackError with a message a site manager can act on; on failure nothing installed
    // changes and nothing is left in .staging.
    InstallResult install_from_folder(const std::filesystem::path& source, const InstallOptions& options = {});
    InstallResult install_from_archive(const std::filesystem::path& archive, const InstallOptions& options = {});

    // Makes the previous version current (and the current one previous, so a second
    // rollback undoes the first). Throws PackError if there is no previous version.
    InstalledPack rollback(const std::string& pack_id);
    // Removes every version of the pack. Learners' progress is stored elsewhere and stays.
    void uninstall(const std::string& pack_id);

    std::vector<InstalledPack> list_installed() const;  // sorted by id
    std::optional<InstalledPack> installed(const std::string& pack_id) const;

    const std::filesystem::path& packs_dir() const { return packs_dir_; }

private:
    InstallResult install_staged(const std::filesystem::path& staging, const std::string& source,
                                 const InstallOptions& options);
    std::filesystem::path new_staging_dir() const;
    void retire(const std::filesystem::path& path) const;  // move into .staging, then delete
    void recover();

    std::filesystem::path packs_dir_;
    std::filesystem::path staging_root_;
    std::vector<PublisherKey> trusted_keys_;
    PackValidator validate_;
};

}  // namespace qiao::core
