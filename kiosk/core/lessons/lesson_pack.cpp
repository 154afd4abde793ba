#include "core/lessons/lesson_pack.hpp"

namespace qiao::core {

const std::string& LocalText::in(const std::string& lang) const {
    // An empty translation counts as missing: showing nothing is worse than Chinese.
    if (const auto it = by_language.find(lang); it != by_language.end() && !it->second.empty()) return it->second;
    if (const auto it = by_language.find("zh-CN"); it != by_language.end()) return it->second;
    static const std::string empty;
    return empty;
}

}  // namespace qiao::core
