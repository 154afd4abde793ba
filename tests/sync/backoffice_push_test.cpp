// Push against the real server: each entry id applied once however often it comes,
// answers per entry, bookings decided against capacity (also under concurrent kiosks),
// a freed seat offered to the waiting list in order, and pull in bounded pages.
#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "support/kiosk_api.hpp"
#include "support/running_backoffice.hpp"
#include "support/temp_dir.hpp"
#include "support/test_services.hpp"

using namespace qiao;
using nlohmann::json;
using testing::KioskApi;
using testing::booking_body;
using testing::outbox_entry;

namespace {

struct Site {
    testing::TempDir dir{"push"};
    testing::RunningBackoffice server{dir / "bo.db"};
    Site(int slots, int capacity) {
        server.add_site("riverside");
        server.load_services("riverside", testing::services_with_future_slots(slots, capacity));
    }
    KioskApi kiosk() { return KioskApi(server.port(), server.enrol_kiosk("riverside").token); }
};

// Every change the kiosk can pull now, by subject id.
std::map<std::string, json> pulled_bookings(const KioskApi& api) {
    std::map<std::string, json> bookings;
    std::int64_t after = 0;
    for (bool more = true; more;) {
        const json page = api.pull(after, 50).json();
        for (const json& change : page["changes"])
            if (change["kind"] == "booking") bookings[change["data"]["id"]] = change["data"];
        after = page["next_after"];
        more = page["more"];
    }
    return bookings;
}

}  // namespace

TEST_CASE("push: an entry sent twice is applied once and answered the same") {
    Site site(1, 5);
    KioskApi api = site.kiosk();
    const json entries = json::array({outbox_entry("booking_request", booking_body("class-1")),
                                      outbox_entry("help_request", {{"id", "h1"}, {"category", "scam"}, {"urgent", true},
                                                                    {"phone", "13812345678"}, {"at_station", false},
                                                                    {"respond_by", "2026-11-27T12:00:00Z"}, {"voice", nullptr}})});
    const auto first = api.push(entries);
    REQUIRE(first.status == 200);
    const json results = first.json()["results"];
    REQUIRE(results.size() == 2);
    CHECK(results[0]["status"] == "accepted");
    CHECK(results[0]["id"] == entries[0]["id"]);
    CHECK_FALSE(results[0].contains("already_had"));

    const json second = api.push(entries).json()["results"];
    CHECK(second[0]["status"] == "accepted");
    CHECK(second[0]["already_had"] == true);
    CHECK(second[1]["already_had"] == true);
    CHECK(site.server.count("SELECT COUNT(*) FROM bookings") == 1);
    CHECK(site.server.count("SELECT COUNT(*) FROM help_requests") == 1);
    CHECK(site.server.count("SELECT COUNT(*) FROM received_entries") == 2);
}

TEST_CASE("push: bad entries are rejected one by one, the rest of the batch is applied") {
    Site site(1, 5);
    KioskApi api = site.kiosk();
    json no_slot = booking_body("class-1");
    no_slot.erase("slot_id");
    json wrong_type = booking_body("class-1");
    wrong_type["phone"] = 13812345678;
    const json entries = json::array({outbox_entry("booking_request", no_slot), outbox_entry("teleport", json::object()),
                                      outbox_entry("booking_request", wrong_type), outbox_entry("booking_cancel", {{"id", "nope"}}),
                                      outbox_entry("booking_request", "a string body"),
                                      outbox_entry("booking_request", booking_body("class-1"))});
    const auto answer = api.push(entries);
    REQUIRE(answer.status == 200);
    const json results = answer.json()["results"];
    REQUIRE(results.size() == 6);
    CHECK(results[0]["status"] == "rejected");
    CHECK(results[0]["reason"] == "bad_body");
    CHECK(results[0]["message"] == "body.slot_id: missing");
    CHECK(results[1]["reason"] == "unknown_kind");
    CHECK(results[2]["reason"] == "bad_body");
    CHECK(results[3]["reason"] == "unknown_subject");
    CHECK(results[4]["reason"] == "bad_body");
    CHECK(results[5]["status"] == "accepted");
    CHECK(site.server.count("SELECT COUNT(*) FROM bookings") == 1);
    // A rejection is final: the resend gets it again, with the same words.
    CHECK(api.push(json::array({entries[0]})).json()["results"][0]["message"] == "body.slot_id: missing");
}

TEST_CASE("push: capacity holds, the loser is declined with other times, a waiting list gets freed seats in order") {
    Site site(3, 2);
    KioskApi a = site.kiosk(), b = site.kiosk();
    const json first = booking_body("class-1"), second = booking_body("class-1");
    const json late = booking_body("class-1"), waiter1 = booking_body("class-1"), waiter2 = booking_body("class-1");
    a.push(json::array({outbox_entry("booking_request", first), outbox_entry("booking_request", second)}));
    b.push(json::array({outbox_entry("booking_request", late), outbox_entry("booking_waitlist", waiter1),
                        outbox_entry("booking_waitlist", waiter2)}));

    auto seen_a = pulled_bookings(a), seen_b = pulled_bookings(b);
    CHECK(seen_a.size() == 2);  // a kiosk hears only about its own bookings
    CHECK(seen_a[first["id"]]["state"] == "confirmed");
    CHECK(seen_a[second["id"]]["state"] == "confirmed");
    CHECK(seen_b[late["id"]]["state"] == "declined");
    CHECK(seen_b[late["id"]]["reason"] == "slot_full");
    CHECK(seen_b[late["id"]]["alternatives"] == json::array({"class-2", "class-3"}));
    CHECK(seen_b[waiter1["id"]]["state"] == "waiting");
    CHECK(seen_b[waiter2["id"]]["state"] == "waiting");

    // A confirmed booking is cancelled: the first to wait gets the seat, not the second.
    a.push(json::array({outbox_entry("booking_cancel", {{"id", first["id"]}, {"code", "K7P2QA"}})}));
    seen_b = pulled_bookings(b);
    CHECK(seen_b[waiter1["id"]]["state"] == "confirmed");
    CHECK(seen_b[waiter2["id"]]["state"] == "waiting");
    CHECK(site.server.count("SELECT COUNT(*) FROM bookings WHERE slot_id = 'class-1' AND state = 'confirmed'") == 2);
}

TEST_CASE("push: many kiosks booking the last seats at the same moment never overbook") {
    constexpr int kKiosks = 8, kEach = 3, kSeats = 5;
    Site site(1, kSeats);
    std::vector<KioskApi> kiosks;
    for (int i = 0; i < kKiosks; ++i) kiosks.push_back(site.kiosk());
    std::vector<std::thread> threads;
    std::vector<int> statuses(kKiosks);
    for (int i = 0; i < kKiosks; ++i) {
        threads.emplace_back([&, i] {
            json entries = json::array();
            for (int j = 0; j < kEach; ++j) entries.push_back(outbox_entry("booking_request", booking_body("class-1")));
            statuses[i] = kiosks[i].push(entries).status;
        });
    }
    for (auto& t : threads) t.join();
    for (int status : statuses) CHECK(status == 200);
    CHECK(site.server.count("SELECT COUNT(*) FROM bookings WHERE state = 'confirmed'") == kSeats);
    CHECK(site.server.count("SELECT COUNT(*) FROM bookings WHERE state = 'declined' AND reason = 'slot_full'") ==
          kKiosks * kEach - kSeats);
    // Every loser hears it.
    int declined_heard = 0;
    for (const KioskApi& kiosk : kiosks)
        for (const auto& [id, change] : pulled_bookings(kiosk)) declined_heard += change["state"] == "declined";
    CHECK(declined_heard == kKiosks * kEach - kSeats);
}

TEST_CASE("pull: a kiosk far behind catches up in bounded pages, and sees only the latest state of each booking") {
    Site site(1, 1000);
    KioskApi api = site.kiosk();
    std::vector<json> bookings;
    for (int batch = 0; batch < 5; ++batch) {
        json entries = json::array();
        for (int i = 0; i < 90; ++i) {
            bookings.push_back(booking_body("class-1"));
            entries.push_back(outbox_entry("booking_request", bookings.back()));
        }
        REQUIRE(api.push(entries).status == 200);
    }
    // The first ten are cancelled: their "confirmed" changes give way to "cancelled".
    json cancels = json::array();
    for (int i = 0; i < 10; ++i) cancels.push_back(outbox_entry("booking_cancel", {{"id", bookings[i]["id"]}}));
    REQUIRE(api.push(cancels).status == 200);

    std::int64_t after = 0;
    int pages = 0, changes = 0, cancelled = 0;
    for (bool more = true; more; ++pages) {
        const json page = api.pull(after, 200).json();
        CHECK(page["changes"].size() <= 200);
        for (const json& change : page["changes"]) {
            CHECK(change["seq"].get<std::int64_t>() > after);
            ++changes;
            cancelled += change["data"].value("state", "") == "cancelled";
        }
        after = page["next_after"];
        more = page["more"];
    }
    CHECK(pages == 3);             // 451 changes (450 bookings + the timetable) in pages of 200
    CHECK(changes == 450 + 1);
    CHECK(cancelled == 10);
    CHECK(api.pull(after).json()["changes"].empty());
    CHECK(api.pull(0, 501).status == 400);
    CHECK(api.get("/api/v1/sync/pull?after=abc").status == 400);
}

TEST_CASE("push: oversized, over-long, wrongly typed and unauthenticated pushes get a clear error and change nothing") {
    Site site(1, 5);
    KioskApi api = site.kiosk();
    REQUIRE(api.push(json::array({outbox_entry("booking_request", booking_body("class-1"))})).status == 200);
    const auto received = site.server.count("SELECT COUNT(*) FROM received_entries");
    const auto bookings = site.server.count("SELECT COUNT(*) FROM bookings");

    // Over 8 MiB: refused before it is read whole.
    const std::string huge(9 * 1024 * 1024, 'x');
    const auto too_big = api.post("/api/v1/sync/push", R"({"protocol":1,"entries":[{"id":")" + huge + R"("}]})");
    CHECK(too_big.status == 413);
    CHECK(too_big.json()["error"] == "payload_too_large");
    // 101 entries.
    json many = json::array();
    for (int i = 0; i < 101; ++i) many.push_back(outbox_entry("booking_request", booking_body("class-1")));
    const auto too_many = api.push(many);
    CHECK(too_many.status == 413);
    CHECK(too_many.json()["message"].get<std::string>().find("100") != std::string::npos);
    // Not JSON, not an object, entries not a list, an id that is not a client id.
    for (const std::string body : {"{\"entries\": [", "[1, 2]", "{\"entries\": 7}", "{\"entries\": [{\"id\": 5}]}",
                                   "{\"entries\": [{\"id\": \"../../etc\"}]}", ""}) {
        const auto answer = api.post("/api/v1/sync/push", body);
        CHECK(answer.status == 400);
        CHECK(answer.json()["error"] == "bad_request");
        CHECK_FALSE(answer.json()["message"].get<std::string>().empty());
    }
    // No token, a wrong token.
    CHECK(KioskApi(site.server.port(), "").push(json::array({outbox_entry("help_feedback", {{"id", "x"}, {"helped", true}})})).status == 401);
    CHECK(KioskApi(site.server.port(), "Zm9v").push(json::array()).status == 401);

    CHECK(site.server.count("SELECT COUNT(*) FROM received_entries") == received);
    CHECK(site.server.count("SELECT COUNT(*) FROM bookings") == bookings);
    CHECK(api.get("/api/v1/health").status == 200);  // and it is still up
}
