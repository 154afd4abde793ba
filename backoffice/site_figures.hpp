#pragma once
// SiteFigures: what a site manager reports on, per site and per day on the site's own
// clock (its utc_offset setting), with a total over the days asked for:
//   lessons completed; help requests, how many were first answered (claimed, or resolved
//   unclaimed) by their respond_by and how many later; the seniors' feedback (helped /
//   answered = satisfaction); bookings that took a seat, attended (checked in or marked
//   so by staff) and no-shows; the mis-touch rate of each screen (misses / taps, worst
//   first); and each kiosk's state from its last heartbeat.
// A lesson counts on the day it was completed, a help request on the day it was made,
// a booking on the day of its appointment, taps on the kiosk's own day.
// No HTTP here: the figures route and `admin export` share it (figures_export.hpp
// writes it as JSON or CSV).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/storage/database.hpp"

namespace qiao::backoffice {

struct ScreenTouches {
    std::string screen;
    std::int64_t taps = 0;
    std::int64_t misses = 0;
    double mis_touch_rate() const { return taps > 0 ? static_cast<double>(misses) / static_cast<double>(taps) : 0.0; }
};

struct DayFigures {
    std::int64_t lessons_completed = 0;
    std::int64_t help_requests = 0;
    std::int64_t help_answered_in_time = 0;
    std::int64_t help_answered_late = 0;
    std::int64_t help_feedback = 0;  // seniors who answered "did this help?"
    std::int64_t helped = 0;         // ... and said yes
    std::int64_t bookings = 0;       // took a seat: confirmed, checked in, attended or no-show
    std::int64_t attended = 0;
    std::int64_t no_shows = 0;
    std::vector<ScreenTouches> touches;  // worst mis-touch rate first

    // helped / help_feedback; none while nobody answered.
    std::optional<double> satisfaction() const;
};

struct KioskState {
    std::string kiosk_id;
    std::string name;
    bool revoked = false;
    bool has_heartbeat = false;  // the rest is known only after its first heartbeat
    std::string app_version;
    std::int64_t outbox_depth = 0;
    std::string last_sync_at;  // "" before its first sync
    std::int64_t disk_free_bytes = 0;
    std::string last_heartbeat_at;
};

struct SiteReport {
    std::string site_id;
    std::string site_name;
    int utc_offset_minutes = 0;
    std::map<std::string, DayFigures> days;  // by day, YYYY-MM-DD; days with nothing are left out
    DayFigures total;
    std::vector<KioskState> kiosks;  // by id
};

// Days from..to inclusive ("" = no bound), on each site's clock. Empty site_id: every site.
struct FiguresQuery {
    std::string site_id;
    std::string from;
    std::string to;
};

class SiteFigures {
public:
    explicit SiteFigures(core::Database& db) : db_(db) {}

    // ApiError 404 when site_id names no site; 400 when from/to are not YYYY-MM-DD or
    // from is after to.
    std::vector<SiteReport> collect(const FiguresQuery& query) const;

private:
    SiteReport site(const std::string& site_id, const std::string& name, const FiguresQuery& query) const;

    core::Database& db_;
};

}  // namespace qiao::backoffice
