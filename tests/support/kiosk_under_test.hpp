#pragma once
// KioskUnderTest: a kiosk as the app has it, for the sync tests: its store in a data
// folder and the UI's services on the UI's connection, enrolled at a real back office,
// and one sync round on the test's own thread. Header-only: it uses doctest's REQUIRE.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "core/booking/booking_service.hpp"
#include "core/help/help_desk.hpp"
#include "core/outbox/outbox.hpp"
#include "core/storage/local_store.hpp"
#include "core/storage/settings_store.hpp"
#include "core/storage/touch_stats.hpp"
#include "core/sync/backoffice_api.hpp"
#include "core/sync/enrolment.hpp"
#include "core/sync/sync_round.hpp"
#include "support/running_backoffice.hpp"

namespace qiao::testing {

struct KioskUnderTest {
    std::filesystem::path data;
    core::Log log{[](core::LogLevel, std::string_view) {}};
    core::LocalStore store;
    core::Outbox outbox{store.db()};
    core::BookingService bookings{store.db(), outbox};
    core::HelpDesk help{store.db(), outbox};
    core::SettingsStore settings{store.db()};
    core::TouchStats touches{store.db()};
    core::SyncStores stores{store.db(), outbox, bookings, help, settings, touches};

    explicit KioskUnderTest(std::filesystem::path dir) : data(std::move(dir)), store(core::LocalStore::open_in(data, log)) {
        log.keep_lines(true);
    }

    core::SyncCredentials enrol(RunningBackoffice& server, const std::string& site = "riverside") {
        core::HttpClient client;
        return core::enroll(client, {server.url(), server.enrolment_code(site), "Lobby kiosk", "0.1.0"}, data, settings,
                            store.db());
    }
    // One round on this thread, through `url` (the server, or a proxy in front of it).
    core::SyncRoundResult round(const std::string& url, bool with_heartbeat = true) {
        const auto credentials = core::load_credentials(data, settings);
        REQUIRE(credentials);
        core::BackofficeLink link(url, credentials->token, core::HttpOptions{});
        return core::run_sync_round(link, stores, {data, "0.1.0", with_heartbeat, core::local_date_today()}, log);
    }
};

}  // namespace qiao::testing
