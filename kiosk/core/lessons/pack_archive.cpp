#include "core/lessons/pack_archive.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "core/lessons/archive_handle.hpp"
#include "core/lessons/durable_fs.hpp"
#include "core/lessons/pack_error.hpp"
#include "core/lessons/pack_hashes.hpp"
#include "core/lessons/unique_fd.hpp"

namespace fs = std::filesystem;

namespace qiao::core {
namespace {

constexpr std::size_t kChunkBytes = 1024 * 1024;

// libarchive may have no message to give; never build a std::string from a null pointer.
std::string error_text(struct archive* a) {
    const char* text = archive_error_string(a);
    return text ? text : "unknown error";
}

std::string megabytes(std::uintmax_t bytes) {
    if (bytes < 1024 * 1024) return std::to_string(bytes) + " bytes";
    return std::to_string(bytes / (1024 * 1024)) + " MB";
}

// Removes a path on scope exit unless disarmed: half-written archives and half-unpacked
// folders never outlive a failure.
class RemoveOnFailure {
public:
    explicit RemoveOnFailure(fs::path path) : path_(std::move(path)) {}
    ~RemoveOnFailure() {
        if (armed_) {
            std::error_code ec;
            fs::remove_all(path_, ec);
        }
    }
    RemoveOnFailure(const RemoveOnFailure&) = delete;
    RemoveOnFailure& operator=(const RemoveOnFailure&) = delete;
    void disarm() { armed_ = false; }

private:
    fs::path path_;
    bool armed_ = true;
};

void write_all(int fd, const char* data, std::size_t size, const fs::path& file) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw PackError("could not write " + file.string() + ": " + std::strerror(errno));
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

void add_file(struct archive* writer, const fs::path& folder, const std::string& relative, std::vector<char>& buffer) {
    const fs::path file = folder / relative;
    UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    struct stat info {};
    if (!fd.valid() || ::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode))
        throw PackError("could not read " + file.string() + ": " + std::strerror(errno));

    // Fixed owner, mode and time: the archive depends only on the pack's contents.
    ArchiveEntry entry(archive_entry_new());
    // The name's bytes as they are (UTF-8 on disk). libarchive 3.6's *_utf8 setters crash in
    // the C locale on non-ASCII names; the plain setter only warns that it cannot translate
    // and writes the bytes unchanged, which is what a pack needs.
    archive_entry_copy_pathname(entry.get(), relative.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), info.st_size);
    archive_entry_set_mtime(entry.get(), 0, 0);
    archive_entry_set_uid(entry.get(), 0);
    archive_entry_set_gid(entry.get(), 0);
    if (archive_write_header(writer, entry.get()) < ARCHIVE_WARN)
        throw PackError("could not add " + relative + " to the archive: " + error_text(writer));

    std::uintmax_t written = 0;
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw PackError("could not read " + file.string() + ": " + std::strerror(errno));
        if (n == 0) break;
        if (archive_write_data(writer, buffer.data(), static_cast<std::size_t>(n)) != n)
            throw PackError("could not add " + relative + " to the archive: " + error_text(writer));
        written += static_cast<std::uintmax_t>(n);
    }
    if (written != static_cast<std::uintmax_t>(info.st_size))
        throw PackError(relative + " changed while the archive was being built; try again");
}

// The archive entry name as a safe relative path, or a refusal naming it. "./" prefixes
// (as `tar -C pack .` writes) are accepted; an empty result means the top folder itself.
std::string safe_relative_path(const std::string& name) {
    if (name.empty()) throw PackError("the archive has an entry without a name");
    if (name.front() == '/') throw PackError("archive entry \"" + name + "\" has an absolute path; packs may only hold relative paths");
    std::string clean;
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find('/', start);
        if (end == std::string::npos) end = name.size();
        const std::string part = name.substr(start, end - start);
        start = end + 1;
        if (part.empty() || part == ".") continue;
        if (part == "..") throw PackError("archive entry \"" + name + "\" uses \"..\" to point outside the pack");
        for (char c : part) {
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                throw PackError("archive entry \"" + name + "\" has a control character in its name");
            if (c == '\\') throw PackError("archive entry \"" + name + "\" has a backslash in its name; packs use '/'");
        }
        clean += (clean.empty() ? "" : "/") + part;
    }
    return clean;
}

void make_directories(const fs::path& dir, const std::string& entry) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw PackError("archive entry \"" + entry + "\" cannot be unpacked: " + ec.message());
}

}  // namespace

void build_archive(const fs::path& folder, const fs::path& out_file, ArchiveCompression compression) {
    const std::vector<std::string> paths = list_pack_paths(folder, SignatureFile::Include);
    if (paths.empty()) throw PackError("pack folder " + folder.string() + " is empty; there is nothing to archive");
    std::error_code ec;
    const fs::path pack_root = fs::weakly_canonical(folder, ec);
    const fs::path out_parent = fs::weakly_canonical(fs::absolute(out_file).parent_path(), ec);
    const auto rel = out_parent.lexically_relative(pack_root);
    if (!rel.empty() && *rel.begin() != "..")
        throw PackError("the archive " + out_file.string() + " would be inside the pack folder it is made of; write it elsewhere");

    const fs::path temp = fs::path(out_file.string() + kTempSuffix);
    RemoveOnFailure remove_temp(temp);
    {
        ArchiveWriter writer(archive_write_new());
        archive_write_set_format_pax_restricted(writer.get());
        if (compression == ArchiveCompression::Gzip) {
            archive_write_add_filter_gzip(writer.get());
            // No time stamp in the gzip header, so equal packs give equal archives.
            archive_write_set_filter_option(writer.get(), "gzip", "timestamp", nullptr);
        }
        if (archive_write_open_filename(writer.get(), temp.c_str()) != ARCHIVE_OK)
            throw PackError("could not create " + temp.string() + ": " + error_text(writer.get()));
        std::vector<char> buffer(kChunkBytes);
        for (const std::string& relative : paths) add_file(writer.get(), folder, relative, buffer);
        if (archive_write_close(writer.get()) != ARCHIVE_OK)
            throw PackError("could not finish " + temp.string() + ": " + error_text(writer.get()));
    }
    fsync_path(temp);
    rename_durably(temp, out_file);
    remove_temp.disarm();
}

void extract_archive(const fs::path& archive, const fs::path& dest_folder, const ArchiveLimits& limits) {
    std::error_code ec;
    if (fs::exists(dest_folder, ec) && !fs::is_empty(dest_folder, ec))
        throw PackError("cannot unpack into " + dest_folder.string() + ": the folder is not empty");
    make_directories(dest_folder, dest_folder.string());
    RemoveOnFailure remove_dest(dest_folder);

    ArchiveReader reader(archive_read_new());
    // Only tar, only gzip or nothing: "all" formats and filters would let an archive pull in
    // external decompressor programs and formats nobody here tests.
    archive_read_support_format_tar(reader.get());
    archive_read_support_filter_gzip(reader.get());
    archive_read_support_filter_none(reader.get());
    const std::string damaged = "pack archive " + archive.string() + " is damaged or is not a .qpack (tar) file: ";
    if (!fs::is_regular_file(archive, ec)) throw PackError("pack archive " + archive.string() + " does not exist or is not a file");
    if (archive_read_open_filename(reader.get(), archive.c_str(), 64 * 1024) != ARCHIVE_OK)
        throw PackError(damaged + error_text(reader.get()));

    std::vector<char> buffer(kChunkBytes);
    std::uintmax_t total = 0;
    std::size_t entries = 0;
    struct archive_entry* entry = nullptr;
    for (;;) {
        const int status = archive_read_next_header(reader.get(), &entry);
        if (status == ARCHIVE_EOF) break;
        if (status < ARCHIVE_WARN) throw PackError(damaged + error_text(reader.get()));
        if (++entries > limits.max_entries)
            throw PackError("pack archive " + archive.string() + " has more than " + std::to_string(limits.max_entries) +
                            " entries; that is more than any pack needs");

        // Raw bytes first: they are the UTF-8 the pack was built with, whatever the locale.
        const char* raw = archive_entry_pathname(entry);
        const char* utf8 = raw ? nullptr : archive_entry_pathname_utf8(entry);
        const std::string name = raw ? raw : (utf8 ? utf8 : "");
        const std::string relative = safe_relative_path(name);

        if (archive_entry_hardlink(entry))
            throw PackError("archive entry \"" + name + "\" is a hard link; packs may not contain links");
        const auto type = archive_entry_filetype(entry);
        if (type == AE_IFLNK) {
            const char* target = archive_entry_symlink(entry);
            throw PackError("archive entry \"" + name + "\" is a symbolic link (to \"" + (target ? target : "") +
                            "\"); packs may not contain links");
        }
        if (type == AE_IFDIR) {
            if (!relative.empty()) make_directories(dest_folder / relative, name);
            continue;
        }
        if (type != AE_IFREG)
            throw PackError("archive entry \"" + name + "\" is a device, pipe or socket, not a file; packs hold only files");
        if (relative.empty()) throw PackError("archive entry \"" + name + "\" is a file without a name");

        const auto refuse_size = [&] {
            return PackError("pack archive " + archive.string() + " unpacks to more than " + megabytes(limits.max_total_bytes) +
                             " (reached at \"" + name + "\"); make the pack smaller or raise the pack size limit");
        };
        // The header's size is checked first to fail fast, the real bytes as they come
        // because a header can lie.
        if (archive_entry_size_is_set(entry) && archive_entry_size(entry) > 0 &&
            total + static_cast<std::uintmax_t>(archive_entry_size(entry)) > limits.max_total_bytes)
            throw refuse_size();

        const fs::path target = dest_folder / relative;
        make_directories(target.parent_path(), name);
        UniqueFd fd(::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644));
        if (!fd.valid()) {
            if (errno == EEXIST) throw PackError("archive entry \"" + name + "\" appears twice in the archive");
            throw PackError("archive entry \"" + name + "\" cannot be unpacked: " + std::strerror(errno));
        }
        for (;;) {
            const la_ssize_t n = archive_read_data(reader.get(), buffer.data(), buffer.size());
            if (n == 0) break;
            if (n < 0) throw PackError(damaged + error_text(reader.get()));
            total += static_cast<std::uintmax_t>(n);
            if (total > limits.max_total_bytes) throw refuse_size();
            write_all(fd.get(), buffer.data(), static_cast<std::size_t>(n), target);
        }
    }
    remove_dest.disarm();
}

}  // namespace qiao::core
