#include "backoffice/heartbeat_intake.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "backoffice/api_error.hpp"
#include "backoffice/calendar_day.hpp"
#include "core/booking/wall_time.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::backoffice {

namespace {

using json = nlohmann::json;

// Far beyond any real kiosk, but small enough that sums over a site stay exact.
constexpr std::int64_t kMaxCount = 1'000'000'000;

struct TouchRow {
    std::string day, screen;
    std::int64_t taps = 0, misses = 0;
};

std::int64_t whole_number(const json& object, const std::string& where, const char* name, std::int64_t high) {
    const auto it = object.find(name);
    if (it == object.end()) throw bad_request(where + name + " is missing");
    if (!it->is_number_integer()) throw bad_request(where + name + " must be a whole number");
    if (it->is_number_unsigned() ? it->get<std::uint64_t>() > static_cast<std::uint64_t>(high)
                                 : it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > high)
        throw bad_request(where + name + " must be from 0 to " + std::to_string(high));
    return it->get<std::int64_t>();
}

// Ids and versions only: they go into CSV files a spreadsheet opens, so nothing that
// could start a formula or break a column.
bool plain_name(const std::string& text, std::size_t max_size, std::string_view also_allowed) {
    const auto alnum = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    return !text.empty() && text.size() <= max_size && alnum(text.front()) &&
           std::all_of(text.begin(), text.end(),
                       [&](char c) { return alnum(c) || also_allowed.find(c) != std::string_view::npos; });
}

std::string plain_text(const json& object, const std::string& where, const char* name, std::size_t max_size,
                       std::string_view also_allowed) {
    const auto it = object.find(name);
    if (it == object.end()) throw bad_request(where + name + " is missing");
    if (!it->is_string() || !plain_name(it->get<std::string>(), max_size, also_allowed))
        throw bad_request(where + name + " must be text of 1 to " + std::to_string(max_size) +
                          " letters, digits and " + std::string(also_allowed) + ", starting with a letter or digit");
    return it->get<std::string>();
}

std::vector<TouchRow> touch_rows(const json& body) {
    std::vector<TouchRow> rows;
    const auto touches = body.find("touches");
    if (touches == body.end() || touches->is_null()) return rows;
    if (!touches->is_array()) throw bad_request("touches must be a list of {day, screen, taps, misses}");
    if (touches->size() > kMaxTouchRowsPerHeartbeat)
        throw bad_request("touches may hold at most " + std::to_string(kMaxTouchRowsPerHeartbeat) + " rows (found " +
                          std::to_string(touches->size()) + ")");
    for (std::size_t i = 0; i < touches->size(); ++i) {
        const json& row = (*touches)[i];
        const std::string where = "touches[" + std::to_string(i) + "].";
        if (!row.is_object()) throw bad_request("touches[" + std::to_string(i) + "] must be {day, screen, taps, misses}");
        const auto day = row.find("day");
        if (day == row.end() || !day->is_string() || !is_calendar_day(day->get<std::string>()))
            throw bad_request(where + "day must be a date written YYYY-MM-DD");
        TouchRow touch{day->get<std::string>(), plain_text(row, where, "screen", 64, "_-.:/"),
                       whole_number(row, where, "taps", kMaxCount), whole_number(row, where, "misses", kMaxCount)};
        // A miss is a tap that landed on nothing: there cannot be more misses than taps.
        if (touch.misses > touch.taps) throw bad_request(where + "misses must not be more than taps");
        rows.push_back(std::move(touch));
    }
    return rows;
}

}  // namespace

void HeartbeatIntake::take(const Caller& kiosk, const json& body, Clock::time_point now) {
    if (!body.is_object()) throw bad_request("the heartbeat must be a JSON object {app_version, outbox_depth, ...}");
    const std::string app_version = plain_text(body, "", "app_version", 32, ".+_-");
    const std::int64_t outbox_depth = whole_number(body, "", "outbox_depth", kMaxCount);
    const std::int64_t disk_free = whole_number(body, "", "disk_free_bytes", INT64_MAX);
    std::string last_sync_at;  // "" before the kiosk's first sync (it sends null)
    if (const auto it = body.find("last_sync_at"); it != body.end() && !it->is_null()) {
        if (!it->is_string() || it->get<std::string>().size() > 40 || !core::parse_utc_text(it->get<std::string>()))
            throw bad_request("last_sync_at must be null or a UTC time such as 2026-11-27T08:30:00Z");
        last_sync_at = it->get<std::string>();
    }
    const std::vector<TouchRow> touches = touch_rows(body);

    core::Transaction transaction(db_);
    core::Statement beat(db_,
                         "INSERT INTO heartbeats (kiosk_id, app_version, outbox_depth, last_sync_at, disk_free_bytes, "
                         "received_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kiosk_id) DO UPDATE SET "
                         "app_version = excluded.app_version, outbox_depth = excluded.outbox_depth, "
                         "last_sync_at = excluded.last_sync_at, disk_free_bytes = excluded.disk_free_bytes, "
                         "received_at = excluded.received_at");
    beat.bind(1, kiosk.id).bind(2, app_version).bind(3, outbox_depth).bind(4, last_sync_at).bind(5, disk_free);
    beat.bind(6, core::iso8601_utc(now));
    beat.run();
    // Running totals only grow during a day: keeping the larger makes a resent or
    // reordered heartbeat harmless.
    core::Statement touch(db_,
                          "INSERT INTO touch_totals (kiosk_id, day, screen, taps, misses) VALUES (?, ?, ?, ?, ?) "
                          "ON CONFLICT (kiosk_id, day, screen) DO UPDATE SET taps = MAX(taps, excluded.taps), "
                          "misses = MAX(misses, excluded.misses)");
    for (const TouchRow& row : touches) {
        touch.bind(1, kiosk.id).bind(2, row.day).bind(3, row.screen).bind(4, row.taps).bind(5, row.misses);
        touch.run();
        touch.reset();
    }
    transaction.commit();
}

}  // namespace qiao::backoffice
