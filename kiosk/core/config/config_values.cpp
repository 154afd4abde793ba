#include "core/config/config_values.hpp"

#include <cctype>
#include <charconv>
#include <cstdio>

namespace qiao::core::config_values {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<bool> parse_bool(std::string_view text) {
    const std::string word = lower(text);
    if (word == "true" || word == "on" || word == "yes") return true;
    if (word == "false" || word == "off" || word == "no") return false;
    return std::nullopt;
}

std::optional<long long> parse_whole_number(std::string_view text) {
    // Digits only: "+5", " 5", "5.0" and "0x10" are all refused, so a value means
    // exactly what it looks like. 18 digits keeps the number far from overflow.
    if (text.empty() || text.size() > 18) return std::nullopt;
    for (char c : text)
        if (!is_ascii_digit(c)) return std::nullopt;
    long long value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc{} || result.ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<std::pair<int, int>> parse_window_size(std::string_view text) {
    const auto x = text.find('x');
    if (x == std::string_view::npos) return std::nullopt;
    const auto width = parse_whole_number(text.substr(0, x));
    const auto height = parse_whole_number(text.substr(x + 1));
    if (!width || !height) return std::nullopt;
    auto in_range = [](long long side) { return side >= kMinWindowSide && side <= kMaxWindowSide; };
    if (!in_range(*width) || !in_range(*height)) return std::nullopt;
    return std::pair<int, int>{static_cast<int>(*width), static_cast<int>(*height)};
}

std::vector<std::string> comma_list(std::string_view text) {
    std::vector<std::string> out;
    std::string item;
    auto flush = [&] {
        const auto a = item.find_first_not_of(' '), b = item.find_last_not_of(' ');
        if (a != std::string::npos) out.push_back(item.substr(a, b - a + 1));
        item.clear();
    };
    for (char c : text) {
        if (c == ',') flush();
        else item += c;
    }
    flush();
    return out;
}

bool looks_like_language_code(std::string_view text) {
    if (text.size() < 2 || text.size() > 16) return false;
    if (!is_ascii_letter(text.front())) return false;
    for (char c : text)
        if (!is_ascii_letter(c) && !is_ascii_digit(c) && c != '-') return false;
    return true;
}

bool is_audio_setting(std::string_view text) {
    if (text.empty() || text == "null" || text == "sdl") return true;
    return text.size() > 4 && text.substr(0, 4) == "wav:";
}

std::string quote_for_message(std::string_view text) {
    constexpr std::size_t kMaxShown = 60;
    std::string out = "\"";
    std::size_t shown = 0;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        // Cut only between characters, never inside a multi-byte one.
        if (shown >= kMaxShown && (c & 0xC0) != 0x80) {
            out += "...";
            break;
        }
        if (c < 0x20 || c == 0x7f) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02X", c);
            out += escaped;
        } else if (c == '"') {
            out += "\\\"";
        } else {
            out += ch;  // UTF-8 text (Chinese paths, names) is shown as written
        }
        ++shown;
    }
    out += '"';
    return out;
}

}  // namespace qiao::core::config_values
