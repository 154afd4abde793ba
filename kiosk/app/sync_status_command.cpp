#include "app/sync_status_command.hpp"

#include <map>

#include "core/outbox/outbox.hpp"
#include "core/storage/local_store.hpp"
#include "core/storage/settings_store.hpp"
#include "core/sync/sync_credentials.hpp"

namespace qiao::app {

int run_sync_status_command(const core::KioskConfig& config, std::ostream& out, core::Log& log) {
    try {
        core::LocalStore store = core::LocalStore::open_in(config.data_dir, log);
        core::SettingsStore settings(store.db());
        core::Outbox outbox(store.db());
        const auto credentials = core::load_credentials(config.data_dir, settings);
        bool healthy = credentials.has_value();
        if (credentials) {
            out << "enrolled: kiosk " << credentials->kiosk_id << " at " << credentials->site_name << " ("
                << credentials->site_id << "), back office " << credentials->url << "\n";
        } else {
            out << "not enrolled: nothing is sent; enrol with qiao-kiosk --enroll URL CODE\n";
        }
        const std::string last_sync = settings.get(core::sync_keys::kLastSyncAt).value_or("");
        out << "last good sync: " << (last_sync.empty() ? "never" : last_sync) << "\n";
        const std::string last_error = settings.get(core::sync_keys::kLastError).value_or("");
        out << "last error: " << (last_error.empty() ? "none" : last_error) << "\n";

        const auto waiting = outbox.next_batch(100000);
        std::map<std::string, int> kinds;
        for (const core::OutboxEntry& entry : waiting) ++kinds[entry.kind];
        out << "waiting to be sent: " << waiting.size();
        if (!waiting.empty()) {
            out << " (oldest from " << waiting.front().created_at << ";";
            for (const auto& [kind, count] : kinds) out << " " << kind << " " << count;
            out << ")";
        }
        out << "\n";
        const auto problems = outbox.problems();
        out << "refused by the back office for good: " << problems.size() << "\n";
        for (const core::SyncProblem& p : problems)
            out << "  " << p.kind << " " << p.entry_id << ": " << p.reason << (p.message.empty() ? "" : " (" + p.message + ")")
                << "\n";
        healthy = healthy && problems.empty();
        return healthy ? 0 : 1;
    } catch (const std::exception& e) {
        out << "the kiosk's store could not be read: " << e.what() << "\n";
        return 2;
    }
}

}  // namespace qiao::app
