#include "core/storage/touch_stats.hpp"

#include <ctime>
#include <stdexcept>
#include <string>

namespace qiao::core {

namespace {

// Adds to the day's counters, creating the row on the first flush of the day.
static constexpr char kAddSql[] =
    "INSERT INTO touch_counts (day, screen, taps, mis_touches) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (day, screen) DO UPDATE SET "
    "taps = taps + excluded.taps, "
    "mis_touches = mis_touches + excluded.mis_touches";
static constexpr char kAllSql[] =
    "SELECT day, screen, taps, mis_touches FROM touch_counts ORDER BY day, screen";
static constexpr char kTotalsByScreenSql[] =
    "SELECT screen, SUM(taps), SUM(mis_touches) FROM touch_counts GROUP BY screen ORDER BY screen";

bool is_iso_date(std::string_view day) {
    if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
    for (std::size_t i = 0; i < day.size(); ++i) {
        if (i == 4 || i == 7) continue;
        if (day[i] < '0' || day[i] > '9') return false;
    }
    return true;
}

}  // namespace

void TouchStats::add(std::string_view day, std::string_view screen, std::int64_t taps, std::int64_t mis_touches) {
    // Checked here, not by CHECK constraints: a bad flush is a bug in the caller, and
    // the message should say which value was wrong.
    if (!is_iso_date(day)) throw std::invalid_argument("touch stats: day must be YYYY-MM-DD, got \"" + std::string(day) + "\"");
    if (screen.empty()) throw std::invalid_argument("touch stats: screen id is empty");
    if (taps < 0 || mis_touches < 0) throw std::invalid_argument("touch stats: counts cannot be negative");
    if (mis_touches > taps) {
        // A mis-touch is a tap that landed on no control, so it is counted in taps too.
        throw std::invalid_argument("touch stats: more mis-touches (" + std::to_string(mis_touches) + ") than taps (" +
                                    std::to_string(taps) + ") on screen " + std::string(screen));
    }
    if (taps == 0) return;  // nothing to add: do not take the write lock every frame

    Transaction transaction(db_);
    Statement statement(db_, kAddSql);
    statement.bind(1, day).bind(2, screen).bind(3, taps).bind(4, mis_touches);
    statement.run();
    transaction.commit();
}

std::vector<ScreenTouchFigures> TouchStats::all() const {
    Statement statement(db_, kAllSql);
    std::vector<ScreenTouchFigures> rows;
    while (statement.step()) {
        rows.push_back({statement.column_text(0), statement.column_text(1), statement.column_int(2),
                        statement.column_int(3)});
    }
    return rows;
}

std::vector<ScreenTouchFigures> TouchStats::totals_by_screen() const {
    Statement statement(db_, kTotalsByScreenSql);
    std::vector<ScreenTouchFigures> rows;
    while (statement.step()) {
        // day stays empty: these are totals over every day.
        rows.push_back({std::string(), statement.column_text(0), statement.column_int(1), statement.column_int(2)});
    }
    return rows;
}

std::string local_date_today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &local);
    return text;
}

}  // namespace qiao::core
