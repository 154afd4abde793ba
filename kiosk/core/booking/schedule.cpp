#include "core/booking/schedule.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <system_error>

#include "core/text/enum_names.hpp"

namespace qiao::core {

namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr int kMinutesPerDay = 24 * 60;
// How far from now a weekly slot id is still honoured: bookings are made at most a year
// ahead, and a booking's own row keeps what it shows after that.
constexpr int kWeeklyIdReachDays = 366;

sys_days to_sys_days(LocalDate date) {
    return sys_days(year_month_day(std::chrono::year(date.year), std::chrono::month(static_cast<unsigned>(date.month)),
                                   std::chrono::day(static_cast<unsigned>(date.day))));
}

LocalDate from_sys_days(sys_days d) {
    const year_month_day ymd(d);
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

// "2026-12-01T09:30" for a weekly slot's id.
std::string local_stamp(LocalDate day, int minute_of_day) {
    char text[16];
    std::snprintf(text, sizeof text, "T%02d:%02d", minute_of_day / 60, minute_of_day % 60);
    return day.iso() + text;
}

std::string problem_count(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " problem" : " problems");
}

std::string error_text(const std::string& source, const std::vector<ScheduleProblem>& problems) {
    std::string text = source + ": " + problem_count(problems.size());
    if (problems.empty()) return text;
    text += problems.size() == 1 ? ": " : "; the first: ";
    if (!problems.front().where.empty()) text += problems.front().where + ": ";
    return text + problems.front().what;
}

}  // namespace

int LocalDate::weekday() const {
    return static_cast<int>(std::chrono::weekday(to_sys_days(*this)).c_encoding());
}

std::string LocalDate::iso() const {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return text;
}

std::optional<LocalDate> parse_local_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p) {
        for (std::size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            parts[p] = parts[p] * 10 + (text[i] - '0');
        }
    }
    const LocalDate date{parts[0], parts[1], parts[2]};
    // Years outside 2000..2100 are typing mistakes in a timetable, not plans.
    if (date.year < 2000 || date.year > 2100) return std::nullopt;
    const year_month_day ymd(std::chrono::year(date.year), std::chrono::month(static_cast<unsigned>(date.month)),
                             std::chrono::day(static_cast<unsigned>(date.day)));
    if (!ymd.ok()) return std::nullopt;
    return date;
}

LocalDate add_days(LocalDate date, int count) { return from_sys_days(to_sys_days(date) + days(count)); }

const std::string& text_in(const LocalText& text, std::string_view language) {
    // An empty translation counts as missing: showing nothing is worse than Chinese.
    const auto& words = text.by_language;
    if (const auto it = words.find(std::string(language)); it != words.end() && !it->second.empty()) return it->second;
    if (const auto it = words.find("zh-CN"); it != words.end() && !it->second.empty()) return it->second;
    for (const auto& [code, value] : words) {
        if (!value.empty()) return value;
    }
    static const std::string empty;
    return empty;
}

namespace {

constexpr EnumName<ServiceKind> kKindNames[] = {{ServiceKind::Class, "class"},
                                                {ServiceKind::VolunteerHelp, "volunteer_help"},
                                                {ServiceKind::HealthCheck, "health_check"},
                                                {ServiceKind::DropIn, "drop_in"}};

}  // namespace

std::string_view to_string(ServiceKind kind) { return name_of(kKindNames, kind); }

std::optional<ServiceKind> parse_service_kind(std::string_view text) { return value_of(kKindNames, text); }

ScheduleError::ScheduleError(std::string source, std::vector<ScheduleProblem> problems)
    : std::runtime_error(error_text(source, problems)), source_(std::move(source)), problems_(std::move(problems)) {}

const Service* Schedule::service(std::string_view id) const {
    for (const Service& service : services_) {
        if (service.id == id) return &service;
    }
    return nullptr;
}

bool Schedule::closed_on(const Service& service, LocalDate day) const {
    const BookingRules& rules = service.rules;
    return std::find(rules.closed_weekdays.begin(), rules.closed_weekdays.end(), day.weekday()) !=
               rules.closed_weekdays.end() ||
           std::find(rules.closed_dates.begin(), rules.closed_dates.end(), day) != rules.closed_dates.end();
}

Slot Schedule::expand(const WeeklySlot& weekly, LocalDate day) const {
    Slot slot;
    slot.id = weekly.service_id + "@" + local_stamp(day, weekly.start_minute);
    slot.service_id = weekly.service_id;
    slot.start = at_local(day, weekly.start_minute);
    slot.end = at_local(day, weekly.end_minute);
    slot.place = weekly.place;
    slot.capacity = weekly.capacity;
    slot.seats_left = weekly.capacity;
    return slot;
}

const Slot* Schedule::slot(std::string_view id, WallTime now) const {
    for (const Slot& slot : slots_) {
        if (slot.id == id) return &slot;
    }
    if (const auto it = expanded_.find(id); it != expanded_.end()) {
        // Found before, but "within a year of now" moves on with now.
        const int away = (to_sys_days(local_date(it->second.start)) - to_sys_days(local_date(now))).count();
        return std::abs(away) <= kWeeklyIdReachDays ? &it->second : nullptr;
    }
    // "<service>@YYYY-MM-DDTHH:MM": explicit ids cannot hold '@', so this is a weekly one.
    const std::size_t at = id.find('@');
    if (at == std::string_view::npos || id.size() != at + 17 || id[at + 11] != 'T' || id[at + 14] != ':') return nullptr;
    const Service* owner = service(id.substr(0, at));
    const auto day = parse_local_date(id.substr(at + 1, 10));
    if (owner == nullptr || !day || closed_on(*owner, *day)) return nullptr;
    const int away = (to_sys_days(*day) - to_sys_days(local_date(now))).count();
    if (std::abs(away) > kWeeklyIdReachDays) return nullptr;
    for (const WeeklySlot& weekly : weekly_) {
        if (weekly.service_id != owner->id || weekly.weekday != day->weekday()) continue;
        Slot slot = expand(weekly, *day);
        if (slot.id != id) continue;
        return &expanded_.emplace(slot.id, std::move(slot)).first->second;
    }
    return nullptr;
}

std::vector<Slot> Schedule::slots_on(std::string_view service_id, LocalDate day) const {
    std::vector<Slot> found;
    const Service* owner = service(service_id);
    if (owner == nullptr || closed_on(*owner, day)) return found;
    for (const Slot& slot : slots_) {
        if (slot.service_id == service_id && local_date(slot.start) == day) found.push_back(slot);
    }
    for (const WeeklySlot& weekly : weekly_) {
        if (weekly.service_id == service_id && weekly.weekday == day.weekday()) found.push_back(expand(weekly, day));
    }
    std::sort(found.begin(), found.end(),
              [](const Slot& a, const Slot& b) { return a.start != b.start ? a.start < b.start : a.id < b.id; });
    return found;
}

LocalDate Schedule::local_date(WallTime t) const {
    const auto local = t + std::chrono::minutes(utc_offset_minutes_);
    return from_sys_days(std::chrono::floor<days>(local));
}

int Schedule::local_minute_of_day(WallTime t) const {
    const auto local = t + std::chrono::minutes(utc_offset_minutes_);
    const auto since_midnight = local - std::chrono::floor<days>(local);
    return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count()) % kMinutesPerDay;
}

WallTime Schedule::at_local(LocalDate d, int minute_of_day) const {
    return WallTime(to_sys_days(d)) + std::chrono::minutes(minute_of_day - utc_offset_minutes_);
}

Schedule read_schedule_file(const std::filesystem::path& file) {
    const std::string name = file.string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) throw ScheduleError(name, {{"", "the file cannot be read: " + ec.message()}});
    if (size > kMaxScheduleFileBytes) {
        throw ScheduleError(name, {{"", "the file is " + std::to_string(size / 1024) +
                                            " KiB; a services file is at most 4 MiB. Is this the right file?"}});
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ScheduleError(name, {{"", "the file cannot be opened for reading"}});
    std::string text;
    text.reserve(static_cast<std::size_t>(size));
    // Read at most one byte past the cap: the file may have grown since it was measured.
    std::istreambuf_iterator<char> it(in), end;
    for (; it != end && text.size() <= kMaxScheduleFileBytes; ++it) text.push_back(*it);
    if (in.bad()) throw ScheduleError(name, {{"", "the file could not be read to the end"}});
    if (text.size() > kMaxScheduleFileBytes) {
        throw ScheduleError(name, {{"", "the file is bigger than 4 MiB; a services file is at most 4 MiB"}});
    }
    return parse_schedule(text, name);
}

}  // namespace qiao::core
