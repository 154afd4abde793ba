#include <doctest/doctest.h>

#include <sys/stat.h>

#include <string>

#include "core/storage_temp_dir.hpp"
#include "core/sync/heartbeat.hpp"
#include "core/sync/sync_credentials.hpp"
#include "core/sync/sync_round.hpp"
#include "core/sync_test_support.hpp"

using nlohmann::json;
using qiao::core::SyncRoundSettings;
using qiao::core::SyncStep;
using qiao::test::accept_all;
using qiao::test::FakeBackoffice;
using qiao::test::json_reply;
using qiao::test::SeenRequest;
using qiao::test::StorageTempDir;
using qiao::test::SyncDesk;
namespace sync_keys = qiao::core::sync_keys;

namespace {

// A back office that accepts every push, has nothing to pull, and takes heartbeats.
FakeBackoffice::Handler good_office() {
    return [](const SeenRequest& r) {
        if (r.path == "/api/v1/sync/push") return json_reply(200, accept_all(r.body));
        if (r.path.rfind("/api/v1/sync/pull", 0) == 0)
            return json_reply(200, {{"protocol", 1}, {"changes", json::array()}, {"next_after", 0}, {"more", false}});
        if (r.path == "/api/v1/heartbeat") return json_reply(200, {{"protocol", 1}});
        return json_reply(404, {{"error", "not_found"}});
    };
}

}  // namespace

TEST_CASE("Sync round: push until empty, then pull, then the heartbeat") {
    SyncDesk desk;
    StorageTempDir dir("sync-round");
    for (int i = 0; i < 120; ++i) {
        qiao::core::Transaction t(desk.store.db());
        desk.outbox.add("lesson_completed", {{"n", i}});
        t.commit();
    }
    desk.touches.add("2026-11-30", "home", 120, 7);
    desk.touches.add("2026-11-30", "book", 30, 1);
    desk.touches.add("2026-11-29", "home", 99, 9);  // yesterday: not today's totals
    FakeBackoffice office;
    office.handler = good_office();

    const auto result = qiao::core::run_sync_round(office, desk.stores, SyncRoundSettings{dir.path(), "0.1.0", true, "2026-11-30"}, desk.log);
    CHECK(result.sync.done());
    CHECK(result.heartbeat_sent);
    CHECK(result.heartbeat_error.empty());
    REQUIRE(office.seen.size() == 4);
    CHECK(office.seen[0].path == "/api/v1/sync/push");
    CHECK(office.seen[1].path == "/api/v1/sync/push");
    CHECK(office.seen[2].path.rfind("/api/v1/sync/pull?after=0", 0) == 0);
    CHECK(office.seen[3].path == "/api/v1/heartbeat");

    const json& beat = office.seen[3].body;
    CHECK(beat["app_version"] == "0.1.0");
    CHECK(beat["outbox_depth"] == 0);
    CHECK(beat["last_sync_at"] == *desk.settings.get(sync_keys::kLastSyncAt));
    CHECK(beat["disk_free_bytes"].get<std::uint64_t>() > 0);
    CHECK(beat["touches"] == json::array({{{"day", "2026-11-30"}, {"screen", "book"}, {"taps", 30}, {"misses", 1}},
                                          {{"day", "2026-11-30"}, {"screen", "home"}, {"taps", 120}, {"misses", 7}}}));
}

TEST_CASE("Sync round: no heartbeat when none is due, a failed heartbeat does not fail the round") {
    SyncDesk desk;
    StorageTempDir dir("sync-round-beat");
    FakeBackoffice office;
    office.handler = good_office();
    auto result = qiao::core::run_sync_round(office, desk.stores, SyncRoundSettings{dir.path(), "0.1.0", false, "2026-11-30"}, desk.log);
    CHECK(result.sync.done());
    CHECK_FALSE(result.heartbeat_sent);
    CHECK(office.seen.size() == 1);  // the pull only: nothing to push

    FakeBackoffice no_heartbeat;
    no_heartbeat.handler = [inner = good_office()](const SeenRequest& r) {
        if (r.path == "/api/v1/heartbeat") return json_reply(500, {{"error", "internal"}, {"message", "oops"}});
        return inner(r);
    };
    result = qiao::core::run_sync_round(no_heartbeat, desk.stores, SyncRoundSettings{dir.path(), "0.1.0", true, "2026-11-30"}, desk.log);
    CHECK(result.sync.done());
    CHECK_FALSE(result.heartbeat_sent);
    CHECK(result.heartbeat_error == "heartbeat: the back office answered HTTP 500 (internal: oops)");
}

TEST_CASE("Sync round: a failed push ends the round before the pull") {
    SyncDesk desk;
    StorageTempDir dir("sync-round-fail");
    desk.book();
    FakeBackoffice office;
    office.queue(0, "");
    office.replies.back().transport_error = "the back office did not take the connection";
    const auto result = qiao::core::run_sync_round(office, desk.stores, SyncRoundSettings{dir.path(), "0.1.0", true, "2026-11-30"}, desk.log);
    CHECK(result.sync.outcome == SyncStep::Outcome::Failed);
    CHECK(result.sync.error == "push: the back office did not take the connection");
    CHECK(office.seen.size() == 1);
    CHECK_FALSE(desk.settings.get(sync_keys::kLastSyncAt));
}

TEST_CASE("Sync credentials: the token lives in its own file, readable by the kiosk's user only") {
    SyncDesk desk;
    StorageTempDir dir("sync-credentials");
    CHECK_FALSE(qiao::core::load_credentials(dir.path(), desk.settings));
    desk.settings.set(sync_keys::kCursor, "99");
    qiao::core::save_credentials(dir.path(), desk.settings, desk.store.db(),
                                 {"https://office.example.org", "secret-token", "k-1", "riverside", "Riverside Centre"});
    const auto loaded = qiao::core::load_credentials(dir.path(), desk.settings);
    REQUIRE(loaded);
    CHECK(loaded->url == "https://office.example.org");
    CHECK(loaded->token == "secret-token");
    CHECK(loaded->kiosk_id == "k-1");
    CHECK(loaded->site_id == "riverside");
    CHECK(loaded->site_name == "Riverside Centre");
    CHECK(desk.settings.get(sync_keys::kCursor) == "0");  // a new enrolment pulls from the start

    struct stat info {};
    REQUIRE(::stat((dir / qiao::core::kTokenFileName).c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    // The token is nowhere in the store.
    CHECK(desk.count("SELECT COUNT(*) FROM settings WHERE value LIKE '%secret-token%'") == 0);

    std::filesystem::remove(dir / qiao::core::kTokenFileName);
    CHECK_FALSE(qiao::core::load_credentials(dir.path(), desk.settings));  // no token: not enrolled
}
