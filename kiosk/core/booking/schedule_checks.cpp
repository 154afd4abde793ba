#include "core/booking/schedule_checks.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <numeric>
#include <tuple>

namespace qiao::core::schedule_file {

namespace {

using std::chrono::days;

// The place as compared for clashes: its Chinese name (every place has one).
const std::string& place_key(const LocalText& place) { return text_in(place, "zh-CN"); }

std::string clock_text(int minute_of_day) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
    return text;
}

// A slot as the site's calendar sees it.
struct LocalSlot {
    LocalDate day;
    int start_minute = 0;
    int end_minute = 0;  // may pass 24:00 for a slot running past midnight
};

LocalSlot local_slot(const Slot& slot, int utc_offset_minutes) {
    const auto local = slot.start + std::chrono::minutes(utc_offset_minutes);
    const auto midnight = std::chrono::floor<days>(local);
    const std::chrono::year_month_day ymd(midnight);
    LocalSlot out;
    out.day = {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
               static_cast<int>(static_cast<unsigned>(ymd.day()))};
    out.start_minute = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - midnight).count());
    out.end_minute =
        out.start_minute + static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(slot.end - slot.start).count());
    return out;
}

bool closed_on(const Service& service, LocalDate day) {
    const BookingRules& rules = service.rules;
    return std::count(rules.closed_weekdays.begin(), rules.closed_weekdays.end(), day.weekday()) > 0 ||
           std::count(rules.closed_dates.begin(), rules.closed_dates.end(), day) > 0;
}

const Service* find_service(const ScheduleParts& parts, const std::string& id) {
    for (const Service& service : parts.services) {
        if (service.id == id) return &service;
    }
    return nullptr;
}

void check_explicit_clashes(const ScheduleParts& parts, Problems& problems) {
    // Sorted by service, place and start: a clash is a slot starting before the latest
    // end seen so far in its group. n log n, so a big file stays quick to check.
    std::vector<std::size_t> order(parts.slots.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const auto key = [&](std::size_t i) {
        const Slot& s = parts.slots[i];
        return std::tie(s.service_id, place_key(s.place), s.start);
    };
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    std::size_t latest = 0;  // in the current group, the slot that ends last
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::size_t i = order[k];
        const Slot& slot = parts.slots[i];
        const bool same_group = k > 0 && parts.slots[latest].service_id == slot.service_id &&
                                place_key(parts.slots[latest].place) == place_key(slot.place);
        if (!same_group) {
            latest = i;
            continue;
        }
        if (slot.start < parts.slots[latest].end) {
            problems.add(parts.slot_where[i] + ".start",
                         "overlaps " + parts.slot_where[latest] + " (\"" + parts.slots[latest].id +
                             "\"): the same service at the same place cannot have two slots at once");
        }
        if (slot.end > parts.slots[latest].end) latest = i;
    }
}

// Weekly patterns of one service on one weekday, by place: the unit clashes happen in.
using WeeklyGroups = std::map<std::tuple<std::string, int, std::string>, std::vector<std::size_t>>;

WeeklyGroups group_weekly(const ScheduleParts& parts) {
    WeeklyGroups groups;
    for (std::size_t i = 0; i < parts.weekly.size(); ++i) {
        const WeeklySlot& w = parts.weekly[i];
        groups[{w.service_id, w.weekday, place_key(w.place)}].push_back(i);
    }
    for (auto& [key, members] : groups) {
        std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
            return std::tie(parts.weekly[a].start_minute, a) < std::tie(parts.weekly[b].start_minute, b);
        });
    }
    return groups;
}

void check_weekly_clashes(const ScheduleParts& parts, const WeeklyGroups& groups, Problems& problems) {
    // The same start on the same weekday would give two slots the same id, wherever they are.
    std::map<std::tuple<std::string, int, int>, std::size_t> starts;
    for (std::size_t i = 0; i < parts.weekly.size(); ++i) {
        const WeeklySlot& w = parts.weekly[i];
        const auto [it, fresh] = starts.emplace(std::tuple{w.service_id, w.weekday, w.start_minute}, i);
        if (fresh) continue;
        problems.add(parts.weekly_where[i] + ".start",
                     "the service already has a weekly slot on " + std::string(weekday_name(w.weekday)) + " at " +
                         clock_text(w.start_minute) + " (" + parts.weekly_where[it->second] +
                         "); two slots of one service cannot start at the same time");
    }
    for (const auto& [key, members] : groups) {
        std::size_t latest = members.front();  // sorted by start: the one ending last so far
        for (std::size_t k = 1; k < members.size(); ++k) {
            const WeeklySlot& w = parts.weekly[members[k]];
            if (w.start_minute != parts.weekly[latest].start_minute && w.start_minute < parts.weekly[latest].end_minute) {
                problems.add(parts.weekly_where[members[k]] + ".start",
                             "overlaps " + parts.weekly_where[latest] +
                                 ": the same service at the same place cannot have two slots at once");
            }
            if (w.end_minute > parts.weekly[latest].end_minute) latest = members[k];
        }
    }
}

void check_explicit_against_weekly(const ScheduleParts& parts, const WeeklyGroups& groups, Problems& problems) {
    for (std::size_t i = 0; i < parts.slots.size(); ++i) {
        const Slot& slot = parts.slots[i];
        const Service* service = find_service(parts, slot.service_id);
        if (service == nullptr) continue;
        const LocalSlot local = local_slot(slot, parts.utc_offset_minutes);
        if (closed_on(*service, local.day)) {
            problems.add(parts.slot_where[i] + ".start",
                         local.day.iso() + " is a day the service \"" + service->id +
                             "\" is closed (its rules say so); remove the slot or change the rules");
            continue;
        }
        const auto group = groups.find({slot.service_id, local.day.weekday(), place_key(slot.place)});
        if (group == groups.end()) continue;
        for (std::size_t j : group->second) {
            const WeeklySlot& weekly = parts.weekly[j];
            if (weekly.start_minute >= local.end_minute) break;  // sorted by start: none later can overlap
            if (local.start_minute < weekly.end_minute) {
                problems.add(parts.slot_where[i] + ".start",
                             "overlaps the weekly slot " + parts.weekly_where[j] + " on " + local.day.iso() +
                                 ": the same service at the same place cannot have two slots at once");
            }
        }
    }
}

}  // namespace

void check_slots_fit(const ScheduleParts& parts, Problems& problems) {
    check_explicit_clashes(parts, problems);
    const WeeklyGroups groups = group_weekly(parts);
    check_weekly_clashes(parts, groups, problems);
    check_explicit_against_weekly(parts, groups, problems);
}

}  // namespace qiao::core::schedule_file
