#include "voice/capture/durable_write.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "core/lessons/unique_fd.hpp"

namespace qiao::voice {
namespace {

[[noreturn]] void fail(int error, const std::string& what) {
    throw std::system_error(error, std::generic_category(), what);
}

// Removes the .part on every way out but success.
class PartFile {
public:
    explicit PartFile(std::filesystem::path path) : path_(std::move(path)) {}
    ~PartFile() {
        if (!keep_) {
            std::error_code ec;
            std::filesystem::remove(path_, ec);
        }
    }
    PartFile(const PartFile&) = delete;
    PartFile& operator=(const PartFile&) = delete;
    void renamed() { keep_ = true; }

private:
    std::filesystem::path path_;
    bool keep_ = false;
};

}  // namespace

int open_private_file(const std::filesystem::path& part) {
    return ::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
}

void write_all(int fd, std::span<const char> bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(errno, "could not write");
        }
        if (n == 0) fail(EIO, "could not write (the disk took nothing)");
        bytes = bytes.subspan(static_cast<std::size_t>(n));
    }
}

void write_file_durably(const std::filesystem::path& file, std::span<const char> bytes, const OpenForWriting& open) {
    const std::filesystem::path part(file.string() + ".part");
    PartFile cleanup(part);
    core::UniqueFd fd(open(part));
    if (!fd.valid()) fail(errno, "could not create " + part.string());
    try {
        write_all(fd.get(), bytes);
    } catch (const std::system_error& e) {
        fail(e.code().value(), "could not write " + part.string());
    }
    // A full disk may only show here, when delayed allocation finally asks for blocks.
    if (::fsync(fd.get()) != 0) fail(errno, "could not flush " + part.string() + " to the disk");
    fd.reset();  // after a successful fsync, close has nothing left to report on a local disk
    if (::rename(part.c_str(), file.c_str()) != 0) fail(errno, "could not rename " + part.string());
    cleanup.renamed();
    // The new name reaches the disk with its folder. Failing here loses nothing already
    // written (the file is complete under its name), so it is not worth an error.
    core::UniqueFd folder(::open(file.parent_path().empty() ? "." : file.parent_path().c_str(),
                                 O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (folder.valid()) ::fsync(folder.get());
}

}  // namespace qiao::voice
