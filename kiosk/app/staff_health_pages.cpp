// StaffFlow, the station's health (site managers): is it syncing, what waits, how much
// disk is left, which version runs, and today's figures at this station, with the
// screens seniors struggle with (the highest mis-touch rate) first.
#include <cmath>
#include <filesystem>
#include <sstream>

#include "app/date_words.hpp"
#include "app/staff_flow.hpp"
#include "core/storage/station_day.hpp"

namespace qiao::app {

namespace {

constexpr std::size_t kWorstScreensShown = 5;

std::string percent(double rate) { return std::to_string(static_cast<int>(std::lround(rate * 100))) + "%"; }

}  // namespace

FlowReply StaffFlow::open_health(core::WallTime now) {
    build_health_page(now);
    return FlowReply::to("staff_health");
}

void StaffFlow::build_health_page(core::WallTime now) {
    const StationFacts facts = setup_.facts ? setup_.facts() : StationFacts{};
    ui::FlowPage& p = pages_["staff_health"];
    p = {};
    const LocalMoment today = local_moment(now, setup_.utc_offset_minutes);
    const DateWords dates(catalog_, lang_);

    // Sync.
    if (!facts.sync) {
        p.lines.push_back({text("staff_health.sync"), text("staff_health.not_enrolled"), ""});
    } else {
        const core::SyncStatus& s = *facts.sync;
        std::string last = text("staff_health.never");
        if (s.last_success) {
            const LocalMoment at = local_moment(*s.last_success, setup_.utc_offset_minutes);
            last = dates.day_name(at.date, today.date) + " " + DateWords::clock(at.minute);
        }
        p.lines.push_back({text("staff_health.sync"), last + (s.site_name.empty() ? "" : "  (" + s.site_name + ")"), ""});
        std::string problem = s.needs_enrolment ? text("staff_health.enrol_again") : s.last_error;
        if (!s.pack_problem.empty()) problem += (problem.empty() ? "" : "; ") + s.pack_problem;
        p.lines.push_back({text("staff_health.problem"), problem.empty() ? text("staff_health.none") : problem, ""});
        p.lines.push_back({text("staff_health.outbox"), format("staff_health.entries", {{"n", std::to_string(s.outbox_depth)}}), ""});
        if (s.sync_problems > 0)
            p.lines.push_back({text("staff_health.refused"), format("staff_health.entries", {{"n", std::to_string(s.sync_problems)}}), ""});
    }
    std::error_code ec;
    const auto space = std::filesystem::space(facts.data_dir.empty() ? setup_.data_dir : facts.data_dir, ec);
    if (!ec) {
        std::ostringstream gb;
        gb.precision(1);
        gb << std::fixed << static_cast<double>(space.available) / (1024.0 * 1024.0 * 1024.0) << " GB";
        p.lines.push_back({text("staff_health.disk"), gb.str(), ""});
    }
    p.lines.push_back({text("staff_health.version"), facts.app_version, ""});

    // Today at this station.
    const core::WallTime day_start = now - std::chrono::minutes(today.minute);
    // The tap counters are kept by the machine's own date (TouchStats), as they were counted.
    const core::StationDayFigures f = core::read_station_day(setup_.db, day_start, core::local_date_today());
    p.lines.push_back({text("staff_health.lessons"), std::to_string(f.lessons_completed), ""});
    p.lines.push_back({text("staff_health.help"), std::to_string(f.help_requests), ""});
    p.lines.push_back({text("staff_health.bookings"),
                       format("staff_health.bookings_value", {{"made", std::to_string(f.bookings)},
                                                              {"attended", std::to_string(f.bookings_attended)},
                                                              {"no_show", std::to_string(f.bookings_no_show)}}),
                       ""});
    std::string worst;
    for (std::size_t i = 0; i < f.screens_worst_first.size() && i < kWorstScreensShown; ++i) {
        const core::ScreenTouchFigures& s = f.screens_worst_first[i];
        const std::string& title = catalog_.has_key(s.screen + ".title") ? text(s.screen + ".title") : s.screen;
        worst += (worst.empty() ? "" : "\n") + title + "  " + percent(s.mis_touch_rate()) + "  (" + std::to_string(s.mis_touches) + "/" +
                 std::to_string(s.taps) + ")";
    }
    p.lines.push_back({text("staff_health.mistouch"), worst.empty() ? text("staff_health.no_taps") : worst, ""});
}

}  // namespace qiao::app
