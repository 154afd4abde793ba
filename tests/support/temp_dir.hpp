#pragma once
// TempDir: a fresh folder under the build's test-tmp for one test, removed afterwards;
// unique per process and per use, so parallel CTest runs never share one.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

namespace qiao::testing {

class TempDir {
public:
    explicit TempDir(const std::string& name) {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::path(QIAO_TEST_TMP) /
                (name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

}  // namespace qiao::testing
