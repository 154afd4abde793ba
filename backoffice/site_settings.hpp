#pragma once
// SiteSettings: the kiosk settings a site decides for all its kiosks (opening hours, help
// deadlines, the voice's pace ...; docs/configuration.md), kept in sites.settings and
// published to the site's kiosks as one `settings` change. Each value is checked by the
// kiosk's own config parser, so a kiosk never receives a value it would refuse.
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "backoffice/change_feed.hpp"
#include "backoffice/enrolment.hpp"

namespace qiao::backoffice {

// A setting a site may not set, or a value the kiosk would not take. The message names
// the key and what is allowed.
class SettingsError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The keys a site may set, in the order docs/configuration.md lists them.
const std::vector<std::string>& site_setting_keys();

// The site's settings as stored (text values). ApiError 404 for no such site.
std::map<std::string, std::string> site_settings_of(core::Database& db, const std::string& site_id);
// The site's clock against UTC in minutes: its utc_offset, else the kiosk's default.
int site_utc_offset_minutes(core::Database& db, const std::string& site_id);

class SiteSettings {
public:
    SiteSettings(core::Database& db, ChangeFeed& feed) : db_(db), feed_(feed) {}

    // Checks every (key, value) first, then stores them over the site's earlier ones and
    // publishes the whole set. Throws SettingsError (nothing stored) or ApiError 404.
    std::map<std::string, std::string> set(const std::string& site_id,
                                           const std::vector<std::pair<std::string, std::string>>& changes);

private:
    core::Database& db_;
    ChangeFeed& feed_;
};

}  // namespace qiao::backoffice
