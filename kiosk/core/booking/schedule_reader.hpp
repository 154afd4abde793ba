#pragma once
// Reading a services file field by field (used by schedule_parse.cpp only): every
// getter reports a missing field or a wrong type as a ScheduleProblem at the field's
// path ("slots[3].end") and returns nothing, so one pass collects every problem.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/booking/schedule.hpp"

namespace qiao::core::schedule_file {

enum class Need { Required, Optional };

class Problems {
public:
    // Beyond this many the rest are counted, not listed: a wrong file can have thousands.
    static constexpr std::size_t kMaxListed = 100;

    void add(std::string where, std::string what);
    bool empty() const { return list_.empty() && unlisted_ == 0; }
    // The list, with a last line counting those left out.
    std::vector<ScheduleProblem> take();

private:
    std::vector<ScheduleProblem> list_;
    std::size_t unlisted_ = 0;
};

// "slots" + 3 -> "slots[3]"; "slots[3]" + "end" -> "slots[3].end".
std::string path_index(const std::string& path, std::size_t index);
std::string path_field(const std::string& path, std::string_view name);

// One JSON object of the file, read field by field.
class Fields {
public:
    // what: how the object is named when it is not an object at all ("a service").
    Fields(const nlohmann::json& value, std::string path, std::string_view what, Problems& problems);

    bool valid() const { return value_ != nullptr; }
    const std::string& path() const { return path_; }
    std::string at(std::string_view name) const { return path_field(path_, name); }
    Problems& problems() { return *problems_; }

    std::optional<std::string> text(std::string_view name, Need need, std::string_view purpose);
    std::optional<std::int64_t> integer(std::string_view name, Need need, std::string_view purpose);
    const nlohmann::json* array(std::string_view name, Need need, std::string_view purpose);
    // Words per language: an object of texts; zh-CN required and not empty.
    LocalText words(std::string_view name, Need need, std::string_view purpose);
    // Names every field not in known: a misspelt field is otherwise silently ignored.
    void refuse_others(std::initializer_list<std::string_view> known);

private:
    const nlohmann::json* find(std::string_view name, Need need, std::string_view purpose);

    const nlohmann::json* value_ = nullptr;
    std::string path_;
    Problems* problems_;
};

// Ids of services and slots: what fits in a file name and a URL without escaping.
bool valid_id(std::string_view id);
// "09:30" -> 570; nullopt unless HH:MM with HH 00..23.
std::optional<int> parse_clock(std::string_view text);
// "+08:00" -> 480; nullopt unless ±HH:MM between -12:00 and +14:00.
std::optional<int> parse_utc_offset(std::string_view text);
// "sun".."sat" -> 0..6.
std::optional<int> parse_weekday(std::string_view text);
std::string_view weekday_name(int weekday);

}  // namespace qiao::core::schedule_file
