#pragma once
// StationDay: what happened at this station on one day, for the site manager's health
// screen: lessons finished, help requests and bookings made here, and each screen's taps
// and mis-touches (worst first). Read-only; one query per figure, between frames.
#include <cstdint>
#include <string>
#include <vector>

#include "core/booking/wall_time.hpp"
#include "core/storage/database.hpp"
#include "core/storage/touch_stats.hpp"

namespace qiao::core {

struct StationDayFigures {
    std::int64_t lessons_completed = 0;
    std::int64_t help_requests = 0;
    std::int64_t bookings = 0;
    std::int64_t bookings_attended = 0;
    std::int64_t bookings_no_show = 0;
    // Screens with at least one tap, the highest mis-touch rate first (ties: more taps first).
    std::vector<ScreenTouchFigures> screens_worst_first;
};

// The figures of the day that starts at day_start (UTC) and lasts 24 hours; touch_day is
// the touch counters' day (YYYY-MM-DD, as TouchStats keeps them).
StationDayFigures read_station_day(Database& db, WallTime day_start, const std::string& touch_day);

}  // namespace qiao::core
