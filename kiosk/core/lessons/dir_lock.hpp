#pragma once
// DirLock: an exclusive flock on "<dir>/.lock" for as long as it lives, so that the kiosk and
// a `qiao-kiosk --install-pack` script never install into (or clean up) the same packs
// folder at once. Released by the kernel even if the process dies.
#include <filesystem>

#include "core/lessons/unique_fd.hpp"

namespace qiao::core {

class DirLock {
public:
    explicit DirLock(const std::filesystem::path& dir);  // blocks until acquired; throws PackError
    ~DirLock();
    DirLock(const DirLock&) = delete;
    DirLock& operator=(const DirLock&) = delete;

private:
    UniqueFd fd_;
};

}  // namespace qiao::core
