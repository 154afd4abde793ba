#include "tools/text_util.hpp"

#include <cstdint>
#include <cstdio>

namespace qiao::tools {

std::string join(const std::vector<std::string>& words, const std::string& between) {
    std::string out;
    for (const std::string& w : words) out += (out.empty() ? "" : between) + w;
    return out;
}

std::string spaced_utf8(const std::u32string& chars) {
    std::string out;
    for (char32_t c : chars) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
        out += ' ';
    }
    if (!out.empty()) out.pop_back();
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
