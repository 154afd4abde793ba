#pragma once
// A fresh folder under QIAO_TEST_TMP for one storage test, removed afterwards, plus
// small file helpers the storage tests share.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace qiao::test {

class StorageTempDir {
public:
    explicit StorageTempDir(const std::string& name) {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::path(QIAO_TEST_TMP) /
                ("storage-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~StorageTempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    StorageTempDir(const StorageTempDir&) = delete;
    StorageTempDir& operator=(const StorageTempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

inline std::string read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace qiao::test
