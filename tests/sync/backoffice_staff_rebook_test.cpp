// Rebooking by staff, against the real server: a booking moves to another slot with a
// seat in one step (same id and code, confirmed there), the seat it left goes to the
// first senior waiting for it, and the booking's kiosk pulls where it went, also in every
// later change of it; a full slot answers 409 slot_full with other times, a booking that
// cannot move 409 conflict, an unknown or past slot 400, and none of these change anything.
#include <doctest/doctest.h>

#include <httplib.h>

#include <chrono>
#include <map>

#include "core/outbox/outbox.hpp"
#include "core/time/utc_time.hpp"
#include "support/kiosk_api.hpp"
#include "support/running_backoffice.hpp"
#include "support/temp_dir.hpp"
#include "support/test_services.hpp"

using namespace qiao;
using nlohmann::json;
using testing::booking_body;
using testing::KioskApi;
using testing::outbox_entry;

namespace {

using Clock = std::chrono::system_clock;

// class-1 .. class-3 on the next three days, one seat each, and past-1, yesterday.
std::string timetable_with_a_past_slot() {
    json file = json::parse(testing::services_with_future_slots(3, 1));
    const std::string yesterday = core::iso8601_utc(Clock::now() - std::chrono::hours(24)).substr(0, 10);
    json past = file["slots"][0];
    past["id"] = "past-1";
    past["start"] = yesterday + "T10:00";
    past["end"] = yesterday + "T11:00";
    file["slots"].push_back(past);
    return file.dump();
}

struct Site {
    testing::TempDir dir{"staff-rebook"};
    testing::RunningBackoffice server{dir / "bo.db"};
    backoffice::EnrolledKiosk lobby, hillside;
    std::string staff_token, volunteer_id;

    Site() {
        server.add_site("riverside");
        server.add_site("hillside");
        server.load_services("riverside", timetable_with_a_past_slot());
        server.load_services("hillside", testing::services_with_future_slots(3, 1));
        lobby = server.enrol_kiosk("riverside");
        hillside = server.enrol_kiosk("hillside");
        staff_token = server.add_staff("riverside", "volunteer").token;
        volunteer_id = server.add_staff("riverside", "volunteer").staff_id;
    }
    KioskApi kiosk() const { return KioskApi(server.port(), lobby.token); }
    KioskApi staff() const { return KioskApi(server.port(), staff_token); }
    // The lobby kiosk books (or waits for) a seat; the booking's id.
    std::string book(const std::string& slot_id, bool wait = false, const KioskApi* from = nullptr) const {
        const json body = booking_body(slot_id);
        const auto answer =
            (from ? *from : kiosk()).push(json::array({outbox_entry(wait ? "booking_waitlist" : "booking_request", body)}));
        REQUIRE(answer.status == 200);
        REQUIRE(answer.json()["results"][0]["status"] == "accepted");
        return body["id"];
    }
    std::string state_of(const std::string& id) {
        const auto lock = server.server().office().lock();
        core::Statement select(server.server().office().db(), "SELECT state || ' ' || slot_id FROM bookings WHERE id = ?");
        select.bind(1, id);
        return select.step() ? select.column_text(0) : "none";
    }
    std::map<std::string, json> pulled() const {
        std::map<std::string, json> latest;
        const json page = kiosk().pull(0, 500).json();  // kept: the loop walks a part of it
        for (const json& change : page["changes"])
            if (change["kind"] == "booking") latest[change["data"]["id"]] = change["data"];
        return latest;
    }
    std::string everything() {
        return std::to_string(server.count("SELECT MAX(seq) FROM feed")) + " " +
               std::to_string(server.count("SELECT COUNT(*) FROM bookings WHERE state = 'confirmed'")) + " " +
               std::to_string(server.count("SELECT COUNT(*) FROM bookings WHERE moved_at IS NOT NULL"));
    }
};

testing::ApiAnswer rebook(const KioskApi& staff, const std::string& id, const std::string& slot_id) {
    return staff.post("/api/v1/bookings/" + id + "/rebook", json{{"slot_id", slot_id}}.dump());
}

}  // namespace

TEST_CASE("rebook: the booking moves with its id and code, the old seat goes to the first waiting, the kiosk pulls moved_to") {
    Site site;
    const std::string moving = site.book("class-1");
    const std::string first_waiting = site.book("class-1", true);
    const std::string second_waiting = site.book("class-1", true);
    REQUIRE(site.state_of(first_waiting) == "waiting class-1");
    REQUIRE(site.kiosk().push(json::array({outbox_entry("booking_check_in", {{"id", moving}})})).status == 200);
    REQUIRE(site.state_of(moving) == "checked_in class-1");

    const auto answer = rebook(site.staff(), moving, "class-3");
    REQUIRE(answer.status == 200);
    const json moved = answer.json();
    CHECK(moved["protocol"] == 1);
    const json& booking = moved["booking"];
    CHECK(booking["id"] == moving);
    CHECK(booking["code"] == "K7P2QA");
    CHECK(booking["slot_id"] == "class-3");
    CHECK(booking["service_id"] == "phone-class");
    CHECK(booking["state"] == "confirmed");
    CHECK(booking["checked_in_at"].is_null());  // checked in for the old time, not the new one
    const std::string day3 = core::iso8601_utc(Clock::now() + std::chrono::hours(72)).substr(0, 10);
    CHECK(booking["starts_at"] == day3 + "T10:00:00Z");
    CHECK(booking["ends_at"] == day3 + "T11:00:00Z");

    CHECK(site.state_of(first_waiting) == "confirmed class-1");  // the freed seat, in the order they came
    CHECK(site.state_of(second_waiting) == "waiting class-1");
    auto heard = site.pulled();
    CHECK(heard.at(moving) == json{{"kind", "booking"},
                                   {"id", moving},
                                   {"state", "confirmed"},
                                   {"moved_to",
                                    {{"service_id", "phone-class"},
                                     {"slot_id", "class-3"},
                                     {"starts_at", day3 + "T10:00:00Z"},
                                     {"ends_at", day3 + "T11:00:00Z"}}}});
    CHECK(heard.at(first_waiting)["state"] == "confirmed");
    CHECK_FALSE(heard.at(first_waiting).contains("moved_to"));

    // A retried rebook (its answer lost) finds it there already and changes nothing.
    const std::string before = site.everything();
    const auto again = rebook(site.staff(), moving, "class-3");
    CHECK(again.status == 200);
    CHECK(again.json()["booking"] == booking);
    CHECK(site.everything() == before);

    // Only a booking's latest change is kept: a later one still says where it is now.
    REQUIRE(site.staff().post("/api/v1/bookings/" + moving + "/attendance", R"({"outcome": "no_show", "reason": "ill"})").status ==
            200);
    heard = site.pulled();
    CHECK(heard.at(moving)["state"] == "no_show");
    CHECK(heard.at(moving)["moved_to"]["slot_id"] == "class-3");
}

TEST_CASE("rebook: a waiting booking moves to a free slot, also for a kiosk acting for its volunteer") {
    Site site;
    const std::string holder = site.book("class-2");
    const std::string waiting = site.book("class-2", true);
    httplib::Client client("127.0.0.1", site.server.port());
    const httplib::Headers acting = {{"Authorization", "Bearer " + site.lobby.token}, {"X-Qiao-Staff", site.volunteer_id}};
    const auto answer = client.Post(("/api/v1/bookings/" + waiting + "/rebook").c_str(), acting, R"({"slot_id": "class-1"})",
                                    "application/json");
    REQUIRE(answer);
    CHECK(answer->status == 200);
    CHECK(site.state_of(waiting) == "confirmed class-1");
    CHECK(site.state_of(holder) == "confirmed class-2");  // a waiting booking held no seat to give
    CHECK(site.pulled().at(waiting)["moved_to"]["slot_id"] == "class-1");
}

TEST_CASE("rebook: a full slot, a booking that cannot move, an unknown or past slot are refused and change nothing") {
    Site site;
    const std::string moving = site.book("class-1");
    const std::string taken = site.book("class-2");
    const std::string cancelled = site.book("class-3");
    REQUIRE(site.kiosk().push(json::array({outbox_entry("booking_cancel", {{"id", cancelled}})})).status == 200);
    const KioskApi hillside(site.server.port(), site.hillside.token);
    const std::string elsewhere = site.book("class-3", false, &hillside);
    const std::string before = site.everything();

    const auto full = rebook(site.staff(), moving, "class-2");
    CHECK(full.status == 409);
    CHECK(full.json()["error"] == "slot_full");
    CHECK(full.json()["alternatives"] == json::array({"class-3"}));
    CHECK_FALSE(full.json()["message"].get<std::string>().empty());

    const auto not_movable = rebook(site.staff(), cancelled, "class-3");
    CHECK(not_movable.status == 409);
    CHECK(not_movable.json()["error"] == "conflict");
    for (const std::string slot : {"class-99", "past-1"}) {
        const auto refused = rebook(site.staff(), moving, slot);
        CHECK_MESSAGE(refused.status == 400, slot);
        CHECK(refused.json()["error"] == "bad_request");
    }
    for (const std::string body : {"", "{}", R"({"slot_id": 3})", R"({"slot_id": ""})", "[]", "{not json"})
        CHECK_MESSAGE(site.staff().post("/api/v1/bookings/" + moving + "/rebook", body).status == 400, body);
    CHECK(rebook(site.staff(), "no-such-booking", "class-3").status == 404);
    CHECK(rebook(site.staff(), elsewhere, "class-1").status == 404);  // another site's is unknown here
    CHECK(rebook(site.kiosk(), moving, "class-3").status == 403);      // a device token without X-Qiao-Staff
    CHECK(site.everything() == before);
    CHECK(site.state_of(moving) == "confirmed class-1");
    CHECK(site.state_of(taken) == "confirmed class-2");

    // Attended is done with: it cannot move.
    REQUIRE(site.staff().post("/api/v1/bookings/" + moving + "/attendance", R"({"outcome": "attended"})").status == 200);
    CHECK(rebook(site.staff(), moving, "class-3").json()["error"] == "conflict");
}
