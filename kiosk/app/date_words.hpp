#pragma once
// Dates and times in the visitor's language, as the Book screens show and say them:
// "今天", "明天", "12月3日 星期四", "09:30", and "9点30分" for the voice (espeak would
// read "09:30" as digits and a colon).
#include <string>

#include "core/booking/schedule.hpp"
#include "core/i18n/catalog.hpp"

namespace qiao::app {

// A moment as the site's wall clock shows it.
struct LocalMoment {
    core::LocalDate date;
    int minute = 0;  // of the day
};
LocalMoment local_moment(core::WallTime time, int utc_offset_minutes);

class DateWords {
public:
    DateWords(const core::Catalog& catalog, std::string language) : catalog_(catalog), lang_(std::move(language)) {}

    // "12月3日 星期四" / "Thu 3 Dec".
    std::string date(core::LocalDate day) const;
    // "今天" / "明天" / the weekday: the first thing a senior looks for.
    std::string day_name(core::LocalDate day, core::LocalDate today) const;
    // "今天 12月3日 星期四": the name and the date, for a summary.
    std::string day_and_date(core::LocalDate day, core::LocalDate today) const;
    // "09:30" and "09:30–10:30".
    static std::string clock(int minute_of_day);
    static std::string clock_range(int start_minute, int end_minute);
    // "9点30分" / "9:30": a time as the voice should say it.
    std::string spoken_clock(int minute_of_day) const;
    // "14点到15点" / "2 o'clock to 3 o'clock".
    std::string spoken_clock_range(int start_minute, int end_minute) const;
    // "今天15:30" / "明天11:00" / "星期一 11:00": a deadline, from the moment seen at `now`.
    std::string deadline(LocalMoment when, core::LocalDate today) const;

private:
    const std::string& text(const std::string& key) const { return catalog_.text(lang_, key); }
    const core::Catalog& catalog_;
    std::string lang_;
};

}  // namespace qiao::app
