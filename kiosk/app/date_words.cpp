#include "app/date_words.hpp"

#include <cstdio>

namespace qiao::app {

LocalMoment local_moment(core::WallTime time, int utc_offset_minutes) {
    const auto local_minutes =
        std::chrono::duration_cast<std::chrono::minutes>(time.time_since_epoch()).count() + utc_offset_minutes;
    const long long day = local_minutes >= 0 ? local_minutes / 1440 : -((-local_minutes + 1439) / 1440);
    return {core::add_days(core::LocalDate{1970, 1, 1}, static_cast<int>(day)), static_cast<int>(local_minutes - day * 1440)};
}

std::string DateWords::deadline(LocalMoment when, core::LocalDate today) const {
    return core::format_text(text("date.deadline"), {{"day", day_name(when.date, today)}, {"time", clock(when.minute)}});
}

std::string DateWords::date(core::LocalDate day) const {
    return core::format_text(text("date.format"), {{"month", text("date.month." + std::to_string(day.month))},
                                                   {"day", std::to_string(day.day)},
                                                   {"weekday", text("date.weekday." + std::to_string(day.weekday()))}});
}

std::string DateWords::day_name(core::LocalDate day, core::LocalDate today) const {
    if (day == today) return text("date.today");
    if (day == core::add_days(today, 1)) return text("date.tomorrow");
    return text("date.weekday." + std::to_string(day.weekday()));
}

std::string DateWords::day_and_date(core::LocalDate day, core::LocalDate today) const {
    if (day == today || day == core::add_days(today, 1)) return day_name(day, today) + " " + date(day);
    return date(day);
}

std::string DateWords::clock(int minute_of_day) {
    char out[8];
    std::snprintf(out, sizeof out, "%02d:%02d", (minute_of_day / 60) % 24, minute_of_day % 60);
    return out;
}

std::string DateWords::clock_range(int start_minute, int end_minute) {
    return clock(start_minute) + "–" + clock(end_minute);
}

std::string DateWords::spoken_clock_range(int start_minute, int end_minute) const {
    return core::format_text(text("time.range_spoken"), {{"from", spoken_clock(start_minute)}, {"to", spoken_clock(end_minute)}});
}

std::string DateWords::spoken_clock(int minute_of_day) const {
    const int h = (minute_of_day / 60) % 24, m = minute_of_day % 60;
    char mm[4];
    std::snprintf(mm, sizeof mm, "%02d", m);
    return core::format_text(text(m == 0 ? "time.spoken_hour" : "time.spoken"),
                             {{"h", std::to_string(h)}, {"m", std::to_string(m)}, {"mm", mm}});
}

}  // namespace qiao::app
