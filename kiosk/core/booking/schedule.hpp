#pragma once
// Schedule: the services a site offers and when (docs/services-file.md is the format,
// written for site managers). A site manager loads one JSON file; it is checked whole,
// every problem named by its field, before it replaces the one in use.
//
// Times in the file are the site's wall-clock times at the file's utc_offset (China
// has no daylight saving, so one fixed offset is the truth). Weekly patterns are not
// expanded when the file is read but each time slots are asked for, relative to the
// day asked about, so a file loaded once keeps offering next week's slots.
#include <chrono>
#include <compare>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/booking/wall_time.hpp"
#include "core/lessons/lesson_pack.hpp"  // LocalText: text per language, one type for the whole kiosk

namespace qiao::core {

// A date on the site's calendar.
struct LocalDate {
    int year = 0, month = 0, day = 0;

    int weekday() const;      // 0 = Sunday ... 6 = Saturday
    std::string iso() const;  // "2026-12-01"
    auto operator<=>(const LocalDate&) const = default;
};

// "2026-12-01" -> the date; nullopt unless it is a real date written that way.
std::optional<LocalDate> parse_local_date(std::string_view text);
// The date `days` later (earlier when negative).
LocalDate add_days(LocalDate date, int days);

// The words in language, else in zh-CN, else in any language given; "" when none.
const std::string& text_in(const LocalText& text, std::string_view language);

enum class ServiceKind { Class, VolunteerHelp, HealthCheck, DropIn };

// "class", "volunteer_help", "health_check", "drop_in": the words in the file.
std::string_view to_string(ServiceKind kind);
// The inverse of to_string; nullopt for any other word.
std::optional<ServiceKind> parse_service_kind(std::string_view text);

struct BookingRules {
    std::chrono::minutes min_notice{60};  // a slot closes for booking this long before it starts
    int max_days_ahead = 14;              // the last bookable date is today + this
    std::vector<int> closed_weekdays;     // 0 = Sunday
    std::vector<LocalDate> closed_dates;  // holidays
    std::chrono::minutes cancel_cutoff{120};  // a senior may cancel until this long before the start
};

struct Service {
    std::string id;
    ServiceKind kind = ServiceKind::Class;
    LocalText name;
    LocalText description;
    BookingRules rules;
};

struct Slot {
    std::string id;  // from the file, or "<service>@YYYY-MM-DDTHH:MM" for a weekly one
    std::string service_id;
    WallTime start, end;
    LocalText place;
    int capacity = 0;
    int seats_left = 0;  // as the back office last said (the file's figure)
};

// A slot that comes back every week on one weekday, in site-local minutes of the day.
struct WeeklySlot {
    std::string service_id;
    int weekday = 0;  // 0 = Sunday
    int start_minute = 0, end_minute = 0;
    LocalText place;
    int capacity = 0;
};

// One thing wrong with a services file: where ("slots[3].end") and what, in plain words.
struct ScheduleProblem {
    std::string where;
    std::string what;
};

class ScheduleError : public std::runtime_error {
public:
    // what(): "<source>: N problem(s); the first: <where>: <what>".
    ScheduleError(std::string source, std::vector<ScheduleProblem> problems);
    const std::vector<ScheduleProblem>& problems() const { return problems_; }
    const std::string& source() const { return source_; }

private:
    std::string source_;
    std::vector<ScheduleProblem> problems_;
};

class Schedule {
public:
    int utc_offset_minutes() const { return utc_offset_minutes_; }
    const std::vector<Service>& services() const { return services_; }
    const Service* service(std::string_view id) const;
    // The slots written out in the file, and the weekly patterns, as read.
    const std::vector<Slot>& explicit_slots() const { return slots_; }
    const std::vector<WeeklySlot>& weekly() const { return weekly_; }

    // A slot by id: one from the file, or a weekly one on a date within a year of now
    // (either way) that is not closed. nullptr when there is no such slot. The pointer
    // stays valid as long as this Schedule; not for use from two threads at once.
    const Slot* slot(std::string_view id, WallTime now) const;
    // Every slot of the service on that date, from the file and from weekly patterns,
    // sorted by start. None on a closed date.
    std::vector<Slot> slots_on(std::string_view service_id, LocalDate day) const;
    // The service's rules close that date (a closed weekday or a closed date).
    bool closed_on(const Service& service, LocalDate day) const;

    LocalDate local_date(WallTime t) const;
    int local_minute_of_day(WallTime t) const;
    WallTime at_local(LocalDate d, int minute_of_day) const;

    const std::string& json() const { return json_; }      // the source text, as stored
    const std::string& source() const { return source_; }  // the name it was read under

private:
    friend Schedule parse_schedule(std::string_view json_text, std::string_view source_name);
    Schedule() = default;
    Slot expand(const WeeklySlot& weekly, LocalDate day) const;

    int utc_offset_minutes_ = 0;
    std::vector<Service> services_;
    std::vector<Slot> slots_;
    std::vector<WeeklySlot> weekly_;
    std::string json_;
    std::string source_;
    // Weekly slots handed out by slot(), so the pointers it returns stay valid; at most
    // one per pattern and date within two years, so it cannot grow without bound.
    mutable std::map<std::string, Slot, std::less<>> expanded_;
};

// Reads and checks a services file. Throws ScheduleError listing every problem found
// (not just the first); source_name is how the messages name the file.
Schedule parse_schedule(std::string_view json_text, std::string_view source_name);
// The same from a file of at most 4 MiB; an unreadable or bigger file is a ScheduleError.
Schedule read_schedule_file(const std::filesystem::path& file);

inline constexpr std::uintmax_t kMaxScheduleFileBytes = 4u * 1024u * 1024u;

}  // namespace qiao::core
