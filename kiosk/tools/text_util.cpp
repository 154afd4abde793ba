#include "tools/text_util.hpp"

#include <cstdint>
#include <cstdio>

namespace qiao::tools {

std::string join(const std::vector<std::string>& words, const std::string& between) {
    std::string out;
    for (const std::string& w : words) out += (out.empty() ? "" : between) + w;
    return out;
}

std::string html_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string human_size(std::uintmax_t bytes) {
    char buf[32];
    if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    const double kb = static_cast<double>(bytes) / 1024.0;
    if (kb < 1024) std::snprintf(buf, sizeof buf, "%.1f KB", kb);
    else std::snprintf(buf, sizeof buf, "%.1f MB", kb / 1024.0);
    return buf;
}

}  // namespace qiao::tools
