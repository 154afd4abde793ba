#pragma once
// The three text sizes a senior can pick. The pixel sizes live in the UI theme.
#include <optional>
#include <string_view>

namespace qiao::core {

enum class TextSize { Normal, Large, Largest };

const char* to_string(TextSize size);  // "normal", "large", "largest"
std::optional<TextSize> parse_text_size(std::string_view text);

}  // namespace qiao::core
