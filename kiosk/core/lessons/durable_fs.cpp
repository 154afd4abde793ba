#include "core/lessons/durable_fs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "core/lessons/pack_error.hpp"
#include "core/lessons/unique_fd.hpp"

namespace fs = std::filesystem;

namespace qiao::core {
namespace {

std::string errno_text() { return std::strerror(errno); }

}  // namespace

void fsync_path(const fs::path& path) {
    // O_RDONLY works for directories too; O_NOFOLLOW because a pack never holds links.
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd.valid()) throw PackError("could not open " + path.string() + " to flush it to disk: " + errno_text());
    if (::fsync(fd.get()) != 0) throw PackError("could not flush " + path.string() + " to disk: " + errno_text());
}

void fsync_tree(const fs::path& root) {
    std::vector<fs::path> directories;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_directory(ec) && !it->is_symlink(ec)) {
            directories.push_back(it->path());
        } else {
            fsync_path(it->path());
        }
    }
    if (ec) throw PackError("could not walk " + root.string() + " to flush it to disk: " + ec.message());
    // Pre-order listing reversed puts every directory after the directories inside it.
    for (auto it = directories.rbegin(); it != directories.rend(); ++it) fsync_path(*it);
    fsync_path(root);
}

void create_directories_durably(const fs::path& dir) {
    std::error_code ec;
    if (fs::is_directory(dir, ec)) return;
    const fs::path parent = dir.parent_path();
    if (!parent.empty() && parent != dir) create_directories_durably(parent);
    if (!fs::create_directory(dir, ec) && ec)
        throw PackError("could not create folder " + dir.string() + ": " + ec.message());
    fsync_path(parent.empty() ? fs::path(".") : parent);
}

void write_file_atomically(const fs::path& file, const std::string& contents, unsigned mode) {
    const fs::path temp = fs::path(file.string() + kTempSuffix);
    {
        UniqueFd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, static_cast<mode_t>(mode)));
        if (!fd.valid()) throw PackError("could not write " + temp.string() + ": " + errno_text());
        // A temporary file left by a crash keeps its old mode through O_TRUNC: set it.
        if (::fchmod(fd.get(), static_cast<mode_t>(mode)) != 0)
            throw PackError("could not set the permissions of " + temp.string() + ": " + errno_text());
        std::size_t done = 0;
        while (done < contents.size()) {
            const ssize_t n = ::write(fd.get(), contents.data() + done, contents.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) throw PackError("could not write " + temp.string() + ": " + errno_text());
            done += static_cast<std::size_t>(n);
        }
        if (::fsync(fd.get()) != 0) throw PackError("could not flush " + temp.string() + " to disk: " + errno_text());
    }
    rename_durably(temp, file);
}

void rename_durably(const fs::path& from, const fs::path& to) {
    if (::rename(from.c_str(), to.c_str()) != 0)
        throw PackError("could not rename " + from.string() + " to " + to.string() + ": " + errno_text());
    const fs::path from_dir = from.parent_path().empty() ? fs::path(".") : from.parent_path();
    const fs::path to_dir = to.parent_path().empty() ? fs::path(".") : to.parent_path();
    fsync_path(to_dir);
    if (from_dir != to_dir) fsync_path(from_dir);
}

}  // namespace qiao::core
