#pragma once
// TouchStats: per screen and per day, how many taps people made and how many landed
// on no control (the screen's mis-touch rate, a product metric later synced to the
// back office). The UI counts in memory; the app flushes here between frames.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/database.hpp"

namespace qiao::core {

struct ScreenTouchFigures {
    std::string day;     // local date, YYYY-MM-DD
    std::string screen;  // screen id, e.g. "home"
    std::int64_t taps = 0;
    std::int64_t mis_touches = 0;
    double mis_touch_rate() const { return taps > 0 ? static_cast<double>(mis_touches) / static_cast<double>(taps) : 0.0; }
};

class TouchStats {
public:
    explicit TouchStats(Database& db) : db_(db) {}

    // Adds to the day's counters of the screen (one transaction).
    void add(std::string_view day, std::string_view screen, std::int64_t taps, std::int64_t mis_touches);
    // Every row, ordered by day then screen.
    std::vector<ScreenTouchFigures> all() const;
    // Totals per screen over all days, ordered by screen.
    std::vector<ScreenTouchFigures> totals_by_screen() const;

private:
    Database& db_;
};

// Today's local date as YYYY-MM-DD.
std::string local_date_today();

}  // namespace qiao::core
