// Hours and classes pushed by a kiosk in staff mode, against the real server:
// hours_served writes two ledger rows summing to 0 and the staff member's change then
// carries the new total; a resent entry counts once; bodies the server cannot take are
// rejected one by one while the rest of the push goes in. class_held marks the ticked
// bookings attended (their kiosk hears it), counts a completion for each booked senior
// and each walk-in in the site's figures, and leaves bookings that cannot be attended.
#include <doctest/doctest.h>

#include <chrono>
#include <map>

#include "backoffice/site_figures.hpp"
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

std::string minutes_ago(int minutes) { return core::iso8601_utc(Clock::now() - std::chrono::minutes(minutes)); }

json hours(const std::string& staff_id, int minutes, const std::string& kind = "shift") {
    return {{"staff_id", staff_id},
            {"kind", kind},
            {"started_at", minutes_ago(minutes + 5)},
            {"ended_at", minutes_ago(5)},
            {"minutes", minutes}};
}

struct Site {
    testing::TempDir dir{"staff-hours"};
    testing::RunningBackoffice server{dir / "bo.db"};
    backoffice::EnrolledKiosk lobby, hillside;
    std::string wei, hill;

    Site() {
        server.add_site("riverside");
        server.add_site("hillside");
        server.load_services("riverside", testing::services_with_future_slots(2, 5));
        lobby = server.enrol_kiosk("riverside");
        hillside = server.enrol_kiosk("hillside");
        const auto lock = server.server().office().lock();
        auto& roster = server.server().office().roster();
        wei = roster.add("riverside", "Wang Wei", "volunteer", std::nullopt, Clock::now()).staff_id;
        hill = roster.add("hillside", "Hu Lan", "volunteer", std::nullopt, Clock::now()).staff_id;
    }
    KioskApi kiosk() const { return KioskApi(server.port(), lobby.token); }
    json push(const json& entries) const {
        const auto answer = kiosk().push(entries);
        REQUIRE(answer.status == 200);
        return answer.json()["results"];
    }
    // The latest change of this kind the lobby kiosk pulls, by subject id.
    std::map<std::string, json> pulled(const std::string& kind) const {
        std::map<std::string, json> latest;
        const json page = kiosk().pull(0, 500).json();  // kept: the loop walks a part of it
        for (const json& change : page["changes"])
            if (change["kind"] == kind) latest[change["data"]["id"]] = change["data"];
        return latest;
    }
    std::int64_t balance(const std::string& account) {
        const auto lock = server.server().office().lock();
        return server.server().office().hours().balance(account);
    }
};

}  // namespace

TEST_CASE("hours_served: two ledger rows that sum to 0, the total in the staff change, a resent entry counted once") {
    Site site;
    const json shift = outbox_entry("hours_served", hours(site.wei, 135));
    json results = site.push(json::array({shift}));
    REQUIRE(results[0]["status"] == "accepted");

    CHECK(site.server.count("SELECT COUNT(*) FROM hours_ledger") == 2);
    CHECK(site.server.count("SELECT SUM(minutes) FROM hours_ledger") == 0);
    CHECK(site.server.count("SELECT minutes FROM hours_ledger WHERE account = 'volunteer:" + site.wei + "'") == 135);
    CHECK(site.server.count("SELECT minutes FROM hours_ledger WHERE account = 'site:riverside'") == -135);
    CHECK(site.server.count("SELECT COUNT(*) FROM hours_ledger WHERE kind = 'shift' AND entry_id = '" +
                            shift["id"].get<std::string>() + "'") == 2);
    CHECK(site.pulled("staff").at(site.wei)["hours_minutes"] == 135);

    // Resent (the answer was lost): the same answer, nothing counted twice.
    results = site.push(json::array({shift, outbox_entry("hours_served", hours(site.wei, 45, "class"))}));
    CHECK(results[0]["already_had"] == true);
    CHECK(results[1]["status"] == "accepted");
    CHECK(site.balance("volunteer:" + site.wei) == 180);
    CHECK(site.balance("site:riverside") == -180);
    CHECK(site.server.count("SELECT SUM(minutes) FROM hours_ledger") == 0);
    const json change = site.pulled("staff").at(site.wei);
    CHECK(change["hours_minutes"] == 180);
    CHECK(change["active"] == true);
    // One change per staff member, however often their hours change.
    CHECK(site.server.count("SELECT COUNT(*) FROM feed WHERE kind = 'staff' AND subject = '" + site.wei + "'") == 1);

    // A revoked volunteer's late hours (an offline kiosk) still count.
    {
        const auto lock = site.server.server().office().lock();
        site.server.server().office().roster().revoke(site.wei, Clock::now());
    }
    REQUIRE(site.push(json::array({outbox_entry("hours_served", hours(site.wei, 20))}))[0]["status"] == "accepted");
    CHECK(site.pulled("staff").at(site.wei)["hours_minutes"] == 200);
    CHECK(site.pulled("staff").at(site.wei)["active"] == false);
}

TEST_CASE("hours_served: bad bodies and other sites' staff are rejected each alone, and the rest of the push goes in") {
    Site site;
    const auto with = [&](const char* field, const json& value) {
        json body = hours(site.wei, 30);
        if (value.is_discarded())
            body.erase(field);
        else
            body[field] = value;
        return outbox_entry("hours_served", body);
    };
    const json gone = json(json::value_t::discarded);
    const json entries = json::array({
        with("minutes", 0),                               // 0 .. 5: bad_body
        with("minutes", 721),
        with("minutes", 30.5),
        with("minutes", "30"),
        with("kind", "coffee"),
        with("started_at", "yesterday"),
        with("ended_at", minutes_ago(60)),                // before started_at (35 min ago)
        with("minutes", gone),
        with("staff_id", gone),
        with("minutes", 300),                             // 9: more than the 30 minutes between the times
        outbox_entry("hours_served", hours(site.hill, 30)),  // 10: another site's volunteer
        outbox_entry("hours_served", hours("s-00000000", 30)),
        outbox_entry("hours_served", hours(site.wei, 30)),   // 12: fine
    });
    const json results = site.push(entries);
    REQUIRE(results.size() == entries.size());
    for (std::size_t i = 0; i < 10; ++i) {
        CAPTURE(i);
        CHECK(results[i]["status"] == "rejected");
        CHECK(results[i]["reason"] == "bad_body");
        CHECK(results[i]["message"].get<std::string>().starts_with("body."));
    }
    CHECK(results[10]["reason"] == "unknown_subject");
    CHECK(results[11]["reason"] == "unknown_subject");
    CHECK(results[12]["status"] == "accepted");
    CHECK(site.server.count("SELECT COUNT(*) FROM hours_ledger") == 2);
    CHECK(site.balance("volunteer:" + site.wei) == 30);
    CHECK(site.balance("volunteer:" + site.hill) == 0);
    // A 12-hour shift is the most one entry holds; a 10-second one still counts a minute.
    json longest = hours(site.wei, 720);
    json shortest = {{"staff_id", site.wei}, {"kind", "shift"}, {"started_at", "2026-11-27T08:30:00Z"},
                     {"ended_at", "2026-11-27T08:30:10.500Z"}, {"minutes", 1}};
    const json more = site.push(json::array({outbox_entry("hours_served", longest), outbox_entry("hours_served", shortest)}));
    CHECK(more[0]["status"] == "accepted");
    CHECK(more[1]["status"] == "accepted");
    CHECK(site.balance("volunteer:" + site.wei) == 751);
}

TEST_CASE("class_held: ticked bookings become attended, each present senior completes the lesson, the figures count them") {
    Site site;
    // Four bookings of class-1 from the lobby kiosk: two ticked, one cancelled, one not ticked.
    std::vector<std::string> ids;
    json entries = json::array();
    for (int i = 0; i < 4; ++i) {
        const json body = booking_body("class-1");
        ids.push_back(body["id"]);
        entries.push_back(outbox_entry("booking_request", body));
    }
    entries.push_back(outbox_entry("booking_cancel", {{"id", ids[2]}, {"code", "K7P2QA"}}));
    entries.push_back(outbox_entry("booking_check_in", {{"id", ids[1]}, {"code", "K7P2QA"}}));
    for (const json& result : site.push(entries)) REQUIRE(result["status"] == "accepted");
    const json other_site_booking = booking_body("class-1");
    REQUIRE(KioskApi(site.server.port(), site.hillside.token)
                .push(json::array({outbox_entry("booking_request", other_site_booking)}))
                .json()["results"][0]["status"] == "accepted");

    const json learners = json::array({"learner-3f9a0c1d", "learner-77ad0912", "learner-3f9a0c1d"});  // one twice
    const json class_body = {{"id", core::new_client_id()},
                             {"staff_id", site.wei},
                             {"pack_id", "org.qiao.basics"},
                             {"lesson_id", "wechat-video-call"},
                             {"pack_version", "1.2.0"},
                             {"language", "zh-CN"},
                             {"started_at", minutes_ago(65)},
                             {"ended_at", minutes_ago(5)},
                             {"attended_bookings", json::array({ids[0], ids[1], ids[2], ids[0], "no-such-booking",
                                                                other_site_booking["id"]})},
                             {"learners", learners}};
    const json held = outbox_entry("class_held", class_body);
    REQUIRE(site.push(json::array({held}))[0]["status"] == "accepted");

    CHECK(site.server.count("SELECT COUNT(*) FROM bookings WHERE state = 'attended'") == 2);
    CHECK(site.server.count("SELECT COUNT(*) FROM bookings WHERE id = '" + ids[2] + "' AND state = 'cancelled'") == 1);
    CHECK(site.server.count("SELECT COUNT(*) FROM bookings WHERE id = '" + ids[3] + "' AND state = 'confirmed'") == 1);
    CHECK(site.server.count("SELECT COUNT(*) FROM bookings WHERE id = '" + other_site_booking["id"].get<std::string>() +
                            "' AND state = 'declined'") == 1);  // hillside has no timetable: as it was
    const auto heard = site.pulled("booking");
    CHECK(heard.at(ids[0])["state"] == "attended");
    CHECK(heard.at(ids[1])["state"] == "attended");
    CHECK(heard.at(ids[2])["state"] == "cancelled");

    // Two booked seniors and two walk-ins completed the lesson, once each.
    CHECK(site.server.count("SELECT COUNT(*) FROM lesson_completions WHERE lesson_id = 'wechat-video-call'") == 4);
    CHECK(site.server.count("SELECT COUNT(*) FROM lesson_completions WHERE learner = 'booking:" + ids[0] + "'") == 1);
    CHECK(site.server.count("SELECT COUNT(*) FROM lesson_completions WHERE learner = 'learner-3f9a0c1d'") == 1);
    CHECK(site.server.count("SELECT attended * 100 + walk_ins * 10 + bookings_left FROM classes") == 223);
    CHECK(site.server.count("SELECT COUNT(*) FROM classes WHERE staff_id = '" + site.wei + "' AND entry_id = '" +
                            held["id"].get<std::string>() + "'") == 1);
    {
        const auto lock = site.server.server().office().lock();
        const auto reports = backoffice::SiteFigures(site.server.server().office().db()).collect({"riverside", "", ""});
        REQUIRE(reports.size() == 1);
        CHECK(reports[0].total.lessons_completed == 4);
        CHECK(reports[0].total.attended == 2);
    }

    // The same class sent again under a new entry id, and the entry itself resent: nothing twice.
    const json again = site.push(json::array({held, outbox_entry("class_held", class_body)}));
    CHECK(again[0]["already_had"] == true);
    CHECK(again[1]["status"] == "accepted");
    CHECK(site.server.count("SELECT COUNT(*) FROM lesson_completions") == 4);
    CHECK(site.server.count("SELECT COUNT(*) FROM classes") == 1);
}

TEST_CASE("class_held: bad bodies and other sites' volunteers are rejected alone, and nothing of them is kept") {
    Site site;
    const json booking = booking_body("class-1");
    REQUIRE(site.push(json::array({outbox_entry("booking_request", booking)}))[0]["status"] == "accepted");
    const auto body = [&](const char* field, const json& value) {
        json b = {{"id", core::new_client_id()},      {"staff_id", site.wei},         {"pack_id", "org.qiao.basics"},
                  {"lesson_id", "wechat-video-call"}, {"pack_version", "1.2.0"},     {"language", "zh-CN"},
                  {"started_at", minutes_ago(65)},    {"ended_at", minutes_ago(5)}, {"attended_bookings", {booking["id"]}},
                  {"learners", json::array({"learner-1"})}};
        if (value.is_discarded())
            b.erase(field);
        else
            b[field] = value;
        return outbox_entry("class_held", b);
    };
    const json gone = json(json::value_t::discarded);
    const json entries = json::array({body("attended_bookings", gone), body("learners", "learner-1"),
                                      body("learners", json::array({7})), body("attended_bookings", json::array({""})),
                                      body("lesson_id", gone), body("ended_at", minutes_ago(70)), body("started_at", 5),
                                      body("staff_id", site.hill), body("id", gone)});
    const json results = site.push(entries);
    REQUIRE(results.size() == entries.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        CAPTURE(i);
        CHECK(results[i]["status"] == "rejected");
        CHECK(results[i]["reason"] == (i == 7 ? "unknown_subject" : "bad_body"));
    }
    // The booking is as it was, and no completion or class was kept of any of them.
    CHECK(site.server.count("SELECT COUNT(*) FROM bookings WHERE state = 'confirmed'") == 1);
    CHECK(site.server.count("SELECT COUNT(*) FROM lesson_completions") == 0);
    CHECK(site.server.count("SELECT COUNT(*) FROM classes") == 0);
}
