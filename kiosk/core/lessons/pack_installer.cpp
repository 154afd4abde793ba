#include "core/lessons/pack_installer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/lessons/dir_lock.hpp"
#include "core/lessons/durable_fs.hpp"
#include "core/lessons/pack_error.hpp"
#include "core/lessons/pack_hashes.hpp"
#include "core/lessons/pack_identity.hpp"
#include "core/lessons/pack_state.hpp"
#include "core/lessons/sodium_text.hpp"
#include "core/lessons/unique_fd.hpp"

namespace fs = std::filesystem;

namespace qiao::core {
namespace {

constexpr const char* kStagingDir = ".staging";
constexpr const char* kVersionsDir = "versions";
constexpr std::size_t kChunkBytes = 1024 * 1024;

// Whatever happens, a staging folder does not outlive the install that made it: on success
// its pack has been renamed away, on failure it is rubbish.
class StagingGuard {
public:
    explicit StagingGuard(fs::path path) : path_(std::move(path)) {}
    ~StagingGuard() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    StagingGuard(const StagingGuard&) = delete;
    StagingGuard& operator=(const StagingGuard&) = delete;

private:
    fs::path path_;
};

std::string refused(const std::string& source, const std::vector<std::string>& problems) {
    std::string message = "the pack from " + source + " was not installed:";
    for (const std::string& problem : problems) message += "\n  - " + problem;
    return message;
}

void copy_file_contents(const fs::path& from, const fs::path& to, const std::string& relative, std::uintmax_t& total,
                        std::uintmax_t limit, std::vector<char>& buffer) {
    UniqueFd in(::open(from.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!in.valid()) throw PackError("could not read " + from.string() + ": " + std::strerror(errno));
    UniqueFd out(::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644));
    if (!out.valid()) throw PackError("could not write " + to.string() + ": " + std::strerror(errno));
    for (;;) {
        const ssize_t n = ::read(in.get(), buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw PackError("could not read " + from.string() + ": " + std::strerror(errno));
        if (n == 0) break;
        total += static_cast<std::uintmax_t>(n);
        if (total > limit)
            throw PackError("the pack is larger than the limit of " +
                            (limit < 1024 * 1024 ? std::to_string(limit) + " bytes"
                                                 : std::to_string(limit / (1024 * 1024)) + " MB") +
                            " (reached at " + relative + "); make it smaller or raise the pack size limit");
        for (ssize_t done = 0; done < n;) {
            const ssize_t w = ::write(out.get(), buffer.data() + done, static_cast<std::size_t>(n - done));
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) throw PackError("could not write " + to.string() + ": " + std::strerror(errno));
            done += w;
        }
    }
}

// Copies the pack's files (not the folder as-is: links and special files are refused).
void copy_pack_folder(const fs::path& source, const fs::path& dest, std::uintmax_t limit) {
    std::vector<char> buffer(kChunkBytes);
    std::uintmax_t total = 0;
    fs::create_directory(dest);
    for (const std::string& relative : list_pack_paths(source, SignatureFile::Include)) {
        const fs::path target = dest / relative;
        fs::create_directories(target.parent_path());
        copy_file_contents(source / relative, target, relative, total, limit, buffer);
    }
}

// An archive made with `tar czf x.qpack mypack/` holds one folder with the pack in it;
// accept that as well as an archive of the pack's contents.
fs::path pack_root_of(const fs::path& unpacked) {
    std::error_code ec;
    if (fs::exists(unpacked / "pack.json", ec)) return unpacked;
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(unpacked, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(it->path());
    if (entries.size() == 1 && fs::is_directory(fs::symlink_status(entries[0], ec)) &&
        fs::exists(entries[0] / "pack.json", ec))
        return entries[0];
    return unpacked;
}

}  // namespace

PackInstaller::PackInstaller(fs::path packs_dir, std::vector<PublisherKey> trusted_keys, PackValidator validate)
    : packs_dir_(std::move(packs_dir)),
      staging_root_(packs_dir_ / kStagingDir),
      trusted_keys_(std::move(trusted_keys)),
      validate_(std::move(validate)) {
    create_directories_durably(staging_root_);
    recover();
}

void PackInstaller::recover() {
    // Under the lock: another process's install in progress is not "left over".
    DirLock lock(packs_dir_);
    std::error_code ec;
    std::vector<fs::path> leftovers;
    for (fs::directory_iterator it(staging_root_, ec), end; !ec && it != end; it.increment(ec))
        leftovers.push_back(it->path());
    for (const fs::path& path : leftovers) fs::remove_all(path, ec);

    // A temporary state file means the switch never happened; the old state.json stands.
    for (fs::directory_iterator it(packs_dir_, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().filename().string().starts_with(".") || !it->is_directory(ec)) continue;
        fs::remove(it->path() / (std::string(kPackStateFile) + kTempSuffix), ec);
    }
    fsync_path(staging_root_);
}

fs::path PackInstaller::new_staging_dir() const {
    const fs::path dir = staging_root_ / random_hex(8);
    std::error_code ec;
    if (!fs::create_directory(dir, ec))
        throw PackError("could not create a staging folder in " + staging_root_.string() + ": " +
                        (ec ? ec.message() : "it already exists"));
    return dir;
}

void PackInstaller::retire(const fs::path& path) const {
    // Renamed first so that a power cut mid-delete leaves rubbish in .staging (cleaned at
    // the next start), never a half-deleted version that looks installed.
    const fs::path grave = staging_root_ / (random_hex(8) + "-old");
    rename_durably(path, grave);
    std::error_code ec;
    fs::remove_all(grave, ec);
}

InstallResult PackInstaller::install_from_folder(const fs::path& source, const InstallOptions& options) {
    DirLock lock(packs_dir_);
    const fs::path staging = new_staging_dir();
    StagingGuard guard(staging);
    try {
        copy_pack_folder(source, staging / "pack", options.limits.max_total_bytes);
    } catch (const PackError& e) {
        throw PackError(refused(source.string(), {e.what()}));
    } catch (const fs::filesystem_error& e) {
        throw PackError(refused(source.string(), {e.what()}));
    }
    return install_staged(staging / "pack", source.string(), options);
}

InstallResult PackInstaller::install_from_archive(const fs::path& archive, const InstallOptions& options) {
    DirLock lock(packs_dir_);
    const fs::path staging = new_staging_dir();
    StagingGuard guard(staging);
    try {
        extract_archive(archive, staging / "pack", options.limits);
    } catch (const PackError& e) {
        throw PackError(refused(archive.string(), {e.what()}));
    }
    return install_staged(pack_root_of(staging / "pack"), archive.string(), options);
}

InstallResult PackInstaller::install_staged(const fs::path& staged, const std::string& source,
                                            const InstallOptions& options) {
    std::error_code ec;
    if (!fs::exists(staged / "pack.json", ec))
        throw PackError(refused(source, {"it has no pack.json at its top level; is this the right folder?"}));

    // Everything is checked on the staged copy: the source (a USB stick) could change after
    // being checked, the copy cannot.
    const SignatureCheck check = verify_pack(staged, trusted_keys_, VerifyOptions{options.development_mode});
    if (!check.accepted()) throw PackError(refused(source, check.problems));

    PackIdentity identity;
    try {
        identity = read_pack_identity(staged);
    } catch (const PackError& e) {
        throw PackError(refused(source, {e.what()}));
    }
    if (validate_) {
        const std::vector<std::string> problems = validate_(staged);
        if (!problems.empty()) throw PackError(refused(source, problems));
    }

    const fs::path pack_dir = packs_dir_ / identity.id;
    const fs::path versions = pack_dir / kVersionsDir;
    const fs::path target = versions / identity.version;
    const std::optional<PackState> state = read_pack_state(pack_dir);
    const bool has_current = state && fs::is_directory(versions / state->current, ec);

    InstallResult result;
    result.id = identity.id;
    result.version = identity.version;
    result.folder = target;
    result.publisher = check.publisher;
    result.notes = check.notes;

    if (has_current && state->current == identity.version) {
        result.already_installed = true;
        result.previous_version = fs::is_directory(versions / state->previous, ec) ? state->previous : "";
        return result;
    }
    if (has_current && compare_pack_versions(identity.version, state->current) < 0 && !options.allow_downgrade)
        throw PackError(refused(source, {identity.id + " " + identity.version + " is older than the installed version " +
                                         state->current + "; to go back, roll back instead, or allow a downgrade"}));

    fsync_tree(staged);
    create_directories_durably(versions);
    // A folder for this version that is not current is left by an interrupted install, or is
    // the previous version: either way the freshly verified copy replaces it.
    if (fs::exists(fs::symlink_status(target, ec))) retire(target);
    rename_durably(staged, target);

    PackState next;
    next.current = identity.version;
    if (has_current) next.previous = state->current;
    write_pack_state(pack_dir, next);  // the moment the new version becomes the installed one
    result.previous_version = next.previous;

    // Older versions are no longer reachable by rollback.
    std::vector<fs::path> stale;
    for (fs::directory_iterator it(versions, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name != next.current && name != next.previous) stale.push_back(it->path());
    }
    for (const fs::path& path : stale) retire(path);
    return result;
}

InstalledPack PackInstaller::rollback(const std::string& pack_id) {
    DirLock lock(packs_dir_);
    const std::optional<InstalledPack> pack = installed(pack_id);
    if (!pack) throw PackError("pack " + pack_id + " is not installed, so it cannot be rolled back");
    if (pack->previous_version.empty())
        throw PackError("pack " + pack_id + " has no previous version to roll back to (only " + pack->current_version +
                        " is installed)");
    write_pack_state(packs_dir_ / pack_id, PackState{pack->previous_version, pack->current_version});
    return *installed(pack_id);
}

void PackInstaller::uninstall(const std::string& pack_id) {
    DirLock lock(packs_dir_);
    std::error_code ec;
    const fs::path pack_dir = packs_dir_ / pack_id;
    if (!is_valid_pack_id(pack_id) || !fs::is_directory(fs::symlink_status(pack_dir, ec)))
        throw PackError("pack " + pack_id + " is not installed, so there is nothing to uninstall");
    retire(pack_dir);
}

std::optional<InstalledPack> PackInstaller::installed(const std::string& pack_id) const {
    if (!is_valid_pack_id(pack_id)) return std::nullopt;
    const fs::path pack_dir = packs_dir_ / pack_id;
    const std::optional<PackState> state = read_pack_state(pack_dir);
    std::error_code ec;
    if (!state || !fs::is_directory(pack_dir / kVersionsDir / state->current, ec)) return std::nullopt;
    InstalledPack pack;
    pack.id = pack_id;
    pack.current_version = state->current;
    if (!state->previous.empty() && fs::is_directory(pack_dir / kVersionsDir / state->previous, ec))
        pack.previous_version = state->previous;
    pack.folder = pack_dir / kVersionsDir / state->current;
    return pack;
}

std::vector<InstalledPack> PackInstaller::list_installed() const {
    std::vector<InstalledPack> packs;
    std::error_code ec;
    for (fs::directory_iterator it(packs_dir_, ec), end; !ec && it != end; it.increment(ec)) {
        if (auto pack = installed(it->path().filename().string())) packs.push_back(std::move(*pack));
    }
    std::sort(packs.begin(), packs.end(), [](const InstalledPack& a, const InstalledPack& b) { return a.id < b.id; });
    return packs;
}

}  // namespace qiao::core
