#include "tools/temp_dir.hpp"

#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace qiao::tools {

TempDir::TempDir(const std::string& purpose) {
    std::string pattern = (std::filesystem::temp_directory_path() / ("qiao-pack-" + purpose + "-XXXXXX")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    // mkdtemp: a fresh folder only this user can enter, never one someone prepared.
    if (!::mkdtemp(buf.data())) throw std::runtime_error("could not make a temporary folder in " + pattern);
    path_ = buf.data();
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);  // best effort: the system cleans /tmp eventually
}

}  // namespace qiao::tools
