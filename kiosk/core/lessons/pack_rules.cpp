#include "core/lessons/pack_rules.hpp"

#include <algorithm>
#include <cctype>

namespace qiao::core::pack_rules {
namespace {

bool is_id_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }

// What an author probably meant, so the message can say "for example 'pay-by-qr'".
std::string suggest_id(std::string_view id) {
    std::string out;
    for (char c : id) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) && u < 0x80) out += static_cast<char>(std::tolower(u));
        else if ((c == ' ' || c == '-' || c == '_' || c == '.') && !out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.substr(0, kMaxIdLength);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::string id_problem(std::string_view id) {
    if (id.empty()) return "an id cannot be empty";
    if (id.size() > kMaxIdLength) return "an id can be at most 64 letters long";
    if (std::all_of(id.begin(), id.end(), is_id_char)) return "";
    std::string why = "an id may use only small letters a-z, digits 0-9, '-' and '_' (no capitals, spaces or Chinese)";
    if (const std::string better = suggest_id(id); !better.empty()) why += ", for example '" + better + "'";
    return why;
}

std::string pack_id_problem(std::string_view id) {
    const std::string example = "a pack id is written like a web address backwards, for example 'org.qiao.basics'";
    if (id.empty() || id.size() > kMaxIdLength) return example + " (1 to 64 letters)";
    std::size_t segments = 0;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = id.find('.', start);
        const std::string_view segment = id.substr(start, dot == std::string_view::npos ? id.npos : dot - start);
        if (segment.empty()) return example + ": no empty part between dots";
        for (char c : segment)
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
                return example + ", using only small letters a-z, digits 0-9 and '-' between the dots";
        ++segments;
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    if (segments < 2) return example + ": it needs at least one dot";
    return "";
}

std::string version_problem(std::string_view version) {
    const std::string how = "a version is three whole numbers with dots, like 1.0.0 (then 1.0.1 for a small fix, "
                            "1.1.0 for new lessons)";
    int parts = 0;
    std::size_t i = 0;
    while (true) {
        const std::size_t start = i;
        while (i < version.size() && version[i] >= '0' && version[i] <= '9') ++i;
        const std::size_t digits = i - start;
        if (digits == 0) return how;
        if (digits > 1 && version[start] == '0') return how + ", with no leading zeros";
        if (digits > 9) return how + ", each number smaller";
        ++parts;
        if (i == version.size()) break;
        if (version[i] != '.' || parts == 3) return how;
        ++i;
    }
    return parts == 3 ? "" : how;
}

std::string path_problem(std::string_view path) {
    if (path.empty()) return "the file name is empty";
    if (path.find('\\') != std::string_view::npos)
        return "use '/' between folder names, not '\\' (for example images/step1.png)";
    if (path.front() == '/' || (path.size() >= 2 && path[1] == ':'))
        return "write the path from the lesson's folder (for example images/step1.png), not from the top of the "
               "computer";
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = std::min(path.find('/', start), path.size());
        const std::string_view segment = path.substr(start, slash - start);
        if (segment == "..")
            return "'..' would leave the pack; every file must be inside the lesson's folder (copy the file into it)";
        if (segment.empty()) return "the path has an empty folder name ('//' or a '/' at the end)";
        start = slash + 1;
    }
    for (char c : path)
        if (static_cast<unsigned char>(c) < 0x20) return "the path has a control character in it";
    return "";
}

const std::vector<std::string>& builtin_icons() {
    static const std::vector<std::string> icons = {"wallet",  "chat",  "camera", "phone",    "video", "hospital",
                                                   "calendar", "settings", "map", "shop",   "photo", "message",
                                                   "contacts", "bank", "qr",     "shield",   "family", "book"};
    return icons;
}

bool is_builtin_icon(std::string_view name) {
    const auto& icons = builtin_icons();
    return std::find(icons.begin(), icons.end(), name) != icons.end();
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    const std::string word_lower = lower(word);
    std::string best;
    std::size_t best_distance = 0;
    for (const auto& candidate : candidates) {
        if (candidate == word) continue;
        const std::size_t distance = lower(candidate) == word_lower ? 0 : edit_distance(word_lower, lower(candidate));
        // Short words are near almost anything; allow one slip for them, two for longer ones.
        const std::size_t allowed = std::min<std::size_t>(candidate.size(), word.size()) <= 4 ? 1 : 2;
        if (distance <= allowed && (best.empty() || distance < best_distance)) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

std::string join(const std::vector<std::string>& words) {
    if (words.empty()) return "(none)";
    std::string out;
    for (const auto& word : words) out += (out.empty() ? "" : ", ") + word;
    return out;
}

}  // namespace qiao::core::pack_rules
