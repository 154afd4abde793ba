#pragma once
// Reading the JSON files of a lesson pack field by field, reporting every problem
// (with its JSON pointer) instead of stopping at the first. The messages name the
// thing being read in the author's terms ("step 3", "screen 'wallet-home'").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/lessons/lesson_pack.hpp"
#include "core/lessons/pack_problem.hpp"

namespace qiao::core {

// Parses text; a syntax error becomes one problem at "line L, column C" and nullopt.
std::optional<nlohmann::json> parse_pack_json(std::string_view text, FileProblems& problems);
// Whether text nests objects and arrays deeper than max_depth (strings are skipped):
// checked before parsing, so a hostile file is cheap to refuse.
bool json_nested_deeper_than(std::string_view text, int max_depth);

std::string pointer_append(const std::string& pointer, std::string_view key);
std::string pointer_append(const std::string& pointer, std::size_t index);

enum class Need { Required, Optional };

// One JSON object being read. Each getter notes the field as known, reports a missing
// required field or a wrong type, and returns nothing in those cases.
class JsonObject {
public:
    // what names the object for people: "the lesson", "step 3", "screen 'wallet-home'".
    JsonObject(const nlohmann::json& value, std::string pointer, std::string what, FileProblems& problems);

    bool valid() const { return value_ != nullptr; }
    const std::string& pointer() const { return pointer_; }
    std::string pointer_to(std::string_view name) const { return pointer_append(pointer_, name); }
    const std::string& what() const { return what_; }
    FileProblems& problems() { return *problems_; }
    bool has(std::string_view name) const;

    // purpose says what the field is for; it goes into the message when it is missing.
    std::optional<std::string> string(std::string_view name, Need need, std::string_view purpose);
    std::optional<std::int64_t> integer(std::string_view name, Need need, std::string_view purpose,
                                        std::int64_t min, std::int64_t max);
    std::optional<bool> boolean(std::string_view name, Need need, std::string_view purpose);
    // Text per language; zh-CN required and not empty.
    LocalText text(std::string_view name, Need need, std::string_view purpose);
    const nlohmann::json* array(std::string_view name, Need need, std::string_view purpose);
    const nlohmann::json* object(std::string_view name, Need need, std::string_view purpose);

    // Warns about every field no getter asked for. Fields in elsewhere belong to other
    // kinds of the same thing (a "button" given "items"): said as "not used here".
    void finish(const std::vector<std::string>& elsewhere = {}, std::string_view kind = "");

private:
    const nlohmann::json* find(std::string_view name, Need need, std::string_view purpose);
    void wrong_type(std::string_view name, const nlohmann::json& value, std::string_view expected);

    const nlohmann::json* value_ = nullptr;
    std::string pointer_;
    std::string what_;
    FileProblems* problems_;
    std::vector<std::string> known_;
};

// "text in quotes", "a list in [ ]", ...: what a JSON value is, for messages.
std::string json_kind(const nlohmann::json& value);

}  // namespace qiao::core
