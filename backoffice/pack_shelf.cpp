#include "backoffice/pack_shelf.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "core/lessons/durable_fs.hpp"
#include "core/lessons/sodium_text.hpp"
#include "core/lessons/unique_fd.hpp"

namespace fs = std::filesystem;

namespace qiao::backoffice {

namespace {

constexpr std::size_t kChunkBytes = 1024 * 1024;

std::string errno_text() { return std::strerror(errno); }

std::string megabytes(std::uintmax_t bytes) { return std::to_string((bytes + 1024 * 1024 - 1) / (1024 * 1024)) + " MB"; }

void write_all(int fd, const unsigned char* data, std::size_t size, const fs::path& file) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw std::runtime_error("could not write " + file.string() + ": " + errno_text());
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace

ShelfTemporary::~ShelfTemporary() {
    if (path_.empty()) return;
    std::error_code ignored;  // a leftover is harmless: it has no published name
    fs::remove_all(path_, ignored);
}

PackShelf PackShelf::beside(const fs::path& db_file) { return PackShelf(fs::path(db_file.string() + ".packs")); }

IncomingPack PackShelf::receive(const fs::path& source, std::uintmax_t max_bytes) const {
    core::ensure_sodium();
    core::UniqueFd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in.valid()) throw std::runtime_error("cannot read " + source.string() + ": " + errno_text());
    struct stat info {};
    if (::fstat(in.get(), &info) != 0 || !S_ISREG(info.st_mode)) throw std::runtime_error(source.string() + " is not a file");
    if (static_cast<std::uintmax_t>(info.st_size) > max_bytes)
        throw std::runtime_error(source.string() + " is " + megabytes(static_cast<std::uintmax_t>(info.st_size)) +
                                 "; a lesson pack may be at most " + megabytes(max_bytes));

    core::create_directories_durably(dir_);
    IncomingPack incoming{ShelfTemporary(dir_ / (".incoming-" + core::random_hex(8) + core::kTempSuffix)), {}, 0};
    const fs::path& target = incoming.file.path();
    core::UniqueFd out(::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (!out.valid()) throw std::runtime_error("cannot write " + target.string() + ": " + errno_text());

    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::vector<unsigned char> buffer(kChunkBytes);
    for (;;) {
        const ssize_t n = ::read(in.get(), buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw std::runtime_error("cannot read " + source.string() + ": " + errno_text());
        if (n == 0) break;
        crypto_hash_sha256_update(&state, buffer.data(), static_cast<unsigned long long>(n));
        write_all(out.get(), buffer.data(), static_cast<std::size_t>(n), target);
        incoming.size += static_cast<std::uintmax_t>(n);
        // The file may still be growing (copied while we read): the limit holds anyway.
        if (incoming.size > max_bytes)
            throw std::runtime_error(source.string() + " is over " + megabytes(max_bytes) + ", the most a lesson pack may be");
    }
    if (::fsync(out.get()) != 0) throw std::runtime_error("could not flush " + target.string() + " to disk: " + errno_text());
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, digest);
    incoming.sha256 = core::to_hex(digest, sizeof digest);
    return incoming;
}

std::string PackShelf::keep(IncomingPack& incoming) const {
    const std::string name = incoming.sha256 + ".qpack";
    std::error_code ec;
    // The same bytes are on the shelf already (another site, or published before).
    if (fs::is_regular_file(dir_ / name, ec)) return name;
    core::rename_durably(incoming.file.path(), dir_ / name);
    incoming.file.release();
    return name;
}

ShelfTemporary PackShelf::scratch_folder() const {
    core::create_directories_durably(dir_);
    const fs::path folder = dir_ / (".scratch-" + core::random_hex(8));
    std::error_code ec;
    if (!fs::create_directory(folder, ec))
        throw std::runtime_error("cannot make the folder " + folder.string() + ": " +
                                 (ec ? ec.message() : std::string("it exists already")));
    return ShelfTemporary(folder);
}

}  // namespace qiao::backoffice
