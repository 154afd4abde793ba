#pragma once
// Catalog: the app's own strings in every language it offers, read from i18n/:
//   i18n/languages.json   [{"code":"zh-CN","native_name":"普通话","fallback":"",
//                           "voice":"cmn"}, {"code":"en","native_name":"English",
//                           "fallback":"zh-CN","voice":"en"}, ...]
//   i18n/<code>.json      one flat JSON object: {"home.learn": "学", ...}
// zh-CN is the reference language: it has every key. An empty string or a missing
// key means "not translated yet" and falls back along the language's fallback chain
// to zh-CN (the ImHex convention).
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::core {

class CatalogError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;  // message names the file and what is wrong
};

struct LanguageInfo {
    std::string code;         // "zh-CN", "yue", "en"
    std::string native_name;  // how the language names itself: "普通话", "粵語", "English"
    std::string fallback;     // code of the language to fall back to; empty for zh-CN
    std::string voice;        // espeak-ng voice: "cmn", "yue", "en"
};

struct UntranslatedString {
    std::string key;
    std::string reference_text;  // the zh-CN text a translator would start from
};

class Catalog {
public:
    static constexpr const char* kReferenceLanguage = "zh-CN";

    // Reads languages.json and every language file it names. Throws CatalogError
    // for unreadable or malformed files, a language file that is not a flat object
    // of strings, an unknown fallback, a fallback cycle or a missing zh-CN.
    static Catalog load(const std::filesystem::path& i18n_dir);
    // Builds a catalog from memory (tests, fuzzing): languages plus key->text maps.
    static Catalog from_parts(std::vector<LanguageInfo> languages,
                              std::map<std::string, std::map<std::string, std::string>> texts);

    const std::vector<LanguageInfo>& languages() const { return languages_; }
    // nullptr when the code is not offered.
    const LanguageInfo* language(std::string_view code) const;

    // The text of key in lang, following fallbacks to zh-CN. A key unknown even to
    // zh-CN returns the key itself, so a mistake is visible rather than blank.
    const std::string& text(std::string_view lang, std::string_view key) const;
    bool has_key(std::string_view key) const;

    // Every key of the reference language, sorted.
    std::vector<std::string> keys() const;
    // Keys lang does not translate itself (missing or empty), sorted by key.
    std::vector<UntranslatedString> untranslated(std::string_view lang) const;
    // Every distinct code point used by any string of any language (for the glyph atlas).
    std::u32string all_code_points() const;

private:
    std::vector<LanguageInfo> languages_;
    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> texts_;
};

// Fills {name} placeholders: format_text("{n} 秒", {{"n", "30"}}) -> "30 秒".
// Unknown placeholders are left as written.
std::string format_text(std::string_view templ, const std::vector<std::pair<std::string, std::string>>& values);

// Encodes one code point as UTF-8.
std::string encode_utf8(char32_t code_point);
// The characters, each once as written, separated by spaces: for messages that list
// characters ("the font cannot draw: 😀 龘").
std::string spaced_characters(const std::u32string& characters);

// Decodes UTF-8; invalid bytes become U+FFFD. Used for glyph coverage and fuzzing.
std::u32string decode_utf8(std::string_view text);

}  // namespace qiao::core
