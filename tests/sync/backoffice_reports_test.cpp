// What kiosks and site managers read back from the real server: the heartbeat (kept
// once per kiosk, running tap totals that a resend cannot double, malformed ones refused
// whole), and the site's figures after a known set of pushes, as JSON and as CSV.
#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <tuple>

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
    testing::TempDir dir{"reports"};
    testing::RunningBackoffice server{dir / "bo.db"};
    Site() {
        server.add_site("riverside");
        server.load_services("riverside", testing::services_with_future_slots(2, 10));
    }
    KioskApi kiosk() { return KioskApi(server.port(), server.enrol_kiosk("riverside").token); }
    KioskApi staff(const std::string& role) { return KioskApi(server.port(), server.add_staff("riverside", role).token); }
    void sql(const std::string& statement) {
        const auto lock = server.server().office().lock();
        server.server().office().db().exec(statement);
    }
};

json heartbeat(const json& touches, const std::string& version = "0.1.0") {
    return {{"app_version", version}, {"outbox_depth", 3},         {"last_sync_at", "2026-11-27T08:30:00Z"},
            {"disk_free_bytes", 5368709120LL}, {"touches", touches}};
}

json touch(const std::string& day, const std::string& screen, int taps, int misses) {
    return {{"day", day}, {"screen", screen}, {"taps", taps}, {"misses", misses}};
}

json help_body(const std::string& id) {
    return {{"id", id},          {"category", "phone"},  {"urgent", false},
            {"phone", "13812345678"}, {"at_station", false}, {"created_at", "2026-11-20T03:00:00Z"},
            {"respond_by", "2026-11-20T07:00:00Z"}, {"voice", nullptr}};
}

json lesson_body(const std::string& completed_at) {
    return {{"lesson_id", "first-tap"}, {"pack_id", "org.qiao.test-minimal"}, {"pack_version", "1.0.0"},
            {"language", "zh-CN"},      {"learner", "a1b2"},                   {"completed_at", completed_at}};
}

// A CSV of ours read back: (day, figure, key) -> value for one site. Our fields are
// never quoted except a kiosk's name, which these tests do not read.
std::map<std::tuple<std::string, std::string, std::string>, std::string> read_csv(const std::string& text,
                                                                                   std::string& header) {
    std::map<std::tuple<std::string, std::string, std::string>, std::string> cells;
    std::istringstream lines(text);
    std::string line;
    std::getline(lines, line);
    header = line;
    while (std::getline(lines, line)) {
        REQUIRE(line.ends_with("\r"));  // RFC 4180 line ends, as spreadsheets expect
        line.pop_back();
        std::vector<std::string> fields;
        std::istringstream cols(line);
        for (std::string field; std::getline(cols, field, ',');) fields.push_back(field);
        if (line.ends_with(",")) fields.push_back("");
        REQUIRE(fields.size() == 5);
        cells[{fields[1], fields[2], fields[3]}] = fields[4];
    }
    return cells;
}

}  // namespace

TEST_CASE("heartbeat: kept once per kiosk, a resent one does not add its taps twice, a late one lowers nothing") {
    Site site;
    KioskApi kiosk = site.kiosk();
    const json first = heartbeat(json::array({touch("2026-11-27", "home", 120, 7), touch("2026-11-27", "learn", 10, 1)}));
    const auto answer = kiosk.post("/api/v1/heartbeat", first.dump());
    REQUIRE(answer.status == 200);
    CHECK(answer.json() == json{{"protocol", 1}});
    REQUIRE(kiosk.post("/api/v1/heartbeat", first.dump()).status == 200);
    CHECK(site.server.count("SELECT COUNT(*) FROM heartbeats") == 1);
    CHECK(site.server.count("SELECT SUM(taps) FROM touch_totals") == 130);
    CHECK(site.server.count("SELECT SUM(misses) FROM touch_totals") == 8);
    CHECK(site.server.count("SELECT disk_free_bytes = 5368709120 AND outbox_depth = 3 FROM heartbeats") == 1);

    // The day goes on: the new running total replaces the old one.
    REQUIRE(kiosk.post("/api/v1/heartbeat", heartbeat(json::array({touch("2026-11-27", "home", 150, 9)}), "0.2.0").dump())
                .status == 200);
    CHECK(site.server.count("SELECT taps FROM touch_totals WHERE screen = 'home'") == 150);
    CHECK(site.server.count("SELECT COUNT(*) FROM heartbeats WHERE app_version = '0.2.0'") == 1);
    // The first heartbeat again (a retry that arrived late) leaves the larger total.
    REQUIRE(kiosk.post("/api/v1/heartbeat", first.dump()).status == 200);
    CHECK(site.server.count("SELECT taps FROM touch_totals WHERE screen = 'home'") == 150);
    CHECK(site.server.count("SELECT misses FROM touch_totals WHERE screen = 'home'") == 9);

    // Before its first sync a kiosk has no last_sync_at.
    json never_synced = heartbeat(json::array());
    never_synced["last_sync_at"] = nullptr;
    CHECK(site.kiosk().post("/api/v1/heartbeat", never_synced.dump()).status == 200);
    CHECK(site.server.count("SELECT COUNT(*) FROM heartbeats") == 2);
}

TEST_CASE("heartbeat: a malformed one is refused with 400 naming the field, and nothing of it is kept") {
    Site site;
    KioskApi kiosk = site.kiosk();
    REQUIRE(kiosk.post("/api/v1/heartbeat", heartbeat(json::array({touch("2026-11-27", "home", 10, 1)})).dump()).status ==
            200);

    json too_many = json::array();
    for (int i = 0; i < 501; ++i) too_many.push_back(touch("2026-11-27", "screen" + std::to_string(i), 1, 0));
    json depth_text = heartbeat(json::array());
    depth_text["outbox_depth"] = "3";
    json negative = heartbeat(json::array());
    negative["disk_free_bytes"] = -1;
    json bad_time = heartbeat(json::array());
    bad_time["last_sync_at"] = "yesterday";
    json formula_version = heartbeat(json::array());
    formula_version["app_version"] = "=HYPERLINK(\"x\")";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"not JSON", "{"},
        {"a list", "[]"},
        {"501 touch rows", heartbeat(too_many).dump()},
        {"more misses than taps", heartbeat(json::array({touch("2026-11-27", "home", 500, 501)})).dump()},
        {"a date that is not one", heartbeat(json::array({touch("2026-02-30", "home", 500, 1)})).dump()},
        {"taps as text", heartbeat(json::array({{{"day", "2026-11-27"}, {"screen", "home"}, {"taps", "9"}, {"misses", 0}}})).dump()},
        {"outbox_depth as text", depth_text.dump()},
        {"negative disk", negative.dump()},
        {"a time that is not one", bad_time.dump()},
        {"a version that is a formula", formula_version.dump()},
    };
    for (const auto& [what, body] : cases) {
        CAPTURE(what);
        const auto answer = kiosk.post("/api/v1/heartbeat", body);
        CHECK(answer.status == 400);
        CHECK(answer.json()["error"] == "bad_request");
        CHECK_FALSE(answer.json()["message"].get<std::string>().empty());
    }
    // The valid rows before a bad one in the same heartbeat were not kept either.
    CHECK(kiosk.post("/api/v1/heartbeat", heartbeat(json::array({touch("2026-11-27", "home", 99, 1),
                                                                  touch("2026-11-27", "learn", 5, 6)})).dump())
              .status == 400);
    CHECK(site.server.count("SELECT COUNT(*) FROM touch_totals") == 1);
    CHECK(site.server.count("SELECT taps FROM touch_totals") == 10);
    CHECK(site.server.count("SELECT COUNT(*) FROM heartbeats WHERE app_version = '0.1.0'") == 1);
    // Only kiosks send heartbeats.
    CHECK(site.staff("manager").post("/api/v1/heartbeat", heartbeat(json::array()).dump()).status == 403);
}

TEST_CASE("figures: after a known set of pushes, per day and in total, as JSON and as the same numbers in CSV") {
    Site site;
    KioskApi lobby = site.kiosk(), clinic = site.kiosk();

    // Lessons: two on the 20th; one at 01:00 on the 22nd in Beijing (17:00Z on the 21st).
    REQUIRE(lobby.push(json::array({outbox_entry("lesson_completed", lesson_body("2026-11-20T02:00:00.000Z")),
                                    outbox_entry("lesson_completed", lesson_body("2026-11-20T09:30:00Z")),
                                    outbox_entry("lesson_completed", lesson_body("2026-11-21T17:00:00Z"))}))
                .status == 200);

    // Help, all made on the 20th with 07:00Z to answer: claimed in time, claimed late,
    // resolved in time without a claim, never answered.
    const std::vector<std::string> help_ids = {"h-in-time", "h-late", "h-resolved", "h-open"};
    json help_entries = json::array();
    for (const std::string& id : help_ids) help_entries.push_back(outbox_entry("help_request", help_body(id)));
    REQUIRE(lobby.push(help_entries).status == 200);
    site.sql("UPDATE help_requests SET status = 'taken', claimed_at = '2026-11-20T06:59:59.500Z' WHERE id = 'h-in-time';"
             "UPDATE help_requests SET status = 'taken', claimed_at = '2026-11-20T07:00:00.001Z' WHERE id = 'h-late';"
             "UPDATE help_requests SET status = 'resolved', resolved_at = '2026-11-20T05:00:00Z' WHERE id = 'h-resolved';");
    REQUIRE(lobby.push(json::array({outbox_entry("help_feedback", {{"id", "h-in-time"}, {"helped", true}}),
                                    outbox_entry("help_feedback", {{"id", "h-late"}, {"helped", false}}),
                                    outbox_entry("help_feedback", {{"id", "h-resolved"}, {"helped", true}})}))
                .status == 200);

    // Bookings: five seats taken; one checks in at the kiosk, staff mark one attended and
    // one a no-show; one is cancelled and one declined (no such slot): neither counts.
    std::vector<json> seats;
    json booking_entries = json::array();
    for (int i = 0; i < 5; ++i) {
        seats.push_back(booking_body("class-1"));
        booking_entries.push_back(outbox_entry("booking_request", seats.back()));
    }
    booking_entries.push_back(outbox_entry("booking_request", booking_body("no-such-slot")));
    booking_entries.push_back(outbox_entry("booking_check_in", {{"id", seats[0]["id"]}, {"code", "K7P2QA"}}));
    booking_entries.push_back(outbox_entry("booking_cancel", {{"id", seats[4]["id"]}, {"code", "K7P2QA"}}));
    REQUIRE(clinic.push(booking_entries).status == 200);
    {
        const auto manager_caller = backoffice::Caller{backoffice::Caller::Kind::Manager, "s-test", "riverside", "Wei"};
        const auto lock = site.server.server().office().lock();
        auto& desk = site.server.server().office().bookings();
        desk.record_attendance(manager_caller, seats[1]["id"], "attended", "", backoffice::Clock::now());
        desk.record_attendance(manager_caller, seats[2]["id"], "no_show", "phoned, she was ill", backoffice::Clock::now());
    }

    // Taps on the 20th: learn is worst (30 %), then home (20 of 200 = 10 %), then book (0).
    REQUIRE(lobby.post("/api/v1/heartbeat", heartbeat(json::array({touch("2026-11-20", "home", 100, 5),
                                                                    touch("2026-11-20", "learn", 10, 3),
                                                                    touch("2026-11-20", "book", 50, 0)})).dump())
                .status == 200);
    REQUIRE(clinic.post("/api/v1/heartbeat", heartbeat(json::array({touch("2026-11-20", "home", 100, 15)}), "0.2.0").dump())
                .status == 200);

    KioskApi manager = site.staff("manager");
    const auto answer = manager.get("/api/v1/figures?format=json");
    REQUIRE(answer.status == 200);
    const json figures = answer.json();
    REQUIRE(figures["sites"].size() == 1);
    const json& riverside = figures["sites"][0];
    CHECK(riverside["site_id"] == "riverside");
    CHECK(riverside["utc_offset_minutes"] == 480);

    const json& total = riverside["total"];
    CHECK(total["lessons_completed"] == 3);
    CHECK(total["help_requests"] == 4);
    CHECK(total["help_answered_in_time"] == 2);
    CHECK(total["help_answered_late"] == 1);
    CHECK(total["help_feedback"] == 3);
    CHECK(total["helped"] == 2);
    CHECK(total["satisfaction"].get<double>() == doctest::Approx(2.0 / 3.0));
    CHECK(total["bookings"] == 4);
    CHECK(total["attended"] == 2);
    CHECK(total["no_shows"] == 1);
    REQUIRE(total["mis_touch"].size() == 3);
    CHECK(total["mis_touch"][0]["screen"] == "learn");
    CHECK(total["mis_touch"][1]["screen"] == "home");
    CHECK(total["mis_touch"][1]["taps"] == 200);
    CHECK(total["mis_touch"][1]["misses"] == 20);
    CHECK(total["mis_touch"][1]["rate"].get<double>() == doctest::Approx(0.1));
    CHECK(total["mis_touch"][2]["screen"] == "book");

    std::map<std::string, json> days;
    for (const json& day : riverside["days"]) days[day["day"]] = day;
    CHECK(days.at("2026-11-20")["lessons_completed"] == 2);
    CHECK(days.at("2026-11-22")["lessons_completed"] == 1);  // the site's own day, not UTC's
    CHECK(days.count("2026-11-21") == 0);
    CHECK(days.at("2026-11-20")["help_requests"] == 4);
    CHECK(days.at("2026-11-22")["satisfaction"].is_null());  // nobody was asked that day

    REQUIRE(riverside["kiosks"].size() == 2);
    for (const json& kiosk : riverside["kiosks"]) {
        CHECK(kiosk["outbox_depth"] == 3);
        CHECK(kiosk["disk_free_bytes"] == 5368709120LL);
        CHECK(kiosk["last_sync_at"] == "2026-11-27T08:30:00Z");
        CHECK(kiosk["last_heartbeat_at"].is_string());
    }

    // A window of days counts only those days.
    const json window = manager.get("/api/v1/figures?from=2026-11-21&to=2026-11-30").json()["sites"][0]["total"];
    CHECK(window["lessons_completed"] == 1);
    CHECK(window["help_requests"] == 0);
    CHECK(window["mis_touch"].empty());

    // The CSV holds the same numbers.
    const auto csv = manager.get("/api/v1/figures?format=csv");
    REQUIRE(csv.status == 200);
    std::string header;
    const auto cells = read_csv(csv.text, header);
    CHECK(header == "site,day,figure,key,value\r");
    for (const char* figure : {"lessons_completed", "help_requests", "help_answered_in_time", "help_answered_late",
                               "help_feedback", "helped", "bookings", "attended", "no_shows"}) {
        CAPTURE(figure);
        CHECK(std::stoll(cells.at({"total", figure, ""})) == total[figure].get<long long>());
    }
    CHECK(std::stod(cells.at({"total", "satisfaction", ""})) == doctest::Approx(2.0 / 3.0).epsilon(0.001));
    CHECK(cells.at({"2026-11-22", "satisfaction", ""}).empty());
    CHECK(std::stod(cells.at({"total", "mis_touch_rate", "learn"})) == doctest::Approx(0.3));
    CHECK(std::stoll(cells.at({"2026-11-20", "misses", "home"})) == 20);
    CHECK(std::stoll(cells.at({"2026-11-20", "lessons_completed", ""})) == 2);
    const std::string lobby_id = riverside["kiosks"][0]["kiosk_id"];
    CHECK(cells.at({"latest", "kiosk_disk_free_bytes", lobby_id}) == "5368709120");
    // Worst first in the file too: learn's rows come before home's.
    CHECK(csv.text.find("total,mis_touch_rate,learn") < csv.text.find("total,mis_touch_rate,home"));
}

TEST_CASE("figures: for the site's managers only, and a bad format or date is a 400") {
    Site site;
    const KioskApi manager = site.staff("manager");
    const auto volunteer = site.staff("volunteer").get("/api/v1/figures?format=json");
    CHECK(volunteer.status == 403);
    CHECK(volunteer.json()["error"] == "forbidden");
    CHECK(site.kiosk().get("/api/v1/figures").status == 403);
    CHECK(KioskApi(site.server.port(), "").get("/api/v1/figures").status == 401);
    CHECK(manager.get("/api/v1/figures?format=xlsx").status == 400);
    CHECK(manager.get("/api/v1/figures?from=2026-13-01").status == 400);
    CHECK(manager.get("/api/v1/figures?from=2026-11-30&to=2026-11-01").status == 400);
    CHECK(manager.get("/api/v1/figures").status == 200);
}
