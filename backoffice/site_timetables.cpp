#include "backoffice/site_timetables.hpp"

#include "backoffice/api_error.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::backoffice {

void SiteTimetables::load(const std::string& site_id, const std::string& json_text, const std::string& source,
                          Clock::time_point now) {
    auto schedule = std::make_shared<core::Schedule>(core::parse_schedule(json_text, source));
    core::Statement site(db_, "SELECT 1 FROM sites WHERE id = ?");
    site.bind(1, site_id);
    if (!site.step()) throw not_found("there is no site \"" + site_id + "\"; add it first (admin site add)");
    site.reset();

    core::Transaction transaction(db_);
    core::Statement upsert(db_,
                           "INSERT INTO timetables (site_id, services_json, loaded_at) VALUES (?, ?, ?) "
                           "ON CONFLICT (site_id) DO UPDATE SET services_json = excluded.services_json, "
                           "loaded_at = excluded.loaded_at");
    upsert.bind(1, site_id).bind(2, json_text).bind(3, core::iso8601_utc_ms(now));
    upsert.run();
    feed_.publish(site_id, "", "services", "services", {{"services_file", nlohmann::json::parse(json_text)}});
    transaction.commit();
    parsed_[site_id] = {core::iso8601_utc_ms(now), std::move(schedule)};
}

const core::Schedule* SiteTimetables::of(const std::string& site_id) {
    core::Statement when(db_, "SELECT loaded_at FROM timetables WHERE site_id = ?");
    when.bind(1, site_id);
    if (!when.step()) return nullptr;
    const std::string loaded_at = when.column_text(0);
    if (auto it = parsed_.find(site_id); it != parsed_.end() && it->second.loaded_at == loaded_at)
        return it->second.schedule.get();

    core::Statement select(db_, "SELECT services_json FROM timetables WHERE site_id = ?");
    select.bind(1, site_id);
    select.step();
    // It was checked when loaded; a file that no longer reads is a bug worth a 500.
    auto schedule = std::make_shared<core::Schedule>(core::parse_schedule(select.column_text(0), "timetable of " + site_id));
    parsed_[site_id] = {loaded_at, schedule};
    return schedule.get();
}

}  // namespace qiao::backoffice
