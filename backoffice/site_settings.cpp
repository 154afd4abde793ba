#include "backoffice/site_settings.hpp"

#include <algorithm>

#include "backoffice/api_error.hpp"
#include "core/config/kiosk_config.hpp"
#include "core/help/opening_hours.hpp"

namespace qiao::backoffice {

namespace {

using json = nlohmann::json;

// What the kiosk's parser calls the text it checks; cut from its messages again.
constexpr const char* kSource = "site setting";

std::string joined_keys() {
    std::string out;
    for (const std::string& key : site_setting_keys()) out += (out.empty() ? "" : ", ") + key;
    return out;
}

void check_value(const std::string& key, const std::string& value) {
    if (std::find(site_setting_keys().begin(), site_setting_keys().end(), key) == site_setting_keys().end())
        throw SettingsError("\"" + key.substr(0, 64) + "\" is not a setting a site can set; the site settings are: " +
                            joined_keys());
    // The kiosk stores a pulled value only if its config parser takes `key = "value"`.
    if (value.find_first_of("\"\r\n") != std::string::npos)
        throw SettingsError(key + " may not hold a double quote or a line break");
    try {
        (void)core::parse_config(key + " = \"" + value + "\"\n", kSource);
    } catch (const core::ConfigError& e) {
        std::string message = e.what();
        const std::string where = std::string(kSource) + " line 1: ";
        if (message.starts_with(where)) message.erase(0, where.size());
        throw SettingsError(message);
    }
}

json stored_settings(core::Database& db, const std::string& site_id) {
    core::Statement select(db, "SELECT settings FROM sites WHERE id = ?");
    select.bind(1, site_id);
    if (!select.step()) throw not_found("there is no site \"" + site_id + "\"; add it first (admin site add)");
    json settings = json::parse(select.column_text(0), nullptr, false);
    return settings.is_object() ? settings : json::object();
}

}  // namespace

const std::vector<std::string>& site_setting_keys() {
    // The keys that belong to the site rather than to one machine: never where a kiosk
    // keeps its data, its devices or its fonts. The kiosk takes exactly these
    // (core::site_may_set); a test keeps the two lists the same.
    static const std::vector<std::string> keys = {
        "language",      "text_size",           "voice",          "speech_rate", "idle_timeout",
        "idle_warning",  "pack_max_mb",         "opening_hours",  "open_days",   "utc_offset",
        "help_response_minutes", "help_urgent_minutes", "check_in_window_minutes",
    };
    return keys;
}

std::map<std::string, std::string> site_settings_of(core::Database& db, const std::string& site_id) {
    std::map<std::string, std::string> settings;
    const json stored = stored_settings(db, site_id);  // items() only refers to it
    for (const auto& [key, value] : stored.items())
        if (value.is_string()) settings[key] = value.get<std::string>();
    return settings;
}

std::map<std::string, std::string> SiteSettings::set(const std::string& site_id,
                                                     const std::vector<std::pair<std::string, std::string>>& changes) {
    for (const auto& [key, value] : changes) check_value(key, value);
    core::Transaction transaction(db_);
    std::map<std::string, std::string> settings = site_settings_of(db_, site_id);
    for (const auto& [key, value] : changes) settings[key] = value;
    const json as_json(settings);
    core::Statement update(db_, "UPDATE sites SET settings = ? WHERE id = ?");
    update.bind(1, as_json.dump()).bind(2, site_id);
    update.run();
    feed_.publish(site_id, "", "settings", "settings", {{"settings", as_json}});
    transaction.commit();
    return settings;
}

int site_utc_offset_minutes(core::Database& db, const std::string& site_id) {
    const core::KioskConfig defaults;
    const auto settings = site_settings_of(db, site_id);
    const auto offset = settings.find("utc_offset");
    // Stored values were checked by this parser when they were set.
    return core::parse_opening_hours(defaults.opening_hours, defaults.open_days,
                                     offset == settings.end() ? defaults.utc_offset : offset->second)
        .utc_offset_minutes;
}

}  // namespace qiao::backoffice
