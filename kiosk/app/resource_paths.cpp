#include "app/resource_paths.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

namespace qiao::app {

std::filesystem::path find_resources() {
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("QIAO_RESOURCES"); env && *env) candidates.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) candidates.push_back(exe.parent_path().parent_path() / "share" / "qiao");
    candidates.emplace_back(QIAO_SOURCE_DATA_DIR);
    std::string tried;
    for (const auto& c : candidates) {
        if (fs::is_regular_file(c / "i18n" / "languages.json", ec)) return c;
        tried += (tried.empty() ? "" : ", ") + c.string();
    }
    throw std::runtime_error("the kiosk's catalogs (i18n/languages.json) were not found; looked in: " + tried +
                             ". Set QIAO_RESOURCES to the folder that holds i18n/ and assets/.");
}

}  // namespace qiao::app
