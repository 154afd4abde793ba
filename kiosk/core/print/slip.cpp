#include "core/print/slip.hpp"

#include <cmath>

#include "core/i18n/catalog.hpp"

namespace qiao::core {

namespace {

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000'; }

bool is_cjk(char32_t c) {
    return (c >= 0x2E80 && c <= 0x9FFF)      // radicals, CJK punctuation, kana, ideographs
           || (c >= 0xAC00 && c <= 0xD7AF)   // Hangul
           || (c >= 0xF900 && c <= 0xFAFF)   // compatibility ideographs
           || (c >= 0xFE30 && c <= 0xFE4F)   // vertical forms
           || (c >= 0xFF00 && c <= 0xFFEF)   // full-width forms
           || (c >= 0x20000 && c <= 0x3FFFF);
}

// Marks that must not begin a line (they belong to what comes before them).
bool closes(char32_t c) {
    static constexpr std::u32string_view kClosing = U"，。、；：！？）》」』】〉〕｝”’…‥·％,.;:!?)]}%";
    return kClosing.find(c) != std::u32string_view::npos;
}

// Marks that must not end a line (they belong to what comes after them).
bool opens(char32_t c) {
    static constexpr std::u32string_view kOpening = U"（《「『【〈〔｛“‘([{";
    return kOpening.find(c) != std::u32string_view::npos;
}

bool break_allowed_before(char32_t previous, char32_t current) {
    if (is_space(current) || closes(current) || opens(previous)) return false;
    if (is_space(previous)) return true;
    if (is_cjk(previous) || is_cjk(current)) return true;
    return previous == U'-' || previous == U'/';
}

std::string trim_end(std::string text) {
    while (!text.empty() && text.back() == ' ') text.pop_back();
    // An ideographic space is three bytes: E3 80 80.
    while (text.size() >= 3 && text.compare(text.size() - 3, 3, "\xE3\x80\x80") == 0) text.resize(text.size() - 3);
    return text;
}

// The pieces of one paragraph that are never broken inside (unless too wide alone),
// each with the spaces that follow it.
std::vector<std::u32string> unbreakable_pieces(const std::u32string& paragraph) {
    std::vector<std::u32string> pieces;
    for (std::size_t i = 0; i < paragraph.size(); ++i) {
        if (pieces.empty() || break_allowed_before(paragraph[i - 1], paragraph[i])) pieces.emplace_back();
        pieces.back().push_back(paragraph[i]);
    }
    return pieces;
}

std::string utf8(const std::u32string& text) {
    std::string out;
    for (char32_t c : text) out += encode_utf8(c);
    return out;
}

void break_paragraph(const std::u32string& paragraph, double width,
                     const std::function<double(std::string_view)>& measure, std::vector<std::string>& lines) {
    std::string line;
    // The same text measured twice can differ in its last bits (cairo rounds through device
    // space), so a line as wide as the width itself must still count as fitting.
    const double limit = width + 1e-6 * (1.0 + std::abs(width));
    const auto fits = [&](const std::string& text) { return measure(trim_end(text)) <= limit; };
    const auto finish_line = [&] {
        lines.push_back(trim_end(line));
        line.clear();
    };
    for (const std::u32string& piece : unbreakable_pieces(paragraph)) {
        const std::string text = utf8(piece);
        if (fits(line + text)) {
            line += text;
            continue;
        }
        if (!line.empty()) finish_line();
        if (fits(text)) {
            line = text;
            continue;
        }
        // Wider than a whole line on its own (a long number or address): break it
        // between characters, at least one character per line.
        for (char32_t c : piece) {
            const std::string ch = encode_utf8(c);
            if (line.empty() && is_space(c)) continue;
            if (line.empty() || fits(line + ch)) {
                line += ch;
            } else {
                finish_line();
                if (!is_space(c)) line = ch;
            }
        }
    }
    if (!trim_end(line).empty() || lines.empty()) finish_line();
}

}  // namespace

std::vector<std::string> break_lines(std::string_view text, double width,
                                     const std::function<double(std::string_view)>& measure) {
    std::vector<std::string> lines;
    std::u32string paragraph;
    const auto end_paragraph = [&] {
        std::size_t start = 0;
        while (start < paragraph.size() && is_space(paragraph[start])) ++start;
        std::vector<std::string> broken;
        break_paragraph(paragraph.substr(start), width, measure, broken);
        lines.insert(lines.end(), broken.begin(), broken.end());
        paragraph.clear();
    };
    for (char32_t c : decode_utf8(text)) {
        if (c == U'\n') {
            end_paragraph();
        } else if (c == U'\t') {
            paragraph.push_back(U' ');
        } else if (c >= 0x20 && c != 0x7F) {  // other control characters draw nothing useful
            paragraph.push_back(c);
        }
    }
    end_paragraph();
    // A trailing "\n" (or an empty text) is no reason for a blank line on paper.
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    return lines;
}

}  // namespace qiao::core
