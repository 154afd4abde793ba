#include "core/storage/station_day.hpp"

#include <algorithm>

#include "core/time/utc_time.hpp"

namespace qiao::core {

namespace {

// Rows of `table` whose `column` (ISO 8601 UTC text, which sorts as time) falls in [from, to).
std::int64_t count_between(Database& db, const char* sql, const std::string& from, const std::string& to) {
    Statement s(db, sql);
    s.bind(1, from).bind(2, to);
    return s.step() ? s.column_int(0) : 0;
}

}  // namespace

StationDayFigures read_station_day(Database& db, WallTime day_start, const std::string& touch_day) {
    const std::string from = iso8601_utc_ms(day_start);  // ".000Z" sorts before "Z": rows with and without milliseconds compare right
    const std::string to = iso8601_utc_ms(day_start + std::chrono::hours(24));
    StationDayFigures f;
    f.lessons_completed = count_between(db, "SELECT COUNT(*) FROM lesson_completions WHERE completed_at >= ? AND completed_at < ?", from, to);
    f.help_requests = count_between(db, "SELECT COUNT(*) FROM help_requests WHERE created_at >= ? AND created_at < ?", from, to);
    f.bookings = count_between(db, "SELECT COUNT(*) FROM bookings WHERE created_at >= ? AND created_at < ?", from, to);
    // Attendance is counted by the day the class was, not the day it was booked.
    f.bookings_attended =
        count_between(db, "SELECT COUNT(*) FROM bookings WHERE state = 'attended' AND starts_at >= ? AND starts_at < ?", from, to);
    f.bookings_no_show =
        count_between(db, "SELECT COUNT(*) FROM bookings WHERE state = 'no_show' AND starts_at >= ? AND starts_at < ?", from, to);
    for (const ScreenTouchFigures& row : TouchStats(db).all())
        if (row.day == touch_day && row.taps > 0) f.screens_worst_first.push_back(row);
    std::stable_sort(f.screens_worst_first.begin(), f.screens_worst_first.end(), [](const ScreenTouchFigures& a, const ScreenTouchFigures& b) {
        if (a.mis_touch_rate() != b.mis_touch_rate()) return a.mis_touch_rate() > b.mis_touch_rate();
        return a.taps > b.taps;
    });
    return f;
}

}  // namespace qiao::core
