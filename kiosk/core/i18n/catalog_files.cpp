#include "core/i18n/catalog_files.hpp"

#include <set>

#include <nlohmann/json.hpp>

namespace qiao::core::catalog_files {

namespace {

using nlohmann::json;

std::string prefix(std::string_view file_name) { return std::string(file_name) + ": "; }

// nlohmann's messages start with "[json.exception.parse_error.101] "; a
// translator needs only the part that says where and what.
std::string plain_parse_message(const json::exception& error) {
    std::string message = error.what();
    if (!message.empty() && message.front() == '[') {
        if (const auto end = message.find("] "); end != std::string::npos) message.erase(0, end + 2);
    }
    return message;
}

// Parses JSON, refusing a key written twice in one object: nlohmann would quietly
// keep the last one, and a translator would wonder why their first text never shows.
json parse_json(std::string_view text, std::string_view file_name) {
    std::vector<std::set<std::string>> keys_per_object;
    std::string duplicate;
    auto watch_keys = [&](int /*depth*/, json::parse_event_t event, json& parsed) {
        switch (event) {
        case json::parse_event_t::object_start: keys_per_object.emplace_back(); break;
        case json::parse_event_t::object_end:
            if (!keys_per_object.empty()) keys_per_object.pop_back();
            break;
        case json::parse_event_t::key:
            if (!keys_per_object.empty() && parsed.is_string() &&
                !keys_per_object.back().insert(parsed.get<std::string>()).second && duplicate.empty())
                duplicate = parsed.get<std::string>();
            break;
        default: break;
        }
        return true;
    };
    json document;
    try {
        document = json::parse(text.data(), text.data() + text.size(), watch_keys);
    } catch (const json::exception& error) {
        throw CatalogError(prefix(file_name) + "this is not valid JSON: " + plain_parse_message(error));
    }
    if (!duplicate.empty())
        throw CatalogError(prefix(file_name) + "key \"" + duplicate + "\" is written twice; keep one");
    return document;
}

std::string entry_name(std::size_t index, const std::string& code) {
    std::string name = "entry " + std::to_string(index + 1);
    if (!code.empty()) name += " (\"" + code + "\")";
    return name;
}

bool looks_like_language_code(std::string_view code) {
    // The code names a file (<code>.json), so it must not be able to name any
    // other path: letters, digits and '-', starting with a letter.
    if (code.size() < 2 || code.size() > 16) return false;
    auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (!letter(code.front())) return false;
    for (char c : code)
        if (!letter(c) && !digit(c) && c != '-') return false;
    return true;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    while (i < text.size()) {
        const unsigned char lead = byte(i);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte (Unicode table 3-7)
        if (lead >= 0xC2 && lead <= 0xDF) length = 2;
        else if (lead == 0xE0) length = 3, low = 0xA0;
        else if (lead >= 0xE1 && lead <= 0xEC) length = 3;
        else if (lead == 0xED) length = 3, high = 0x9F;
        else if (lead >= 0xEE && lead <= 0xEF) length = 3;
        else if (lead == 0xF0) length = 4, low = 0x90;
        else if (lead >= 0xF1 && lead <= 0xF3) length = 4;
        else if (lead == 0xF4) length = 4, high = 0x8F;
        else return false;
        if (i + length > text.size()) return false;
        if (byte(i + 1) < low || byte(i + 1) > high) return false;
        for (std::size_t k = 2; k < length; ++k)
            if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return false;
        i += length;
    }
    return true;
}

std::vector<LanguageInfo> parse_languages(std::string_view json_text, std::string_view file_name) {
    const json document = parse_json(json_text, file_name);
    if (!document.is_array())
        throw CatalogError(prefix(file_name) +
                           "must be a JSON array of languages, [{\"code\": ..., \"native_name\": ..., "
                           "\"fallback\": ..., \"voice\": ...}, ...], found " +
                           std::string(document.type_name()));

    static constexpr const char* kFields[] = {"code", "native_name", "fallback", "voice"};
    std::vector<LanguageInfo> languages;
    for (std::size_t index = 0; index < document.size(); ++index) {
        const json& entry = document[index];
        if (!entry.is_object())
            throw CatalogError(prefix(file_name) + entry_name(index, "") + " must be an object, found " +
                               std::string(entry.type_name()));
        std::string code;
        if (const auto found = entry.find("code"); found != entry.end() && found->is_string())
            code = found->get<std::string>();
        for (const auto& [field, value] : entry.items()) {
            bool known = false;
            for (const char* name : kFields) known = known || field == name;
            if (!known)
                throw CatalogError(prefix(file_name) + entry_name(index, code) + " has an unknown field \"" +
                                   field + "\"; the fields are code, native_name, fallback and voice");
        }
        std::string values[4];
        for (std::size_t f = 0; f < 4; ++f) {
            const auto found = entry.find(kFields[f]);
            if (found == entry.end())
                throw CatalogError(prefix(file_name) + entry_name(index, code) + " is missing \"" +
                                   kFields[f] + "\"");
            if (!found->is_string())
                throw CatalogError(prefix(file_name) + entry_name(index, code) + " field \"" + kFields[f] +
                                   "\" must be a string, found " + std::string(found->type_name()));
            values[f] = found->get<std::string>();
            if (!is_valid_utf8(values[f]))
                throw CatalogError(prefix(file_name) + entry_name(index, code) + " field \"" + kFields[f] +
                                   "\" is not valid UTF-8 text");
        }
        if (!looks_like_language_code(values[0]))
            throw CatalogError(prefix(file_name) + entry_name(index, "") + " code \"" + values[0] +
                               "\" must be 2 to 16 letters, digits or '-', starting with a letter");
        if (values[1].empty())
            throw CatalogError(prefix(file_name) + entry_name(index, code) +
                               " native_name must not be empty: it is what the language button shows");
        languages.push_back(LanguageInfo{values[0], values[1], values[2], values[3]});
    }
    return languages;
}

std::map<std::string, std::string> parse_texts(std::string_view json_text, std::string_view file_name) {
    const json document = parse_json(json_text, file_name);
    if (!document.is_object())
        throw CatalogError(prefix(file_name) + "must be one JSON object of \"key\": \"text\" pairs, found " +
                           std::string(document.type_name()));
    std::map<std::string, std::string> texts;
    for (const auto& [key, value] : document.items()) {
        if (key.empty()) throw CatalogError(prefix(file_name) + "a key is empty (\"\")");
        if (!is_valid_utf8(key))
            throw CatalogError(prefix(file_name) + "a key is not valid UTF-8 text");
        if (!value.is_string())
            throw CatalogError(prefix(file_name) + "key \"" + key + "\" must be a string, found " +
                               std::string(value.type_name()));
        std::string text = value.get<std::string>();
        if (!is_valid_utf8(text))
            throw CatalogError(prefix(file_name) + "key \"" + key + "\" is not valid UTF-8 text");
        texts.emplace(key, std::move(text));
    }
    return texts;
}

}  // namespace qiao::core::catalog_files
