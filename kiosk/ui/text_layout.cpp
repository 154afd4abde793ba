#include "ui/text_layout.hpp"

#include <cfloat>

#include <imgui_internal.h>  // ImTextCharFromUtf8

namespace qiao::ui {

namespace {

// Decodes one UTF-8 code point at text[i]; advances i.
char32_t next_code_point(std::string_view text, std::size_t& i) {
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, text.data() + i, text.data() + text.size());
    i += static_cast<std::size_t>(n > 0 ? n : 1);
    return c;
}

bool is_wide(char32_t c) { return c >= 0x2E80; }  // CJK and full-width forms

bool no_break_before(char32_t c) {
    static const std::u32string kClosing = U"，。！？、；：）》」』”’…,.!?;:)";
    return kClosing.find(c) != std::u32string::npos;
}

bool no_break_after(char32_t c) {
    static const std::u32string kOpening = U"（《「『“‘(";
    return kOpening.find(c) != std::u32string::npos;
}

// Splits into unbreakable pieces: an ASCII word with its trailing space, or one wide
// character, with closing punctuation glued to what comes before it.
std::vector<std::string> pieces(std::string_view text) {
    std::vector<std::string> out;
    std::size_t i = 0;
    bool glue_next = false;
    while (i < text.size()) {
        const std::size_t start = i;
        const char32_t c = next_code_point(text, i);
        if (c == '\n') {
            out.emplace_back("\n");
            glue_next = false;
            continue;
        }
        std::string piece(text.substr(start, i - start));
        if (!is_wide(c) && c != ' ') {
            // Gather the rest of the word and the spaces after it.
            while (i < text.size()) {
                std::size_t j = i;
                const char32_t d = next_code_point(text, j);
                if (is_wide(d) || d == '\n') break;
                piece.append(text.substr(i, j - i));
                i = j;
                if (d == ' ') {
                    // keep trailing spaces with the word
                    while (i < text.size() && text[i] == ' ') piece.push_back(text[i++]);
                    break;
                }
            }
        }
        const bool glue = !out.empty() && out.back() != "\n" && (no_break_before(c) || glue_next);
        if (glue)
            out.back() += piece;
        else
            out.push_back(std::move(piece));
        glue_next = no_break_after(c);
    }
    return out;
}

std::string trim_right(std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

}  // namespace

float text_width(const ImFont& font, float px, std::string_view text) {
    return font.CalcTextSizeA(px, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

std::vector<std::string> wrap_text(const ImFont& font, float px, std::string_view text, float max_width) {
    std::vector<std::string> lines;
    std::string line;
    // Where a short run of Chinese characters began after a space on this line
    // ("Language 语言"): if the run does not fit, it moves down whole rather than
    // being split into "语" and "言".
    std::size_t run_start = std::string::npos;
    int run_length = 0;
    constexpr int kKeepTogether = 4;
    for (std::string& piece : pieces(text)) {
        if (piece == "\n") {
            lines.push_back(trim_right(std::move(line)));
            line.clear();
            run_start = std::string::npos;
            continue;
        }
        std::size_t first = 0;
        const bool wide = is_wide(next_code_point(piece, first));
        if (!wide) {
            run_start = std::string::npos;
            run_length = 0;
        } else if (run_start == std::string::npos && !line.empty() && line.back() == ' ') {
            run_start = line.size();
            run_length = 0;
        }
        const std::string candidate = line + piece;
        if (!line.empty() && text_width(font, px, trim_right(candidate)) > max_width) {
            if (wide && run_start != std::string::npos && run_start > 0 && run_length < kKeepTogether) {
                lines.push_back(trim_right(line.substr(0, run_start)));
                line = line.substr(run_start) + piece;
            } else {
                lines.push_back(trim_right(std::move(line)));
                line = piece;
            }
            run_start = std::string::npos;
        } else {
            line = candidate;
        }
        if (wide) ++run_length;
    }
    if (!line.empty() || lines.empty()) lines.push_back(trim_right(std::move(line)));
    return lines;
}

}  // namespace qiao::ui
