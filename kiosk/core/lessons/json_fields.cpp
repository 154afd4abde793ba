#include "core/lessons/json_fields.hpp"

#include <algorithm>
#include <cctype>

#include "core/lessons/pack_rules.hpp"

namespace qiao::core {
namespace {

using json = nlohmann::json;

// Deeper than any pack needs; refusing it up front keeps hostile files cheap to reject.
constexpr int kMaxDepth = 64;


// Line and column (in characters, as editors count them) of a byte offset.
std::string line_and_column(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// nlohmann reports where it stopped, after the token it could not use; an author
// looks for the start of that token ("minutes" after a missing comma).
std::size_t token_start(std::string_view text, std::size_t offset) {
    if (offset >= text.size()) return offset;
    const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+'; };
    if (text[offset] == '"') {
        for (std::size_t i = offset; i-- > 0;) {
            if (text[i] == '"' && (i == 0 || text[i - 1] != '\\')) return i;
            if (text[i] == '\n') break;
        }
    } else if (word(text[offset])) {
        while (offset > 0 && word(text[offset - 1])) --offset;
    }
    return offset;
}

// nlohmann's words are for programmers; say the likely cause and keep its words after.
std::string syntax_hint(const std::string& detail) {
    const auto has = [&](const char* s) { return detail.find(s) != std::string::npos; };
    if (has("ill-formed UTF-8")) return "the file is not saved as UTF-8 text; save it again choosing UTF-8";
    if (has("control character")) return "a text has a line break or tab inside its quotes; keep each text on one line";
    if (has("unexpected end of input")) return "the file ends too early: a closing } or ] or a quote is missing";
    if (has("expected string literal") && (has("unexpected '}'") || has("unexpected ']'")))
        return "there is probably one comma (,) too many just before here";
    if (has("expected '}'") || has("expected ']'")) return "a comma (,) is probably missing just before here";
    if (has("invalid literal")) return "a word here is not understood: texts must be inside double quotes \"...\"";
    return "something here is not written as JSON";
}

std::string field_name(std::string_view name) { return "\"" + std::string(name) + "\""; }

}  // namespace

bool json_nested_deeper_than(std::string_view text, int max_depth) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > max_depth) return true;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return false;
}

std::optional<json> parse_pack_json(std::string_view text, FileProblems& problems) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        problems.error("", "the file is empty; it should hold a JSON { ... } group");
        return std::nullopt;
    }
    if (json_nested_deeper_than(text, kMaxDepth)) {
        problems.error("", "the file has groups nested more than 64 deep; a pack never needs that many");
        return std::nullopt;
    }
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& error) {
        std::string detail = error.what();
        if (const auto at = detail.find("syntax error while parsing "); at != std::string::npos)
            detail = detail.substr(at + 27);
        else if (const auto colon = detail.find(": "); colon != std::string::npos)
            detail = detail.substr(colon + 2);
        std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
        if (detail.find("unexpected") != std::string::npos && detail.find("last read") == std::string::npos)
            offset = token_start(text, offset);
        problems.error(line_and_column(text, offset),
                       "this is not valid JSON: " + syntax_hint(detail) + " (the JSON reader said: " + detail + ")");
    } catch (const json::exception& error) {
        problems.error("", std::string("this is not valid JSON (") + error.what() + ")");
    }
    return std::nullopt;
}

std::string pointer_append(const std::string& pointer, std::string_view key) {
    std::string out = pointer + "/";
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string pointer_append(const std::string& pointer, std::size_t index) {
    return pointer + "/" + std::to_string(index);
}

std::string json_kind(const json& value) {
    switch (value.type()) {
    case json::value_t::object: return "a group in { }";
    case json::value_t::array: return "a list in [ ]";
    case json::value_t::string: return "text in quotes";
    case json::value_t::boolean: return "true or false";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "a whole number";
    case json::value_t::number_float: return "a number with a fraction";
    case json::value_t::null: return "null";
    default: return "something unusual";
    }
}

JsonObject::JsonObject(const json& value, std::string pointer, std::string what, FileProblems& problems)
    : pointer_(std::move(pointer)), what_(std::move(what)), problems_(&problems) {
    if (value.is_object()) value_ = &value;
    else problems.error(pointer_, what_ + " should be a group in { }, but here it is " + json_kind(value));
}

bool JsonObject::has(std::string_view name) const {
    return value_ != nullptr && value_->find(name) != value_->end();
}

const json* JsonObject::find(std::string_view name, Need need, std::string_view purpose) {
    if (value_ == nullptr) return nullptr;
    known_.emplace_back(name);
    const auto it = value_->find(name);
    if (it != value_->end()) return &*it;
    if (need == Need::Required) {
        std::string message = what_ + " needs " + field_name(name) + " (" + std::string(purpose) + "), but it is missing";
        std::vector<std::string> keys;
        for (const auto& [key, _] : value_->items()) keys.push_back(key);
        if (const std::string near = pack_rules::closest(name, keys); !near.empty())
            message += "; there is a " + field_name(near) + ": is it misspelled?";
        problems_->error(pointer_, message);
    }
    return nullptr;
}

void JsonObject::wrong_type(std::string_view name, const json& value, std::string_view expected) {
    problems_->error(pointer_to(name), field_name(name) + " of " + what_ + " should be " + std::string(expected) +
                                           ", but here it is " + json_kind(value));
}

std::optional<std::string> JsonObject::string(std::string_view name, Need need, std::string_view purpose) {
    const json* value = find(name, need, purpose);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) {
        wrong_type(name, *value, "text in quotes");
        return std::nullopt;
    }
    return value->get<std::string>();
}

std::optional<std::int64_t> JsonObject::integer(std::string_view name, Need need, std::string_view purpose,
                                                std::int64_t min, std::int64_t max) {
    const json* value = find(name, need, purpose);
    if (value == nullptr) return std::nullopt;
    const std::string range = "from " + std::to_string(min) + " to " + std::to_string(max);
    if (!value->is_number_integer()) {
        wrong_type(name, *value, "a whole number " + range + ", without quotes");
        return std::nullopt;
    }
    const bool too_big = value->is_number_unsigned() && value->get<std::uint64_t>() > static_cast<std::uint64_t>(max);
    const std::int64_t number = too_big ? max : value->get<std::int64_t>();
    if (too_big || number < min || number > max) {
        problems_->error(pointer_to(name),
                         field_name(name) + " of " + what_ + " must be " + range + ", but it is " + value->dump());
        return std::nullopt;
    }
    return number;
}

std::optional<bool> JsonObject::boolean(std::string_view name, Need need, std::string_view purpose) {
    const json* value = find(name, need, purpose);
    if (value == nullptr) return std::nullopt;
    if (!value->is_boolean()) {
        wrong_type(name, *value, "true or false, without quotes");
        return std::nullopt;
    }
    return value->get<bool>();
}

const json* JsonObject::array(std::string_view name, Need need, std::string_view purpose) {
    const json* value = find(name, need, purpose);
    if (value != nullptr && !value->is_array()) {
        wrong_type(name, *value, "a list in [ ]");
        return nullptr;
    }
    return value;
}

const json* JsonObject::object(std::string_view name, Need need, std::string_view purpose) {
    const json* value = find(name, need, purpose);
    if (value != nullptr && !value->is_object()) {
        wrong_type(name, *value, "a group in { }");
        return nullptr;
    }
    return value;
}

LocalText JsonObject::text(std::string_view name, Need need, std::string_view purpose) {
    LocalText out;
    const json* value = find(name, need, purpose);
    if (value == nullptr) return out;
    const std::string where = pointer_to(name);
    const std::string called = field_name(name) + " of " + what_;
    if (value->is_string()) {
        problems_->error(where, called + " should be texts per language, like {\"zh-CN\": \"...\", \"en\": \"...\"}, "
                                         "but here it is a single text; put it inside {\"zh-CN\": ...}");
        return out;
    }
    if (!value->is_object()) {
        wrong_type(name, *value, "texts per language, like {\"zh-CN\": \"...\", \"en\": \"...\"}");
        return out;
    }
    std::vector<std::string> languages;
    for (const auto& [language, text] : value->items()) {
        languages.push_back(language);
        if (!text.is_string()) {
            problems_->error(pointer_append(where, language), "the " + language + " text of " + called +
                                                                   " should be text in quotes, but here it is " +
                                                                   json_kind(text));
            continue;
        }
        const std::string words = text.get<std::string>();
        if (language != "zh-CN" && words.find_first_not_of(" \t\r\n") == std::string::npos)
            problems_->warning(pointer_append(where, language), "the " + language + " text of " + called +
                                                                    " is empty, so the Chinese (zh-CN) text will be "
                                                                    "used; fill it in or remove it");
        out.by_language[language] = words;
    }
    const auto zh = value->find("zh-CN");
    if (zh == value->end()) {
        std::string message = called + " has no Chinese (zh-CN) text: add \"zh-CN\": \"...\" (Chinese is required; "
                                       "other languages fall back to it)";
        if (const std::string near = pack_rules::closest("zh-CN", languages); !near.empty())
            message += "; the language code must be written exactly zh-CN, not " + near;
        problems_->error(where, message);
    } else if (zh->is_string() && zh->get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos) {
        problems_->error(pointer_append(where, "zh-CN"), "the Chinese (zh-CN) text of " + called +
                                                             " is empty; Chinese is required, so write it");
    }
    return out;
}

void JsonObject::finish(const std::vector<std::string>& elsewhere, std::string_view kind) {
    if (value_ == nullptr) return;
    for (const auto& [key, _] : value_->items()) {
        if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
        if (std::find(elsewhere.begin(), elsewhere.end(), key) != elsewhere.end()) {
            problems_->warning(pointer_to(key), field_name(key) + " is not used by " + std::string(kind) +
                                                    ", so it will be ignored");
            continue;
        }
        std::string message = what_ + " has " + field_name(key) + ", which Qiao does not know, so it will be ignored";
        if (const std::string near = pack_rules::closest(key, known_); !near.empty())
            message += "; did you mean " + field_name(near) + "?";
        problems_->warning(pointer_to(key), message);
    }
}

}  // namespace qiao::core
