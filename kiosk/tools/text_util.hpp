#pragma once
// Small text helpers the subcommands share.
#include <cstdint>
#include <string>
#include <vector>

namespace qiao::tools {

// "a, b, c".
std::string join(const std::vector<std::string>& words, const std::string& between = ", ");
// Text safe inside HTML.
std::string html_escape(const std::string& text);
// "12.3 MB", "4.0 KB", "512 bytes".
std::string human_size(std::uintmax_t bytes);

}  // namespace qiao::tools
