#pragma once
// Where the kiosk finds what it ships (i18n/ catalogs, assets/), never relative to the
// working directory: $QIAO_RESOURCES if set, then <exe>/../share/qiao (installed),
// then the source tree it was built from (a developer's build).
#include <filesystem>

namespace qiao::app {

// Throws std::runtime_error naming the places looked in when none holds i18n/.
std::filesystem::path find_resources();

}  // namespace qiao::app
