#include "core/i18n/catalog.hpp"

#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <system_error>

#include "core/i18n/catalog_files.hpp"

namespace qiao::core {

namespace {

std::string read_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw CatalogError(path.string() + ": the file is missing");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream contents;
    if (in) contents << in.rdbuf();
    if (!in || in.bad()) throw CatalogError(path.string() + ": the file cannot be read");
    return contents.str();
}

// Checks how the languages relate: zh-CN offered, codes unique, every fallback
// offered, no fallback loops. source names the file the languages came from.
void check_languages(const std::vector<LanguageInfo>& languages, const std::string& source) {
    std::map<std::string, const LanguageInfo*, std::less<>> by_code;
    for (const auto& language : languages)
        if (!by_code.emplace(language.code, &language).second)
            throw CatalogError(source + ": language \"" + language.code + "\" is listed twice");
    const auto reference = by_code.find(Catalog::kReferenceLanguage);
    if (reference == by_code.end())
        throw CatalogError(source + ": zh-CN must be listed; it is the language every other one falls back to");
    if (!reference->second->fallback.empty())
        throw CatalogError(source + ": zh-CN is the reference language; its fallback must be \"\" (found \"" +
                           reference->second->fallback + "\")");
    for (const auto& language : languages) {
        if (!language.fallback.empty() && by_code.find(language.fallback) == by_code.end())
            throw CatalogError(source + ": language \"" + language.code + "\" falls back to \"" +
                               language.fallback + "\", which is not listed");
        // Walk the chain; more steps than languages means it goes round in a loop.
        std::string chain = language.code;
        const LanguageInfo* at = &language;
        for (std::size_t steps = 0; !at->fallback.empty(); ++steps) {
            at = by_code.find(at->fallback)->second;
            chain += " -> " + at->code;
            if (steps > languages.size())
                throw CatalogError(source + ": the fallbacks go round in a loop (" + chain +
                                   " ...); one of them must lead to zh-CN");
        }
    }
}

// Texts of a language must use keys zh-CN has: a key only a translation has is
// almost always a typo or a key removed from zh-CN, and would never be shown.
void check_keys_known(const std::string& code, const std::map<std::string, std::string>& texts,
                      const std::map<std::string, std::string>& reference, const std::string& source) {
    for (const auto& entry : texts)
        if (reference.find(entry.first) == reference.end())
            throw CatalogError(source + ": key \"" + entry.first + "\" is not in zh-CN.json (misspelt, or "
                               "removed from zh-CN?); " + code + " must use the same keys as zh-CN");
}

// text() returns a reference, so a key nobody knows must live somewhere stable.
// Node-based, guarded, never shrinking: references stay valid for the program's life.
const std::string& remember_missing_key(std::string_view key) {
    static std::mutex mutex;
    static std::set<std::string, std::less<>> missing;
    std::lock_guard lock(mutex);
    auto found = missing.find(key);
    if (found == missing.end()) found = missing.emplace(key).first;
    return *found;
}

}  // namespace

Catalog Catalog::load(const std::filesystem::path& i18n_dir) {
    const std::filesystem::path languages_file = i18n_dir / "languages.json";
    const std::string languages_name = languages_file.string();
    std::vector<LanguageInfo> languages =
        catalog_files::parse_languages(read_file(languages_file), languages_name);
    check_languages(languages, languages_name);

    std::map<std::string, std::map<std::string, std::string>> texts;
    for (const auto& language : languages) {
        const std::filesystem::path file = i18n_dir / (language.code + ".json");
        texts[language.code] = catalog_files::parse_texts(read_file(file), file.string());
    }
    const auto& reference = texts[kReferenceLanguage];
    for (const auto& language : languages)
        check_keys_known(language.code, texts[language.code], reference,
                         (i18n_dir / (language.code + ".json")).string());
    return from_parts(std::move(languages), std::move(texts));
}

Catalog Catalog::from_parts(std::vector<LanguageInfo> languages,
                            std::map<std::string, std::map<std::string, std::string>> texts) {
    check_languages(languages, "catalog");
    Catalog catalog;
    for (auto& [code, entries] : texts) {
        if (!catalog_files::is_valid_utf8(code))
            throw CatalogError("catalog: a language code is not valid UTF-8 text");
        for (const auto& [key, text] : entries)
            if (!catalog_files::is_valid_utf8(key) || !catalog_files::is_valid_utf8(text))
                throw CatalogError("catalog: " + code + " has a key or text that is not valid UTF-8");
        auto& target = catalog.texts_[code];
        for (auto& [key, text] : entries) target.emplace(key, std::move(text));
    }
    for (const auto& language : languages) catalog.texts_[language.code];  // every language has a map
    catalog.languages_ = std::move(languages);
    return catalog;
}

const LanguageInfo* Catalog::language(std::string_view code) const {
    for (const auto& info : languages_)
        if (info.code == code) return &info;
    return nullptr;
}

const std::string& Catalog::text(std::string_view lang, std::string_view key) const {
    // Follow lang's fallbacks; an unknown lang, or a chain that stops early, ends at
    // zh-CN. The chain was checked for loops, but bound the walk anyway.
    const LanguageInfo* at = language(lang);
    for (std::size_t steps = 0; at != nullptr && steps <= languages_.size(); ++steps) {
        if (const auto texts = texts_.find(at->code); texts != texts_.end()) {
            if (const auto found = texts->second.find(key); found != texts->second.end() && !found->second.empty())
                return found->second;
        }
        if (at->fallback.empty()) break;
        at = language(at->fallback);
    }
    if (const auto reference = texts_.find(kReferenceLanguage); reference != texts_.end()) {
        if (const auto found = reference->second.find(key); found != reference->second.end() && !found->second.empty())
            return found->second;
    }
    return remember_missing_key(key);
}

bool Catalog::has_key(std::string_view key) const {
    const auto reference = texts_.find(kReferenceLanguage);
    return reference != texts_.end() && reference->second.find(key) != reference->second.end();
}

std::vector<std::string> Catalog::keys() const {
    std::vector<std::string> out;
    if (const auto reference = texts_.find(kReferenceLanguage); reference != texts_.end())
        for (const auto& entry : reference->second) out.push_back(entry.first);  // std::map: already sorted
    return out;
}

std::vector<UntranslatedString> Catalog::untranslated(std::string_view lang) const {
    std::vector<UntranslatedString> out;
    const auto reference = texts_.find(kReferenceLanguage);
    if (reference == texts_.end()) return out;
    const auto own = texts_.find(lang);
    for (const auto& [key, reference_text] : reference->second) {
        bool translated = false;
        if (own != texts_.end()) {
            const auto found = own->second.find(key);
            translated = found != own->second.end() && !found->second.empty();
        }
        if (!translated) out.push_back(UntranslatedString{key, reference_text});
    }
    return out;
}

std::u32string Catalog::all_code_points() const {
    std::set<char32_t> seen;
    auto add = [&](std::string_view text) {
        for (char32_t c : decode_utf8(text)) seen.insert(c);
    };
    for (const auto& language : languages_) add(language.native_name);  // the language buttons show these
    for (const auto& [code, entries] : texts_)
        for (const auto& [key, text] : entries) add(text);
    return std::u32string(seen.begin(), seen.end());
}

std::string format_text(std::string_view templ, const std::vector<std::pair<std::string, std::string>>& values) {
    std::string out;
    out.reserve(templ.size());
    std::size_t i = 0;
    while (i < templ.size()) {
        const auto open = templ.find('{', i);
        if (open == std::string_view::npos) {
            out.append(templ.substr(i));
            break;
        }
        out.append(templ.substr(i, open - i));
        const auto close = templ.find_first_of("{}", open + 1);
        if (close == std::string_view::npos || templ[close] == '{') {
            // "{" with no name closed after it: keep it as written and go on from the next character.
            out.push_back('{');
            i = open + 1;
            continue;
        }
        const std::string_view name = templ.substr(open + 1, close - open - 1);
        const std::pair<std::string, std::string>* match = nullptr;
        for (const auto& value : values)
            if (value.first == name) {
                match = &value;
                break;
            }
        if (match) out.append(match->second);
        else out.append(templ.substr(open, close - open + 1));  // unknown: left as written, so it shows
        i = close + 1;
    }
    return out;
}

std::u32string decode_utf8(std::string_view text) {
    // Each maximal ill-formed subpart becomes one U+FFFD (the Unicode "best practice"),
    // so a bad byte never swallows the good characters after it.
    constexpr char32_t kReplacement = 0xFFFD;
    std::u32string out;
    out.reserve(text.size());
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned char lead = byte(i);
        if (lead < 0x80) {
            out.push_back(lead);
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte (Unicode table 3-7)
        char32_t value = 0;
        if (lead >= 0xC2 && lead <= 0xDF) length = 2, value = lead & 0x1F;
        else if (lead == 0xE0) length = 3, low = 0xA0, value = lead & 0x0F;
        else if (lead >= 0xE1 && lead <= 0xEC) length = 3, value = lead & 0x0F;
        else if (lead == 0xED) length = 3, high = 0x9F, value = lead & 0x0F;
        else if (lead >= 0xEE && lead <= 0xEF) length = 3, value = lead & 0x0F;
        else if (lead == 0xF0) length = 4, low = 0x90, value = lead & 0x07;
        else if (lead >= 0xF1 && lead <= 0xF3) length = 4, value = lead & 0x07;
        else if (lead == 0xF4) length = 4, high = 0x8F, value = lead & 0x07;
        else {
            out.push_back(kReplacement);  // a continuation byte alone, C0/C1 or F5..FF
            ++i;
            continue;
        }
        std::size_t used = 1;
        bool complete = true;
        for (; used < length; ++used) {
            if (i + used >= text.size()) {
                complete = false;
                break;
            }
            const unsigned char next = byte(i + used);
            const unsigned char lo = used == 1 ? low : 0x80;
            const unsigned char hi = used == 1 ? high : 0xBF;
            if (next < lo || next > hi) {
                complete = false;
                break;
            }
            value = (value << 6) | (next & 0x3F);
        }
        out.push_back(complete ? value : kReplacement);
        i += used;
    }
    return out;
}

std::string encode_utf8(char32_t c) {
    std::string out;
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
    return out;
}

std::string spaced_characters(const std::u32string& characters) {
    std::string out;
    for (char32_t c : characters) out += (out.empty() ? "" : " ") + encode_utf8(c);
    return out;
}

}  // namespace qiao::core
