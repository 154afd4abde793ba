#include "core/config/text_size.hpp"

namespace qiao::core {

const char* to_string(TextSize size) {
    switch (size) {
    case TextSize::Normal: return "normal";
    case TextSize::Large: return "large";
    case TextSize::Largest: return "largest";
    }
    return "normal";
}

std::optional<TextSize> parse_text_size(std::string_view text) {
    // Exact, lower-case words only: the same words the config file and tours use.
    if (text == "normal") return TextSize::Normal;
    if (text == "large") return TextSize::Large;
    if (text == "largest") return TextSize::Largest;
    return std::nullopt;
}

}  // namespace qiao::core
