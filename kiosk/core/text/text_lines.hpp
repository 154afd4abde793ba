#pragma once
// Splits the text of a line-based file (config, tour) into numbered lines, the way
// people's editors write them: a leading UTF-8 byte order mark (Windows Notepad) is
// dropped, and so is the \r of a Windows line end.
#include <string_view>
#include <vector>

namespace qiao::core {

struct TextLine {
    int number = 0;  // 1-based, for messages
    std::string_view text;
};

std::vector<TextLine> split_lines(std::string_view text);

}  // namespace qiao::core
