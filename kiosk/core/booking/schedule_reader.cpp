#include "core/booking/schedule_reader.hpp"

#include <algorithm>
#include <limits>

#include "core/lessons/json_fields.hpp"  // json_kind: what a JSON value is, in plain words

namespace qiao::core::schedule_file {

namespace {

using json = nlohmann::json;

constexpr std::string_view kWeekdays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
constexpr std::size_t kMaxIdLength = 64;

int two_digits(std::string_view text, std::size_t at) {
    if (text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') return -1;
    return (text[at] - '0') * 10 + (text[at + 1] - '0');
}

// Field names come from the file; keep a hostile one from flooding the message.
std::string shown_name(std::string_view name) {
    constexpr std::size_t kMaxShown = 40;
    if (name.size() <= kMaxShown) return "\"" + std::string(name) + "\"";
    return "\"" + std::string(name.substr(0, kMaxShown)) + "...\"";
}

}  // namespace

void Problems::add(std::string where, std::string what) {
    if (list_.size() < kMaxListed) list_.push_back({std::move(where), std::move(what)});
    else ++unlisted_;
}

std::vector<ScheduleProblem> Problems::take() {
    std::vector<ScheduleProblem> out = std::move(list_);
    if (unlisted_ > 0) {
        out.push_back({"", "and " + std::to_string(unlisted_) + " more problems not listed; fix these first"});
    }
    list_.clear();
    unlisted_ = 0;
    return out;
}

std::string path_index(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

std::string path_field(const std::string& path, std::string_view name) {
    return path.empty() ? std::string(name) : path + "." + std::string(name);
}

Fields::Fields(const json& value, std::string path, std::string_view what, Problems& problems)
    : path_(std::move(path)), problems_(&problems) {
    if (value.is_object()) {
        value_ = &value;
    } else {
        problems.add(path_, std::string(what) + " should be a group in { }, but this is " + json_kind(value));
    }
}

const json* Fields::find(std::string_view name, Need need, std::string_view purpose) {
    if (value_ == nullptr) return nullptr;
    const auto it = value_->find(name);
    if (it == value_->end()) {
        if (need == Need::Required) problems_->add(at(name), "missing; it gives " + std::string(purpose));
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> Fields::text(std::string_view name, Need need, std::string_view purpose) {
    const json* value = find(name, need, purpose);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) {
        problems_->add(at(name), "should be text in quotes, but is " + json_kind(*value));
        return std::nullopt;
    }
    return value->get<std::string>();
}

std::optional<std::int64_t> Fields::integer(std::string_view name, Need need, std::string_view purpose) {
    const json* value = find(name, need, purpose);
    if (value == nullptr) return std::nullopt;
    if (value->is_number_unsigned()) {
        const auto n = value->get<std::uint64_t>();
        if (n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            problems_->add(at(name), "is far too big a number");
            return std::nullopt;
        }
        return static_cast<std::int64_t>(n);
    }
    if (!value->is_number_integer()) {
        problems_->add(at(name), "should be a whole number, but is " + json_kind(*value));
        return std::nullopt;
    }
    return value->get<std::int64_t>();
}

const json* Fields::array(std::string_view name, Need need, std::string_view purpose) {
    const json* value = find(name, need, purpose);
    if (value == nullptr) return nullptr;
    if (!value->is_array()) {
        problems_->add(at(name), "should be a list in [ ], but is " + json_kind(*value));
        return nullptr;
    }
    return value;
}

LocalText Fields::words(std::string_view name, Need need, std::string_view purpose) {
    LocalText words;
    const json* value = find(name, need, purpose);
    if (value == nullptr) return words;
    const std::string where = at(name);
    if (!value->is_object()) {
        problems_->add(where, "should be a group of texts per language, like {\"zh-CN\": \"...\", \"en\": \"...\"}, "
                              "but is " + json_kind(*value));
        return words;
    }
    for (const auto& [language, text] : value->items()) {
        if (language.empty()) {
            problems_->add(where, "has a text without a language code before it");
        } else if (!text.is_string()) {
            problems_->add(path_field(where, language), "should be text in quotes, but is " + json_kind(text));
        } else {
            words.by_language[language] = text.get<std::string>();
        }
    }
    const auto chinese = words.by_language.find("zh-CN");
    if (chinese == words.by_language.end() || chinese->second.empty()) {
        problems_->add(where, "has no Chinese (\"zh-CN\") text; every name and place needs one, "
                              "it is what the kiosk shows when a language is missing");
    }
    return words;
}

void Fields::refuse_others(std::initializer_list<std::string_view> known) {
    if (value_ == nullptr) return;
    for (const auto& [name, ignored] : value_->items()) {
        if (std::find(known.begin(), known.end(), name) != known.end()) continue;
        std::string list;
        for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
        problems_->add(path_.empty() ? shown_name(name) : path_ + " " + shown_name(name),
                       "is not a field the kiosk knows here; check the spelling (known: " + list + ")");
    }
}

bool valid_id(std::string_view id) {
    if (id.empty() || id.size() > kMaxIdLength) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
               c == '-';
    });
}

std::optional<int> parse_clock(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    const int hour = two_digits(text, 0), minute = two_digits(text, 3);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return std::nullopt;
    return hour * 60 + minute;
}

std::optional<int> parse_utc_offset(std::string_view text) {
    if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') return std::nullopt;
    const int hour = two_digits(text, 1), minute = two_digits(text, 4);
    if (hour < 0 || minute < 0 || minute > 59) return std::nullopt;
    const int total = (text[0] == '-' ? -1 : 1) * (hour * 60 + minute);
    if (total < -12 * 60 || total > 14 * 60) return std::nullopt;
    return total;
}

std::optional<int> parse_weekday(std::string_view text) {
    for (std::size_t i = 0; i < std::size(kWeekdays); ++i) {
        if (kWeekdays[i] == text) return static_cast<int>(i);
    }
    return std::nullopt;
}

std::string_view weekday_name(int weekday) { return kWeekdays[static_cast<std::size_t>(weekday % 7)]; }

}  // namespace qiao::core::schedule_file
