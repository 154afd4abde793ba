#include "app/enrol_command.hpp"

#include "core/storage/local_store.hpp"
#include "core/storage/settings_store.hpp"
#include "core/sync/enrolment.hpp"
#include "core/sync/http_client.hpp"

namespace qiao::app {

bool has_enrol_command(const core::LaunchOptions& options) { return options.enroll.has_value(); }

int run_enrol_command(const core::KioskConfig& config, const core::LaunchOptions& options, std::ostream& out,
                      std::ostream& err, core::Log& log) {
    const auto& [url, code] = *options.enroll;
    try {
        core::LocalStore store = core::LocalStore::open_in(config.data_dir, log);
        core::SettingsStore settings(store.db());
        core::HttpOptions http;
        http.ca_file = config.backoffice_ca;
        http.user_agent = std::string("qiao-kiosk/") + QIAO_VERSION;
        core::HttpClient client(http);
        const core::SyncCredentials enrolled =
            core::enroll(client, {url, code, config.kiosk_name, QIAO_VERSION}, config.data_dir, settings, store.db());
        out << "enrolled: this kiosk is " << enrolled.kiosk_id << " at " << enrolled.site_name << " (" << enrolled.site_id
            << "), syncing with " << enrolled.url << "; start the kiosk to begin\n";
        return 0;
    } catch (const std::exception& e) {
        err << "qiao-kiosk: not enrolled: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace qiao::app
