#include <doctest/doctest.h>

#include <string>

#include "core/sync/pulled_changes.hpp"
#include "core/sync/sync_credentials.hpp"
#include "core/sync_test_support.hpp"

using nlohmann::json;
using qiao::core::BookingState;
using qiao::core::PulledChanges;
using qiao::core::SyncStep;
using qiao::test::FakeBackoffice;
using qiao::test::SyncDesk;
namespace sync_keys = qiao::core::sync_keys;

namespace {

json page(json changes, long long next_after, bool more = false) {
    return {{"protocol", 1}, {"changes", std::move(changes)}, {"next_after", next_after}, {"more", more}};
}

json change(long long seq, const std::string& kind, json data) { return {{"seq", seq}, {"kind", kind}, {"data", std::move(data)}}; }

// The small timetable with one more service, as the back office would publish it.
json bigger_services() {
    json services = qiao::test::small_services();
    json health = services["services"][0];
    health["id"] = "health-check";
    health["kind"] = "health_check";
    health["name"] = {{"zh-CN", "健康检查"}, {"en", "Health check"}};
    services["services"].push_back(health);
    return services;
}

}  // namespace

TEST_CASE("Pull: changes are applied in order and the cursor follows them") {
    SyncDesk desk;
    const auto booking = desk.book();
    const auto request = desk.ask_for_help();
    FakeBackoffice office;
    office.queue_json(200, page({change(41, "booking", {{"kind", "booking"}, {"id", booking.id}, {"state", "confirmed"}}),
                                 change(57, "help", {{"kind", "help"}, {"id", request.id}, {"status", "taken"}, {"volunteer_first_name", "Wei"}})},
                                57));
    PulledChanges pull(office, desk.stores, desk.log);
    CHECK(pull.cursor() == 0);
    const SyncStep step = pull.pull_all();
    CHECK(step.done());
    CHECK(step.changes.bookings);
    CHECK(step.changes.help);
    CHECK_FALSE(step.changes.timetable);
    REQUIRE(office.seen.size() == 1);
    CHECK(office.seen[0].method == "GET");
    CHECK(office.seen[0].path == "/api/v1/sync/pull?after=0&limit=200");
    CHECK(desk.bookings.find(booking.id)->state == BookingState::Confirmed);
    CHECK(desk.help.find(request.id)->status == "taken");
    CHECK(desk.help.find(request.id)->volunteer_first_name == "Wei");
    CHECK(pull.cursor() == 57);
    CHECK(desk.settings.get(sync_keys::kCursor) == "57");
}

TEST_CASE("Pull: while 'more', the next page is asked for at once, after the stored cursor") {
    SyncDesk desk;
    const auto booking = desk.book();
    FakeBackoffice office;
    office.queue_json(200, page({change(3, "booking", {{"kind", "booking"}, {"id", booking.id}, {"state", "waiting"}})}, 10, true));
    office.queue_json(200, page({change(12, "booking", {{"kind", "booking"}, {"id", booking.id}, {"state", "confirmed"}})}, 12, true));
    office.queue_json(200, page(json::array(), 12, false));
    PulledChanges pull(office, desk.stores, desk.log, 1);
    CHECK(pull.pull_all().done());
    REQUIRE(office.seen.size() == 3);
    CHECK(office.seen[0].path == "/api/v1/sync/pull?after=0&limit=1");
    CHECK(office.seen[1].path == "/api/v1/sync/pull?after=10&limit=1");  // next_after, past seq 3
    CHECK(office.seen[2].path == "/api/v1/sync/pull?after=12&limit=1");
    CHECK(desk.bookings.find(booking.id)->state == BookingState::Confirmed);
    CHECK(pull.cursor() == 12);
}

TEST_CASE("Pull: a change that cannot be applied is logged and skipped, and the cursor moves on") {
    SyncDesk desk;
    const auto booking = desk.book();
    const auto request = desk.ask_for_help();
    json bad_services = qiao::test::small_services();
    bad_services["services"][0]["kind"] = "juggling";
    FakeBackoffice office;
    office.queue_json(200, page({change(1, "booking", {{"kind", "booking"}, {"id", "not-on-this-kiosk"}, {"state", "confirmed"}}),
                                 change(2, "booking", {{"kind", "booking"}, {"id", booking.id}, {"state", "checked_in"}}),
                                 change(3, "help", {{"kind", "help"}, {"id", request.id}, {"status", "lost"}}),
                                 change(4, "services", {{"services_file", bad_services}}),
                                 change(5, "services", {{"no file", true}}),
                                 change(6, "weather", {{"sunny", true}}),
                                 change(7, "booking", "not an object"),
                                 change(8, "settings", {{"nothing", 1}}),
                                 change(9, "booking", {{"kind", "booking"}, {"id", booking.id}, {"state", "confirmed"}})},
                                9));
    PulledChanges pull(office, desk.stores, desk.log);
    const SyncStep step = pull.pull_all();
    CHECK(step.done());
    CHECK(pull.cursor() == 9);
    CHECK(desk.bookings.find(booking.id)->state == BookingState::Confirmed);  // the good one after the bad ones
    CHECK(desk.help.find(request.id)->status == "waiting_to_send");
    CHECK(desk.bookings.schedule()->services().size() == 1);  // the timetable in use is unchanged
    CHECK(desk.logged("pulled change 1 (booking) skipped"));
    CHECK(desk.logged("pulled change 2 (booking) skipped"));
    CHECK(desk.logged("pulled change 3 (help) skipped"));
    CHECK(desk.logged("pulled change 4 (services) skipped, the timetable in use is unchanged"));
    CHECK(desk.logged("pulled change 5 (services) skipped"));
    CHECK(desk.logged("pulled change 6 is of a kind this kiosk does not know (\"weather\")"));
    CHECK(desk.logged("pulled change 7 has no kind or no data"));
    CHECK(desk.logged("pulled change 8 (settings) has no \"settings\" object"));
}

TEST_CASE("Pull: a new timetable is checked and stored as --load-services does") {
    SyncDesk desk;
    FakeBackoffice office;
    office.queue_json(200, page({change(5, "services", {{"services_file", bigger_services()}})}, 5));
    PulledChanges pull(office, desk.stores, desk.log);
    const SyncStep step = pull.pull_all();
    CHECK(step.done());
    CHECK(step.changes.timetable);
    CHECK(desk.bookings.schedule()->services().size() == 2);
    // Stored: a service on another connection (the UI's) reads it again.
    qiao::core::BookingService reader(desk.store.db(), desk.outbox);
    REQUIRE(reader.schedule());
    CHECK(reader.schedule()->services().size() == 2);
    CHECK(desk.count("SELECT COUNT(*) FROM schedule WHERE source = 'backoffice'") == 1);
}

TEST_CASE("Pull: site settings are stored when a site may set them and they are allowed") {
    SyncDesk desk;
    FakeBackoffice office;
    office.queue_json(200, page({change(1, "settings", {{"settings",
                                                          {{"opening_hours", "09:00-17:00"},
                                                           {"speech_rate", 120},
                                                           {"voice", false},
                                                           {"idle_timeout", 5},                 // below 30: not allowed
                                                           {"data_dir", "/tmp/elsewhere"},      // not the site's to set
                                                           {"backoffice_ca", "/tmp/evil.pem"},  // nor whom the kiosk trusts
                                                           {"language", "yue\"\nx = 1"}}}})},
                                1));
    PulledChanges pull(office, desk.stores, desk.log);
    CHECK(pull.pull_all().changes.settings);
    CHECK(desk.settings.get("opening_hours") == "09:00-17:00");
    CHECK(desk.settings.get("speech_rate") == "120");
    CHECK(desk.settings.get("voice") == "off");
    CHECK_FALSE(desk.settings.get("idle_timeout"));
    CHECK_FALSE(desk.settings.get("data_dir"));
    CHECK_FALSE(desk.settings.get("backoffice_ca"));
    CHECK_FALSE(desk.settings.get("language"));
    CHECK(desk.logged("setting \"data_dir\" is not one a site may set"));
    CHECK(desk.logged("setting \"idle_timeout\" is not allowed"));
}

TEST_CASE("Pull: the pack catalogue and trusted keys are kept as pulled") {
    SyncDesk desk;
    const json packs = {{"packs", {{{"id", "org.qiao.basics"}, {"version", "1.2.0"}, {"size", 1000}, {"sha256", std::string(64, 'a')},
                                    {"title", "Basics"}, {"url", "/api/v1/packs/org.qiao.basics/1.2.0"}}}}};
    const json keys = {{"keys", {{{"id", "qiao"}, {"public_key", "abc"}}}}};
    FakeBackoffice office;
    office.queue_json(200, page({change(1, "pack_catalogue", packs), change(2, "trusted_keys", keys)}, 2));
    PulledChanges pull(office, desk.stores, desk.log);
    CHECK(pull.pull_all().changes.catalogue);
    CHECK(json::parse(*desk.settings.get(sync_keys::kPackCatalogue)) == packs);
    CHECK(json::parse(*desk.settings.get(sync_keys::kTrustedKeys)) == keys);
}

TEST_CASE("Pull: a page that is not the described JSON is retried whole, the cursor stays") {
    SyncDesk desk;
    desk.settings.set(sync_keys::kCursor, "7");
    const std::string good = page(json::array(), 7).dump();
    const std::pair<std::string, std::string> bad_pages[] = {
        {"<html>", "not a JSON object"},
        {good.substr(0, good.size() - 3), "not a JSON object"},
        {R"({"changes":[],"next_after":7,"more":false})", "\"protocol\" is not 1"},
        {R"({"protocol":1,"next_after":7,"more":false})", "no \"changes\" list"},
        {R"({"protocol":1,"changes":[],"more":false})", "\"next_after\" is not a whole number"},
        {R"({"protocol":1,"changes":[],"next_after":7})", "\"more\" is not true or false"},
        {R"({"protocol":1,"changes":[{"kind":"help","data":{}}],"next_after":9,"more":false})", "no whole-number \"seq\""},
        {R"({"protocol":1,"changes":[{"seq":9,"kind":"x","data":{}},{"seq":8,"kind":"x","data":{}}],"next_after":9,"more":false})",
         "not in order"},
        {R"({"protocol":1,"changes":[{"seq":9,"kind":"x","data":{}}],"next_after":8,"more":false})", "before the last change"},
    };
    for (const auto& [body, words] : bad_pages) {
        CAPTURE(body);
        FakeBackoffice office;
        office.queue(200, body);
        PulledChanges pull(office, desk.stores, desk.log);
        const SyncStep step = pull.pull_all();
        CHECK(step.outcome == SyncStep::Outcome::Failed);
        CHECK(step.error.find(words) != std::string::npos);
        CHECK(pull.cursor() == 7);
    }
}

TEST_CASE("Pull: 'more' without moving on is a failure, not a loop") {
    SyncDesk desk;
    FakeBackoffice office;
    office.handler = [](const qiao::test::SeenRequest&) { return qiao::test::json_reply(200, page(json::array(), 0, true)); };
    PulledChanges pull(office, desk.stores, desk.log);
    const SyncStep step = pull.pull_all();
    CHECK(step.outcome == SyncStep::Outcome::Failed);
    CHECK(office.seen.size() == 1);
}

TEST_CASE("Pull: errors say who must act") {
    SyncDesk desk;
    FakeBackoffice office;
    office.queue_json(401, {{"error", "unauthenticated"}, {"message", "no such token"}});
    office.queue_json(503, {{"error", "unavailable"}, {"message", "starting"}});
    PulledChanges pull(office, desk.stores, desk.log);
    CHECK(pull.pull_all().outcome == SyncStep::Outcome::Unauthenticated);
    const SyncStep later = pull.pull_all();
    CHECK(later.outcome == SyncStep::Outcome::Failed);
    CHECK(later.error == "pull: the back office answered HTTP 503 (unavailable: starting)");
}
