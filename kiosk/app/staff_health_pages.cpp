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

FlowReply StaffFlow::health_choice(const std::string& id, core::WallTime now) {
    if (id != "staff.health.today") return {};
    build_health_page(now);
    return FlowReply::to("staff_health_today");
}

FlowReply StaffFlow::open_health(core::WallTime now) {
    // The whole site's figures of today (every station, help answered in time) are the
    // back office's: asked for now, shown when they come.
    part_ = Part::Health;
    site_figures_.reset();
    site_figures_note_ = text("staff.asking");
    if (link_) {
        const std::string today = local_moment(now, setup_.utc_offset_minutes).date.iso();
        link_->send(core::StaffRequest::figures(session_->account().id, today, today));
    }
    build_health_page(now);
    return FlowReply::to("staff_health");
}

void StaffFlow::take_figures_answer(const core::StaffAnswer& a) {
    if (!a.ok()) {
        site_figures_note_ = failure_words(a);
        return;
    }
    // {"sites": [{"days": [{"day", "help_requests", ...}]}]}: one site (ours), one day at most.
    SiteDay day;
    try {
        const auto& sites = a.figures.at("sites");
        if (!sites.empty() && !sites.at(0).at("days").empty()) {
            const auto& d = sites.at(0).at("days").at(0);
            day.help_requests = d.value("help_requests", 0);
            day.help_in_time = d.value("help_answered_in_time", 0);
            day.help_late = d.value("help_answered_late", 0);
            day.bookings = d.value("bookings", 0);
            day.attended = d.value("attended", 0);
            day.no_shows = d.value("no_shows", 0);
            day.lessons = d.value("lessons_completed", 0);
        }
        site_figures_ = day;
        site_figures_note_.clear();
    } catch (const std::exception& e) {
        log_.warning(std::string("staff: the site's figures could not be read: ") + e.what());
        site_figures_note_ = text("staff.failure.bad_answer");
    }
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

    p.actions.push_back({"staff.health.today", ui::Icon::Calendar, text("staff_health.today")});

    // Today: at this station, and at the whole site (the back office's count).
    ui::FlowPage& t = pages_["staff_health_today"];
    t = {};
    t.heading = text("staff_health.today_heading");
    const core::WallTime day_start = now - std::chrono::minutes(today.minute);
    // The tap counters are kept by the machine's own date (TouchStats), as they were counted.
    const core::StationDayFigures f = core::read_station_day(setup_.db, day_start, core::local_date_today());
    t.lines.push_back({text("staff_health.lessons"), std::to_string(f.lessons_completed), ""});
    t.lines.push_back({text("staff_health.help"), std::to_string(f.help_requests), ""});
    t.lines.push_back({text("staff_health.bookings"),
                       format("staff_health.bookings_value", {{"made", std::to_string(f.bookings)},
                                                              {"attended", std::to_string(f.bookings_attended)},
                                                              {"no_show", std::to_string(f.bookings_no_show)}}),
                       ""});
    // The whole site today, as the back office counts it.
    if (site_figures_) {
        const SiteDay& d = *site_figures_;
        t.lines.push_back({text("staff_health.site_lessons"), std::to_string(d.lessons), ""});
        t.lines.push_back({text("staff_health.site_help"),
                           format("staff_health.site_help_value", {{"n", std::to_string(d.help_requests)},
                                                                   {"in_time", std::to_string(d.help_in_time)},
                                                                   {"late", std::to_string(d.help_late)}}),
                           ""});
        t.lines.push_back({text("staff_health.site_bookings"),
                           format("staff_health.site_bookings_value", {{"made", std::to_string(d.bookings)},
                                                                       {"attended", std::to_string(d.attended)},
                                                                       {"no_show", std::to_string(d.no_shows)}}),
                           ""});
    } else if (facts.sync) {
        t.lines.push_back({text("staff_health.site"), site_figures_note_, ""});
    }
    // The screens seniors struggle with: the highest mis-touch rate first, one line each
    // (the worst always shown; the others give way when the screen is short).
    if (f.screens_worst_first.empty()) t.lines.push_back({text("staff_health.mistouch"), text("staff_health.no_taps"), ""});
    for (std::size_t i = 0; i < f.screens_worst_first.size() && i < kWorstScreensShown; ++i) {
        const core::ScreenTouchFigures& s = f.screens_worst_first[i];
        const std::string& title = catalog_.has_key(s.screen + ".title") ? text(s.screen + ".title") : s.screen;
        t.lines.push_back({format("staff_health.mistouch_screen", {{"screen", title}}),
                           percent(s.mis_touch_rate()) + "  (" + std::to_string(s.mis_touches) + "/" + std::to_string(s.taps) + ")", "", i > 0});
    }
}

}  // namespace qiao::app
