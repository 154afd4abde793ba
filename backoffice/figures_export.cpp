#include "backoffice/figures_export.hpp"

#include <cstdio>
#include <string_view>

namespace qiao::backoffice {

namespace {

using json = nlohmann::json;

json or_null(bool known, const json& value) { return known ? value : json(nullptr); }

json touches_json(const std::vector<ScreenTouches>& touches) {
    json rows = json::array();
    for (const ScreenTouches& t : touches)
        rows.push_back({{"screen", t.screen}, {"taps", t.taps}, {"misses", t.misses}, {"rate", t.mis_touch_rate()}});
    return rows;
}

json day_json(const DayFigures& day) {
    const auto satisfaction = day.satisfaction();
    return {{"lessons_completed", day.lessons_completed},
            {"help_requests", day.help_requests},
            {"help_answered_in_time", day.help_answered_in_time},
            {"help_answered_late", day.help_answered_late},
            {"help_feedback", day.help_feedback},
            {"helped", day.helped},
            {"satisfaction", or_null(satisfaction.has_value(), satisfaction.value_or(0.0))},
            {"bookings", day.bookings},
            {"attended", day.attended},
            {"no_shows", day.no_shows},
            {"mis_touch", touches_json(day.touches)}};
}

json kiosk_json(const KioskState& k) {
    return {{"kiosk_id", k.kiosk_id},
            {"name", k.name},
            {"revoked", k.revoked},
            {"app_version", or_null(k.has_heartbeat, k.app_version)},
            {"outbox_depth", or_null(k.has_heartbeat, k.outbox_depth)},
            {"last_sync_at", or_null(k.has_heartbeat && !k.last_sync_at.empty(), k.last_sync_at)},
            {"disk_free_bytes", or_null(k.has_heartbeat, k.disk_free_bytes)},
            {"last_heartbeat_at", or_null(k.has_heartbeat, k.last_heartbeat_at)}};
}

std::string csv_field(const std::string& given) {
    // A kiosk's name is whatever was typed at enrolment: one starting like a formula
    // must stay text in a spreadsheet (no figure of ours starts with these).
    const std::string text = !given.empty() && std::string_view("=+-@\t\r").find(given.front()) != std::string_view::npos
                                 ? "'" + given
                                 : given;
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string rate_text(double rate) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", rate);
    return text;
}

class CsvRows {
public:
    void add(const std::string& site, const std::string& day, const std::string& figure, const std::string& key,
             const std::string& value) {
        text_ += csv_field(site) + "," + csv_field(day) + "," + figure + "," + csv_field(key) + "," + csv_field(value) + "\r\n";
    }
    void add_day(const std::string& site, const std::string& day, const DayFigures& f) {
        const auto satisfaction = f.satisfaction();
        add(site, day, "lessons_completed", "", std::to_string(f.lessons_completed));
        add(site, day, "help_requests", "", std::to_string(f.help_requests));
        add(site, day, "help_answered_in_time", "", std::to_string(f.help_answered_in_time));
        add(site, day, "help_answered_late", "", std::to_string(f.help_answered_late));
        add(site, day, "help_feedback", "", std::to_string(f.help_feedback));
        add(site, day, "helped", "", std::to_string(f.helped));
        add(site, day, "satisfaction", "", satisfaction ? rate_text(*satisfaction) : "");
        add(site, day, "bookings", "", std::to_string(f.bookings));
        add(site, day, "attended", "", std::to_string(f.attended));
        add(site, day, "no_shows", "", std::to_string(f.no_shows));
        for (const ScreenTouches& t : f.touches) {
            add(site, day, "mis_touch_rate", t.screen, rate_text(t.mis_touch_rate()));
            add(site, day, "taps", t.screen, std::to_string(t.taps));
            add(site, day, "misses", t.screen, std::to_string(t.misses));
        }
    }
    void add_kiosk(const std::string& site, const KioskState& k) {
        const auto known = [&](const std::string& value) { return k.has_heartbeat ? value : std::string(); };
        add(site, "latest", "kiosk_name", k.kiosk_id, k.name);
        add(site, "latest", "kiosk_revoked", k.kiosk_id, k.revoked ? "yes" : "no");
        add(site, "latest", "kiosk_app_version", k.kiosk_id, known(k.app_version));
        add(site, "latest", "kiosk_outbox_depth", k.kiosk_id, known(std::to_string(k.outbox_depth)));
        add(site, "latest", "kiosk_last_sync_at", k.kiosk_id, known(k.last_sync_at));
        add(site, "latest", "kiosk_disk_free_bytes", k.kiosk_id, known(std::to_string(k.disk_free_bytes)));
        add(site, "latest", "kiosk_last_heartbeat_at", k.kiosk_id, known(k.last_heartbeat_at));
    }
    std::string text() && { return std::move(text_); }

private:
    std::string text_ = "site,day,figure,key,value\r\n";
};

}  // namespace

json figures_json(const std::vector<SiteReport>& reports, const FiguresQuery& query) {
    json sites = json::array();
    for (const SiteReport& report : reports) {
        json days = json::array();
        for (const auto& [day, figures] : report.days) {
            json row = {{"day", day}};
            row.update(day_json(figures));
            days.push_back(std::move(row));
        }
        json kiosks = json::array();
        for (const KioskState& kiosk : report.kiosks) kiosks.push_back(kiosk_json(kiosk));
        sites.push_back({{"site_id", report.site_id},
                         {"site_name", report.site_name},
                         {"utc_offset_minutes", report.utc_offset_minutes},
                         {"days", std::move(days)},
                         {"total", day_json(report.total)},
                         {"kiosks", std::move(kiosks)}});
    }
    return {{"protocol", 1},
            {"from", or_null(!query.from.empty(), query.from)},
            {"to", or_null(!query.to.empty(), query.to)},
            {"sites", std::move(sites)}};
}

std::string figures_csv(const std::vector<SiteReport>& reports) {
    CsvRows rows;
    for (const SiteReport& report : reports) {
        for (const auto& [day, figures] : report.days) rows.add_day(report.site_id, day, figures);
        rows.add_day(report.site_id, "total", report.total);
        for (const KioskState& kiosk : report.kiosks) rows.add_kiosk(report.site_id, kiosk);
    }
    return std::move(rows).text();
}

}  // namespace qiao::backoffice
