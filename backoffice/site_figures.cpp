#include "backoffice/site_figures.hpp"

#include <algorithm>

#include "backoffice/api_error.hpp"
#include "backoffice/calendar_day.hpp"
#include "backoffice/site_settings.hpp"
#include "core/booking/wall_time.hpp"

namespace qiao::backoffice {

namespace {

// Worst mis-touch rate first; of two as bad, the busier screen first.
void sort_worst_first(std::vector<ScreenTouches>& touches) {
    std::sort(touches.begin(), touches.end(), [](const ScreenTouches& a, const ScreenTouches& b) {
        // Division is correctly rounded: 1/2 and 2/4 are the same double, so ties are ties.
        if (a.mis_touch_rate() != b.mis_touch_rate()) return a.mis_touch_rate() > b.mis_touch_rate();
        if (a.taps != b.taps) return a.taps > b.taps;
        return a.screen < b.screen;
    });
}

void add_into(DayFigures& total, const DayFigures& day) {
    total.lessons_completed += day.lessons_completed;
    total.help_requests += day.help_requests;
    total.help_answered_in_time += day.help_answered_in_time;
    total.help_answered_late += day.help_answered_late;
    total.help_feedback += day.help_feedback;
    total.helped += day.helped;
    total.bookings += day.bookings;
    total.attended += day.attended;
    total.no_shows += day.no_shows;
}

void check_query(const FiguresQuery& query) {
    for (const std::string* bound : {&query.from, &query.to})
        if (!bound->empty() && !is_calendar_day(*bound))
            throw bad_request("from and to are dates written YYYY-MM-DD (found \"" + bound->substr(0, 20) + "\")");
    if (!query.from.empty() && !query.to.empty() && query.from > query.to)
        throw bad_request("from (" + query.from + ") is after to (" + query.to + ")");
}

}  // namespace

std::optional<double> DayFigures::satisfaction() const {
    if (help_feedback == 0) return std::nullopt;
    return static_cast<double>(helped) / static_cast<double>(help_feedback);
}

std::vector<SiteReport> SiteFigures::collect(const FiguresQuery& query) const {
    check_query(query);
    std::vector<SiteReport> reports;
    core::Statement sites(db_, query.site_id.empty() ? "SELECT id, name FROM sites ORDER BY id"
                                                     : "SELECT id, name FROM sites WHERE id = ?");
    if (!query.site_id.empty()) sites.bind(1, query.site_id);
    while (sites.step()) reports.push_back(site(sites.column_text(0), sites.column_text(1), query));
    if (!query.site_id.empty() && reports.empty()) throw not_found("there is no site \"" + query.site_id + "\"");
    return reports;
}

SiteReport SiteFigures::site(const std::string& site_id, const std::string& name, const FiguresQuery& query) const {
    SiteReport report;
    report.site_id = site_id;
    report.site_name = name;
    report.utc_offset_minutes = site_utc_offset_minutes(db_, site_id);
    const auto in_range = [&](const std::string& day) {
        return (query.from.empty() || day >= query.from) && (query.to.empty() || day <= query.to);
    };
    // The figures of the day a stored UTC time falls on, or none when it is outside the
    // days asked for (or not a time at all: it cannot be put on a day).
    const auto day_of = [&](const std::string& utc) -> DayFigures* {
        const auto moment = core::parse_utc_text(utc);
        if (!moment) return nullptr;
        const std::string day = calendar_day_of(*moment, report.utc_offset_minutes);
        return in_range(day) ? &report.days[day] : nullptr;
    };

    core::Statement lessons(db_, "SELECT completed_at FROM lesson_completions WHERE site_id = ?");
    lessons.bind(1, site_id);
    while (lessons.step())
        if (DayFigures* day = day_of(lessons.column_text(0))) ++day->lessons_completed;

    // The first answer is the first claim; a request resolved without one was answered then.
    core::Statement help(db_,
                         "SELECT created_at, respond_by, COALESCE(claimed_at, resolved_at), helped "
                         "FROM help_requests WHERE site_id = ?");
    help.bind(1, site_id);
    while (help.step()) {
        DayFigures* day = day_of(help.column_text(0));
        if (!day) continue;
        ++day->help_requests;
        if (!help.column_is_null(2)) {
            const auto deadline = core::parse_utc_text(help.column_text(1));
            const auto answered = core::parse_utc_text(help.column_text(2));
            ++(deadline && answered && *answered <= *deadline ? day->help_answered_in_time : day->help_answered_late);
        }
        if (!help.column_is_null(3)) {
            ++day->help_feedback;
            day->helped += help.column_int(3) != 0 ? 1 : 0;
        }
    }

    core::Statement bookings(db_,
                             "SELECT starts_at, state FROM bookings WHERE site_id = ? "
                             "AND state IN ('confirmed', 'checked_in', 'attended', 'no_show')");
    bookings.bind(1, site_id);
    while (bookings.step()) {
        DayFigures* day = day_of(bookings.column_text(0));
        if (!day) continue;
        const std::string state = bookings.column_text(1);
        ++day->bookings;
        // Checking in at the kiosk is being there, whether or not staff mark it too.
        day->attended += state == "attended" || state == "checked_in" ? 1 : 0;
        day->no_shows += state == "no_show" ? 1 : 0;
    }

    std::map<std::string, ScreenTouches> screen_totals;
    core::Statement touches(db_,
                            "SELECT t.day, t.screen, SUM(t.taps), SUM(t.misses) FROM touch_totals t "
                            "JOIN kiosks k ON k.id = t.kiosk_id WHERE k.site_id = ? GROUP BY t.day, t.screen");
    touches.bind(1, site_id);
    while (touches.step()) {
        const std::string day = touches.column_text(0);
        if (!in_range(day)) continue;
        const ScreenTouches row{touches.column_text(1), touches.column_int(2), touches.column_int(3)};
        report.days[day].touches.push_back(row);
        ScreenTouches& total = screen_totals[row.screen];
        total.screen = row.screen;
        total.taps += row.taps;
        total.misses += row.misses;
    }

    for (auto& [day, figures] : report.days) {
        sort_worst_first(figures.touches);
        add_into(report.total, figures);
    }
    for (auto& [screen, total] : screen_totals) report.total.touches.push_back(total);
    sort_worst_first(report.total.touches);

    core::Statement kiosks(db_,
                           "SELECT k.id, k.name, k.revoked_at IS NOT NULL, h.kiosk_id IS NOT NULL, h.app_version, "
                           "h.outbox_depth, h.last_sync_at, h.disk_free_bytes, h.received_at "
                           "FROM kiosks k LEFT JOIN heartbeats h ON h.kiosk_id = k.id WHERE k.site_id = ? ORDER BY k.id");
    kiosks.bind(1, site_id);
    while (kiosks.step()) {
        KioskState kiosk;
        kiosk.kiosk_id = kiosks.column_text(0);
        kiosk.name = kiosks.column_text(1);
        kiosk.revoked = kiosks.column_int(2) != 0;
        kiosk.has_heartbeat = kiosks.column_int(3) != 0;
        if (kiosk.has_heartbeat) {
            kiosk.app_version = kiosks.column_text(4);
            kiosk.outbox_depth = kiosks.column_int(5);
            kiosk.last_sync_at = kiosks.column_text(6);
            kiosk.disk_free_bytes = kiosks.column_int(7);
            kiosk.last_heartbeat_at = kiosks.column_text(8);
        }
        report.kiosks.push_back(std::move(kiosk));
    }
    return report;
}

}  // namespace qiao::backoffice
