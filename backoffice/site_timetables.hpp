#pragma once
// SiteTimetables: each site's services file (docs/services-file.md), the same file a
// kiosk loads with --load-services and checked by the same parser. Loading one publishes
// it to the site's kiosks. A parsed timetable is kept in memory while its loaded_at is
// unchanged (the admin command loads from another process, so that is checked each time).
#include <map>
#include <memory>
#include <string>

#include "backoffice/change_feed.hpp"
#include "backoffice/enrolment.hpp"
#include "core/booking/schedule.hpp"

namespace qiao::backoffice {

class SiteTimetables {
public:
    SiteTimetables(core::Database& db, ChangeFeed& feed) : db_(db), feed_(feed) {}

    // Checks and stores the file for the site, and publishes it. Throws
    // core::ScheduleError listing every problem (nothing stored), ApiError for no site.
    void load(const std::string& site_id, const std::string& json_text, const std::string& source, Clock::time_point now);

    // The site's timetable, or nullptr when none was loaded. Valid until the next load.
    const core::Schedule* of(const std::string& site_id);

private:
    core::Database& db_;
    ChangeFeed& feed_;
    struct Parsed {
        std::string loaded_at;
        std::shared_ptr<core::Schedule> schedule;
    };
    std::map<std::string, Parsed> parsed_;
};

}  // namespace qiao::backoffice
