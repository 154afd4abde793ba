// parse_schedule: the services file, field by field (schedule_reader.hpp), then the
// checks that need the whole file (schedule_checks.hpp). Every problem is collected;
// a file with any problem is refused whole.
#include <algorithm>
#include <set>

#include "core/booking/schedule.hpp"
#include "core/booking/schedule_checks.hpp"
#include "core/booking/schedule_reader.hpp"
#include "core/lessons/json_fields.hpp"
#include "core/lessons/pack_problem.hpp"

namespace qiao::core {

namespace {

using json = nlohmann::json;
using namespace schedule_file;
using schedule_file::Need;  // not the lesson pack reader's Need

constexpr int kFormat = 1;
// Deeper than a services file ever is (five levels); refusing it up front keeps
// hostile files cheap to reject.
constexpr int kMaxDepth = 32;
constexpr std::int64_t kMaxNoticeMinutes = 30 * 24 * 60;  // a month
constexpr std::int64_t kMaxDaysAhead = 365;
constexpr std::int64_t kMaxCapacity = 10000;



// The JSON itself; a syntax error is one problem at "line L, column C".
std::optional<json> parse_json(std::string_view text, Problems& problems) {
    if (json_nested_deeper_than(text, kMaxDepth)) {
        problems.add("", "the file has groups nested more than 32 deep; a services file never needs that many");
        return std::nullopt;
    }
    // The lesson pack reader already turns the JSON reader's words into plain ones.
    std::vector<PackProblem> found;
    FileProblems file_problems("", found);
    auto value = parse_pack_json(text, file_problems);
    for (const PackProblem& problem : found) problems.add(problem.where, problem.message);
    return value;
}

// A count of minutes in the rules: not negative, not absurd.
std::optional<std::chrono::minutes> read_minutes(Fields& fields, std::string_view name, std::string_view purpose) {
    const auto value = fields.integer(name, Need::Optional, purpose);
    if (!value) return std::nullopt;
    if (*value < 0) {
        fields.problems().add(fields.at(name), "cannot be negative; use 0 for \"no limit\"");
        return std::nullopt;
    }
    if (*value > kMaxNoticeMinutes) {
        fields.problems().add(fields.at(name), std::to_string(*value) +
                                                   " minutes is more than a month; is it a typing mistake?");
        return std::nullopt;
    }
    return std::chrono::minutes(*value);
}

BookingRules read_rules(const json& value, const std::string& where, Problems& problems) {
    BookingRules rules;
    Fields fields(value, where, "the rules", problems);
    if (!fields.valid()) return rules;
    if (auto m = read_minutes(fields, "min_notice_minutes", "how long before a slot booking closes")) rules.min_notice = *m;
    if (auto m = read_minutes(fields, "cancel_cutoff_minutes", "how long before a slot cancelling closes"))
        rules.cancel_cutoff = *m;
    if (const auto days = fields.integer("max_days_ahead", Need::Optional, "how many days ahead one can book")) {
        if (*days < 0) problems.add(fields.at("max_days_ahead"), "cannot be negative; 0 means \"today only\"");
        else if (*days > kMaxDaysAhead)
            problems.add(fields.at("max_days_ahead"), std::to_string(*days) +
                                                          " days is more than a year ahead; at most 365");
        else rules.max_days_ahead = static_cast<int>(*days);
    }
    if (const json* days = fields.array("closed_weekdays", Need::Optional, "the weekdays the service is closed")) {
        for (std::size_t i = 0; i < days->size(); ++i) {
            const json& day = (*days)[i];
            const auto weekday = day.is_string() ? parse_weekday(day.get<std::string>()) : std::nullopt;
            if (!weekday) {
                problems.add(path_index(fields.at("closed_weekdays"), i),
                             "should be a weekday written sun, mon, tue, wed, thu, fri or sat");
            } else if (std::find(rules.closed_weekdays.begin(), rules.closed_weekdays.end(), *weekday) ==
                       rules.closed_weekdays.end()) {
                rules.closed_weekdays.push_back(*weekday);
            }
        }
    }
    if (const json* dates = fields.array("closed_dates", Need::Optional, "the dates the service is closed")) {
        for (std::size_t i = 0; i < dates->size(); ++i) {
            const json& date = (*dates)[i];
            const auto day = date.is_string() ? parse_local_date(date.get<std::string>()) : std::nullopt;
            if (!day) problems.add(path_index(fields.at("closed_dates"), i), "should be a date written like \"2026-12-25\"");
            else rules.closed_dates.push_back(*day);
        }
    }
    fields.refuse_others(
        {"min_notice_minutes", "max_days_ahead", "closed_weekdays", "closed_dates", "cancel_cutoff_minutes"});
    return rules;
}

// An id field: present, allowed characters, not seen before.
std::optional<std::string> read_id(Fields& fields, std::string_view purpose, std::set<std::string>& seen,
                                   std::string_view what) {
    auto id = fields.text("id", Need::Required, purpose);
    if (!id) return std::nullopt;
    if (!valid_id(*id)) {
        fields.problems().add(fields.at("id"), "may only use the letters A-Z and a-z, the digits 0-9 and _ . - "
                                               "(at most 64 of them, no spaces)");
        return std::nullopt;
    }
    if (!seen.insert(*id).second) {
        fields.problems().add(fields.at("id"), "\"" + *id + "\" is already the id of another " + std::string(what) +
                                                   "; each needs its own");
        return std::nullopt;
    }
    return id;
}

std::optional<Service> read_service(const json& value, const std::string& where, std::set<std::string>& ids,
                                    Problems& problems) {
    Fields fields(value, where, "a service", problems);
    if (!fields.valid()) return std::nullopt;
    Service service;
    const auto id = read_id(fields, "the service's id, which slots refer to", ids, "service");
    std::optional<ServiceKind> kind;
    if (const auto name = fields.text("kind", Need::Required, "what sort of service it is")) {
        kind = parse_service_kind(*name);
        if (!kind) {
            problems.add(fields.at("kind"), "should be one of class, volunteer_help, health_check or drop_in");
        }
    }
    service.name = fields.words("name", Need::Required, "the service's name as the screen shows it");
    service.description = fields.words("description", Need::Optional, "a sentence about the service");
    if (const json* rules = value.is_object() && value.contains("rules") ? &value["rules"] : nullptr)
        service.rules = read_rules(*rules, fields.at("rules"), problems);
    fields.refuse_others({"id", "kind", "name", "description", "rules"});
    if (!id || !kind) return std::nullopt;
    service.id = *id;
    service.kind = *kind;
    return service;
}

// The service a slot or weekly pattern belongs to, which must be in the file.
const Service* read_owner(Fields& fields, const std::vector<Service>& services, const std::set<std::string>& ids) {
    const auto id = fields.text("service", Need::Required, "the id of the service the slot belongs to");
    if (!id) return nullptr;
    for (const Service& service : services) {
        if (service.id == *id) return &service;
    }
    // A service with problems of its own is not in `services` but its id is in `ids`:
    // it was reported there, do not report it twice.
    if (ids.count(*id) == 0) {
        fields.problems().add(fields.at("service"), "\"" + *id + "\" is not the id of any service in this file");
    }
    return nullptr;
}

std::optional<int> read_capacity(Fields& fields) {
    const auto capacity = fields.integer("capacity", Need::Required, "how many people the slot takes");
    if (!capacity) return std::nullopt;
    if (*capacity < 1) {
        fields.problems().add(fields.at("capacity"), "must be at least 1");
        return std::nullopt;
    }
    if (*capacity > kMaxCapacity) {
        fields.problems().add(fields.at("capacity"), std::to_string(*capacity) +
                                                         " people is more than any room holds; at most 10000");
        return std::nullopt;
    }
    return static_cast<int>(*capacity);
}

// "2026-12-01T09:30", site-local.
std::optional<WallTime> read_local_time(Fields& fields, std::string_view name, std::string_view purpose,
                                        int utc_offset) {
    const auto text = fields.text(name, Need::Required, purpose);
    if (!text) return std::nullopt;
    const auto day = text->size() == 16 && (*text)[10] == 'T' ? parse_local_date(text->substr(0, 10)) : std::nullopt;
    const auto minute = day ? parse_clock(text->substr(11)) : std::nullopt;
    if (!minute) {
        fields.problems().add(fields.at(name), "should be a local date and time written like \"2026-12-01T09:30\"");
        return std::nullopt;
    }
    return WallTime(std::chrono::sys_days(std::chrono::year_month_day(
               std::chrono::year(day->year), std::chrono::month(static_cast<unsigned>(day->month)),
               std::chrono::day(static_cast<unsigned>(day->day))))) +
           std::chrono::minutes(*minute - utc_offset);
}

void check_length(Fields& fields, WallTime start, WallTime end) {
    if (end <= start) {
        fields.problems().add(fields.at("end"), "must be after the start");
    } else if (end - start > std::chrono::hours(12)) {
        fields.problems().add(fields.at("end"), "makes the slot longer than 12 hours; is a date or time wrong?");
    }
}

std::optional<Slot> read_slot(const json& value, const std::string& where, const std::vector<Service>& services,
                              const std::set<std::string>& service_ids, std::set<std::string>& slot_ids, int offset,
                              Problems& problems) {
    Fields fields(value, where, "a slot", problems);
    if (!fields.valid()) return std::nullopt;
    Slot slot;
    const auto id = read_id(fields, "the slot's id, which bookings refer to", slot_ids, "slot");
    const Service* owner = read_owner(fields, services, service_ids);
    const auto start = read_local_time(fields, "start", "when the slot starts", offset);
    const auto end = read_local_time(fields, "end", "when the slot ends", offset);
    if (start && end) check_length(fields, *start, *end);
    slot.place = fields.words("place", Need::Optional, "where to go");
    const auto capacity = read_capacity(fields);
    const auto seats = fields.integer("seats_left", Need::Optional, "how many seats are still free");
    if (seats && (*seats < 0 || (capacity && *seats > *capacity))) {
        problems.add(fields.at("seats_left"), "must be between 0 and the capacity" +
                                                  (capacity ? " (" + std::to_string(*capacity) + ")" : std::string()));
    }
    fields.refuse_others({"id", "service", "start", "end", "place", "capacity", "seats_left"});
    if (!id || !owner || !start || !end || *end <= *start || !capacity) return std::nullopt;
    if (seats && (*seats < 0 || *seats > *capacity)) return std::nullopt;
    slot.id = *id;
    slot.service_id = owner->id;
    slot.start = *start;
    slot.end = *end;
    slot.capacity = *capacity;
    slot.seats_left = seats ? static_cast<int>(*seats) : *capacity;
    return slot;
}

std::optional<WeeklySlot> read_weekly(const json& value, const std::string& where,
                                      const std::vector<Service>& services, const std::set<std::string>& service_ids,
                                      Problems& problems) {
    Fields fields(value, where, "a weekly slot", problems);
    if (!fields.valid()) return std::nullopt;
    WeeklySlot weekly;
    const Service* owner = read_owner(fields, services, service_ids);
    std::optional<int> weekday;
    if (const auto day = fields.text("weekday", Need::Required, "the day of the week the slot is on")) {
        weekday = parse_weekday(*day);
        if (!weekday) problems.add(fields.at("weekday"), "should be one of sun, mon, tue, wed, thu, fri or sat");
    }
    std::optional<int> start, end;
    for (const auto& [name, out] : {std::pair{"start", &start}, std::pair{"end", &end}}) {
        if (const auto text = fields.text(name, Need::Required, "the time of day, like \"09:30\"")) {
            *out = parse_clock(*text);
            if (!*out) problems.add(fields.at(name), "should be a time of day written like \"09:30\" (00:00 to 23:59)");
        }
    }
    if (start && end && *end <= *start) problems.add(fields.at("end"), "must be after the start, on the same day");
    weekly.place = fields.words("place", Need::Optional, "where to go");
    const auto capacity = read_capacity(fields);
    fields.refuse_others({"service", "weekday", "start", "end", "place", "capacity"});
    if (!owner || !weekday || !start || !end || *end <= *start || !capacity) return std::nullopt;
    weekly.service_id = owner->id;
    weekly.weekday = *weekday;
    weekly.start_minute = *start;
    weekly.end_minute = *end;
    weekly.capacity = *capacity;
    return weekly;
}

}  // namespace

Schedule parse_schedule(std::string_view json_text, std::string_view source_name) {
    const std::string source(source_name);
    Problems problems;
    const auto root = parse_json(json_text, problems);
    if (!root) throw ScheduleError(source, problems.take());

    Fields top(*root, "", "the whole file", problems);
    if (!top.valid()) throw ScheduleError(source, problems.take());
    if (const auto format = top.integer("format", schedule_file::Need::Required, "the version of this file format (1)")) {
        if (*format != kFormat) {
            problems.add("format", "is " + std::to_string(*format) +
                                       "; this kiosk reads format 1. Is the kiosk older than the file?");
        }
    }
    Schedule schedule;
    if (const auto offset = top.text("utc_offset", schedule_file::Need::Required, "the site's time zone, like \"+08:00\"")) {
        if (const auto minutes = parse_utc_offset(*offset)) schedule.utc_offset_minutes_ = *minutes;
        else problems.add("utc_offset", "should be the difference from UTC written like \"+08:00\"");
    }

    std::set<std::string> service_ids, slot_ids;
    if (const json* services = top.array("services", schedule_file::Need::Required, "the services the site offers")) {
        if (services->empty()) problems.add("services", "is empty; a services file needs at least one service");
        for (std::size_t i = 0; i < services->size(); ++i) {
            if (auto service = read_service((*services)[i], path_index("services", i), service_ids, problems))
                schedule.services_.push_back(std::move(*service));
        }
    }
    std::vector<std::string> slot_where, weekly_where;
    if (const json* slots = top.array("slots", schedule_file::Need::Optional, "slots on particular dates")) {
        for (std::size_t i = 0; i < slots->size(); ++i) {
            const std::string where = path_index("slots", i);
            if (auto slot = read_slot((*slots)[i], where, schedule.services_, service_ids, slot_ids,
                                      schedule.utc_offset_minutes_, problems)) {
                schedule.slots_.push_back(std::move(*slot));
                slot_where.push_back(where);
            }
        }
    }
    if (const json* weekly = top.array("weekly", schedule_file::Need::Optional, "slots that come back every week")) {
        for (std::size_t i = 0; i < weekly->size(); ++i) {
            const std::string where = path_index("weekly", i);
            if (auto pattern = read_weekly((*weekly)[i], where, schedule.services_, service_ids, problems)) {
                schedule.weekly_.push_back(std::move(*pattern));
                weekly_where.push_back(where);
            }
        }
    }
    top.refuse_others({"format", "utc_offset", "services", "slots", "weekly"});

    check_slots_fit({schedule.services_, schedule.slots_, slot_where, schedule.weekly_, weekly_where,
                     schedule.utc_offset_minutes_},
                    problems);
    if (!problems.empty()) throw ScheduleError(source, problems.take());
    schedule.json_ = std::string(json_text);
    schedule.source_ = source;
    return schedule;
}

}  // namespace qiao::core
