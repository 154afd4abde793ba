#include "core/lessons/dir_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>

#include <cerrno>
#include <cstring>

#include "core/lessons/pack_error.hpp"

namespace qiao::core {

DirLock::DirLock(const std::filesystem::path& dir) {
    const std::filesystem::path file = dir / ".lock";
    fd_ = UniqueFd(::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644));
    if (!fd_.valid()) throw PackError("could not open " + file.string() + ": " + std::strerror(errno));
    int status = 0;
    do {
        status = ::flock(fd_.get(), LOCK_EX);
    } while (status != 0 && errno == EINTR);
    if (status != 0) throw PackError("could not lock " + file.string() + ": " + std::strerror(errno));
}

DirLock::~DirLock() {
    if (fd_.valid()) ::flock(fd_.get(), LOCK_UN);  // closing would release it too; explicit is clearer
}

}  // namespace qiao::core
