#include "core/lessons/pack_hashes.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/lessons/pack_error.hpp"
#include "core/lessons/sodium_text.hpp"
#include "core/lessons/unique_fd.hpp"

namespace fs = std::filesystem;

namespace qiao::core {
namespace {

// Large enough that a 100 MB pack is read in ~100 system calls; small enough to stay cheap.
constexpr std::size_t kChunkBytes = 1024 * 1024;

bool has_control_character(const std::string& text) {
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

}  // namespace

std::vector<std::string> list_pack_paths(const fs::path& folder, SignatureFile signature) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw PackError("pack folder " + folder.string() + " does not exist or is not a folder");

    std::vector<std::string> paths;
    // The iterator never follows directory links; each entry's own status is checked.
    for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string relative = it->path().lexically_relative(folder).generic_string();
        if (has_control_character(relative))
            throw PackError("pack file name \"" + relative +
                            "\" contains a control character (such as a line break); rename it");
        const fs::file_status status = it->symlink_status(ec);
        if (ec) break;
        if (fs::is_symlink(status))
            throw PackError(relative + " is a symbolic link; packs may not contain links — put the file itself there");
        if (fs::is_directory(status)) continue;
        if (!fs::is_regular_file(status))
            throw PackError(relative + " is not a regular file (a device, pipe or socket); remove it from the pack");
        if (signature == SignatureFile::Exclude && relative == kSignatureFileName) continue;
        paths.push_back(relative);
    }
    if (ec) throw PackError("could not read pack folder " + folder.string() + ": " + ec.message());
    std::sort(paths.begin(), paths.end());
    return paths;
}

std::vector<PackFile> list_pack_files(const fs::path& folder) {
    std::vector<PackFile> files;
    for (std::string& relative : list_pack_paths(folder, SignatureFile::Exclude)) {
        PackFile file;
        file.sha256 = sha256_file(folder / relative, &file.size);
        file.path = std::move(relative);
        files.push_back(std::move(file));
    }
    return files;
}

std::string sha256_file(const fs::path& file, std::uintmax_t* size_out) {
    ensure_sodium();
    UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd.valid()) {
        if (errno == ELOOP) throw PackError(file.string() + " is a symbolic link; packs may not contain links");
        throw PackError("could not read " + file.string() + ": " + std::strerror(errno));
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode))
        throw PackError(file.string() + " is not a regular file");
    ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);  // a hint only: read ahead harder

    // Small files get a small buffer: packs hold many short JSON files.
    const std::size_t buffer_size =
        std::clamp<std::size_t>(static_cast<std::size_t>(info.st_size) + 1, 4096, kChunkBytes);
    std::vector<unsigned char> buffer(buffer_size);
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::uintmax_t total = 0;
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw PackError("could not read " + file.string() + ": " + std::strerror(errno));
        if (n == 0) break;
        crypto_hash_sha256_update(&state, buffer.data(), static_cast<unsigned long long>(n));
        total += static_cast<std::uintmax_t>(n);
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, digest);
    if (size_out) *size_out = total;
    return to_hex(digest, sizeof digest);
}

}  // namespace qiao::core
