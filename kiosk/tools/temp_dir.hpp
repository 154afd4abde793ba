#pragma once
// A private temporary folder removed with everything in it when it goes out of scope:
// `inspect` unpacks archives into one, `preview` installs the pack into one.
#include <filesystem>
#include <string>

namespace qiao::tools {

class TempDir {
public:
    explicit TempDir(const std::string& purpose);  // throws std::runtime_error
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace qiao::tools
