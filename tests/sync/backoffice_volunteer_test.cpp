// The volunteers' endpoints against the real server: the help queue (full numbers for
// staff, first claim wins under a race, the asking kiosk hears "taken" with a first name
// and then "resolved", notes, escalation of what nobody took in time), one site never
// sees another's, kiosk tokens are refused, bad requests change nothing, and the day's
// bookings with attendance reaching the kiosk.
#include <doctest/doctest.h>

#include <httplib.h>

#include <chrono>
#include <latch>
#include <map>
#include <thread>
#include <vector>

#include "core/lessons/sodium_text.hpp"
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

constexpr char kPhone[] = "13812345678";

std::string in_minutes(int minutes) { return core::iso8601_utc(Clock::now() + std::chrono::minutes(minutes)); }

json help_body(const std::string& respond_by, bool urgent = false) {
    return {{"id", core::new_client_id()}, {"category", "scam"},  {"urgent", urgent},
            {"phone", kPhone},             {"at_station", false}, {"created_at", in_minutes(-5)},
            {"respond_by", respond_by},    {"voice", nullptr}};
}

struct Staff {
    std::string id, token;
    KioskApi api;  // KioskApi speaks for any token
};

// Two sites: riverside (a kiosk, a timetable of two days) and hillside (a kiosk of its own).
struct Sites {
    testing::TempDir dir{"volunteer"};
    testing::RunningBackoffice server{dir / "bo.db"};
    backoffice::EnrolledKiosk riverside_kiosk, hillside_kiosk;

    Sites() {
        server.add_site("riverside");
        server.add_site("hillside");
        server.load_services("riverside", testing::services_with_future_slots(2, 5));
        riverside_kiosk = server.enrol_kiosk("riverside");
        hillside_kiosk = server.enrol_kiosk("hillside");
    }
    KioskApi kiosk() const { return KioskApi(server.port(), riverside_kiosk.token); }
    KioskApi hillside() const { return KioskApi(server.port(), hillside_kiosk.token); }
    // A staff member with a full name, as `admin staff add` makes them.
    Staff staff(const std::string& site, const std::string& name, const std::string& role) {
        const auto lock = server.server().office().lock();
        const auto added = server.server().office().enrolment().add_staff(site, name, role, Clock::now());
        return {added.staff_id, added.token, KioskApi(server.port(), added.token)};
    }
    // The riverside kiosk pushes a help request; its id.
    std::string ask_for_help(const json& body, const KioskApi* from = nullptr) const {
        const auto answer = (from ? *from : kiosk()).push(json::array({outbox_entry("help_request", body)}));
        REQUIRE(answer.status == 200);
        REQUIRE(answer.json()["results"][0]["status"] == "accepted");
        return body["id"];
    }
    // Moves a stored deadline, as time passing would.
    void set_respond_by(const std::string& request_id, const std::string& respond_by) {
        const auto lock = server.server().office().lock();
        core::Statement update(server.server().office().db(), "UPDATE help_requests SET respond_by = ? WHERE id = ?");
        update.bind(1, respond_by).bind(2, request_id);
        update.run();
    }
    // What a refused request must not have changed: every row the staff endpoints write.
    std::string data_state() {
        std::string state;
        for (const char* sql : {"SELECT COUNT(*) FROM help_notes", "SELECT COUNT(*) FROM feed", "SELECT MAX(seq) FROM feed",
                                "SELECT COUNT(*) FROM help_requests WHERE status = 'open' AND claimed_by IS NULL",
                                "SELECT COUNT(*) FROM bookings WHERE state = 'confirmed'"})
            state += std::to_string(server.count(sql)) + " ";
        return state;
    }
};

// The latest change of each subject of this kind that the kiosk can pull now.
std::map<std::string, json> pulled(const KioskApi& api, const std::string& kind) {
    std::map<std::string, json> latest;
    const json page = api.pull(0, 500).json();
    for (const json& change : page["changes"])
        if (change["kind"] == kind) latest[change["data"]["id"]] = change["data"];
    return latest;
}

json listed(const KioskApi& staff, const std::string& id, const std::string& status = "open") {
    const json list = staff.get("/api/v1/help?status=" + status).json();
    for (const json& request : list["requests"])
        if (request["id"] == id) return request;
    return nullptr;
}

}  // namespace

TEST_CASE("help list: staff see their site's requests with the full number, escalated and urgent first") {
    Sites sites;
    const std::vector<unsigned char> ogg = {'O', 'g', 'g', 'S', 0, 2, 0xFF, 0x7F};
    json with_voice = help_body(in_minutes(60));
    with_voice["voice"] = {{"format", "ogg-vorbis"}, {"base64", core::to_base64(ogg.data(), ogg.size())}};
    const std::string later = sites.ask_for_help(with_voice);
    const std::string urgent = sites.ask_for_help(help_body(in_minutes(120), true));
    const std::string overdue = sites.ask_for_help(help_body(in_minutes(-1)));
    const KioskApi hillside = sites.hillside();
    sites.ask_for_help(help_body(in_minutes(30)), &hillside);

    const Staff volunteer = sites.staff("riverside", "Wei Zhang", "volunteer");
    const auto answer = volunteer.api.get("/api/v1/help");
    REQUIRE(answer.status == 200);
    const json list = answer.json();
    CHECK(list["protocol"] == 1);
    REQUIRE(list["requests"].size() == 3);  // not hillside's
    CHECK(list["requests"][0]["id"] == overdue);
    CHECK(list["requests"][0]["escalated"] == true);
    CHECK(list["requests"][1]["id"] == urgent);
    CHECK(list["requests"][1]["escalated"] == false);
    CHECK(list["requests"][2]["id"] == later);
    const json& request = list["requests"][2];
    CHECK(request["phone"] == kPhone);
    CHECK(request["status"] == "open");
    CHECK(request["claimed_by"].is_null());
    CHECK(request["has_voice"] == true);
    CHECK(request["notes"] == json::array());
    CHECK(request["category"] == "scam");
    CHECK(request["kiosk_id"] == sites.riverside_kiosk.kiosk_id);
    CHECK(list["requests"][1]["has_voice"] == false);
    CHECK(volunteer.api.get("/api/v1/help?status=all").json()["requests"].size() == 3);
    CHECK(volunteer.api.get("/api/v1/help?status=everything").status == 400);

    // The message itself: audio, not JSON, and not for caches on the way.
    httplib::Client client("127.0.0.1", sites.server.port());
    const httplib::Headers auth = {{"Authorization", "Bearer " + volunteer.token}};
    const auto voice = client.Get(("/api/v1/help/" + later + "/voice").c_str(), auth);
    REQUIRE(voice);
    CHECK(voice->status == 200);
    CHECK(voice->get_header_value("Content-Type") == "audio/ogg");
    CHECK(voice->get_header_value("Cache-Control") == "no-store");
    CHECK(voice->body == std::string(ogg.begin(), ogg.end()));
    const auto silent = volunteer.api.get("/api/v1/help/" + urgent + "/voice");
    CHECK(silent.status == 404);
    CHECK(silent.json()["error"] == "not_found");
}

TEST_CASE("help claim: eight volunteers claiming at once, exactly one gets it and the others hear who") {
    constexpr int kVolunteers = 8;
    Sites sites;
    const std::string id = sites.ask_for_help(help_body(in_minutes(60)));
    std::vector<Staff> volunteers;
    for (int i = 0; i < kVolunteers; ++i) volunteers.push_back(sites.staff("riverside", "Vol" + std::to_string(i), "volunteer"));

    std::vector<testing::ApiAnswer> answers(kVolunteers);
    std::latch start(kVolunteers);
    std::vector<std::thread> threads;
    for (int i = 0; i < kVolunteers; ++i)
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            answers[i] = volunteers[i].api.post("/api/v1/help/" + id + "/claim", "");
        });
    for (auto& thread : threads) thread.join();

    int winner = -1, won = 0;
    for (int i = 0; i < kVolunteers; ++i)
        if (answers[i].status == 200) winner = i, ++won;
    REQUIRE(won == 1);
    CHECK(answers[winner].json()["request"]["status"] == "taken");
    CHECK(answers[winner].json()["request"]["claimed_by"]["id"] == volunteers[winner].id);
    for (int i = 0; i < kVolunteers; ++i) {
        if (i == winner) continue;
        CHECK(answers[i].status == 409);
        const json refused = answers[i].json();
        CHECK(refused["error"] == "already_claimed");
        CHECK(refused["claimed_by"]["id"] == volunteers[winner].id);
        CHECK(refused["claimed_by"]["first_name"] == "Vol" + std::to_string(winner));
    }
    CHECK(sites.server.count("SELECT COUNT(*) FROM help_requests WHERE claimed_by = '" + volunteers[winner].id + "'") == 1);
    // Claiming one's own again is fine, and tells the kiosk nothing new.
    const std::int64_t feed_before = sites.server.count("SELECT MAX(seq) FROM feed");
    CHECK(volunteers[winner].api.post("/api/v1/help/" + id + "/claim", "").status == 200);
    CHECK(sites.server.count("SELECT MAX(seq) FROM feed") == feed_before);
}

TEST_CASE("help status: the kiosk that asked hears taken with the first name only, then resolved") {
    Sites sites;
    const std::string id = sites.ask_for_help(help_body(in_minutes(60)));
    const KioskApi hillside = sites.hillside();
    const Staff volunteer = sites.staff("riverside", "Wei Zhang", "volunteer");

    REQUIRE(volunteer.api.post("/api/v1/help/" + id + "/claim", "").status == 200);
    auto heard = pulled(sites.kiosk(), "help");
    REQUIRE(heard.count(id) == 1);
    CHECK(heard[id] == json{{"kind", "help"}, {"id", id}, {"status", "taken"}, {"volunteer_first_name", "Wei"}});
    CHECK(pulled(hillside, "help").empty());

    const auto resolved = volunteer.api.post("/api/v1/help/" + id + "/resolve", R"({"note": "called her back"})");
    REQUIRE(resolved.status == 200);
    CHECK(resolved.json()["request"]["status"] == "resolved");
    CHECK(resolved.json()["request"]["notes"][0]["text"] == "called her back");
    heard = pulled(sites.kiosk(), "help");
    CHECK(heard[id] == json{{"kind", "help"}, {"id", id}, {"status", "resolved"}, {"volunteer_first_name", "Wei"}});
    // Only the latest word on the request is kept for kiosks that were away.
    CHECK(sites.server.count("SELECT COUNT(*) FROM feed WHERE kind = 'help'") == 1);
    CHECK(listed(volunteer.api, id).is_null());           // open = not resolved
    CHECK(listed(volunteer.api, id, "all")["status"] == "resolved");
}

TEST_CASE("help notes: kept in order with who wrote them, and bad notes are refused with nothing stored") {
    Sites sites;
    const std::string id = sites.ask_for_help(help_body(in_minutes(60)));
    const Staff wei = sites.staff("riverside", "Wei Zhang", "volunteer");
    const Staff li = sites.staff("riverside", "Li", "manager");

    CHECK(wei.api.post("/api/v1/help/" + id + "/note", R"({"text": "she is at the station"})").status == 200);
    // 2000 characters is the limit, counted as characters (each of these is 3 bytes).
    std::string long_words;
    for (int i = 0; i < 2000; ++i) long_words += "字";
    const auto added = li.api.post("/api/v1/help/" + id + "/note", json{{"text", long_words}}.dump());
    REQUIRE(added.status == 200);
    const json notes = added.json()["request"]["notes"];
    REQUIRE(notes.size() == 2);
    CHECK(notes[0]["by"] == json{{"id", wei.id}, {"first_name", "Wei"}});
    CHECK(notes[0]["text"] == "she is at the station");
    CHECK(notes[1]["by"]["id"] == li.id);
    CHECK(notes[1]["at"].get<std::string>().size() == 20);
    CHECK(listed(wei.api, id)["notes"] == notes);
    CHECK(listed(wei.api, id)["status"] == "open");  // a note claims nothing

    const std::string before = sites.data_state();
    for (const std::string& body : {std::string(R"({"text": ""})"), std::string(R"({"text": "   "})"),
                                    json{{"text", long_words + "x"}}.dump(), std::string(R"({"text": 12})"),
                                    std::string(R"({"words": "hello"})"), std::string(R"(["hello"])"), std::string("{not json"),
                                    std::string()}) {
        const auto refused = wei.api.post("/api/v1/help/" + id + "/note", body);
        CHECK_MESSAGE(refused.status == 400, body);
        CHECK(refused.json()["error"] == "bad_request");
    }
    CHECK(sites.data_state() == before);
}

TEST_CASE("help resolve: claims an unclaimed request, and another volunteer's is for a manager to close") {
    Sites sites;
    const std::string taken = sites.ask_for_help(help_body(in_minutes(60)));
    const std::string untaken = sites.ask_for_help(help_body(in_minutes(60)));
    const Staff wei = sites.staff("riverside", "Wei Zhang", "volunteer");
    const Staff fang = sites.staff("riverside", "Fang Li", "volunteer");
    const Staff manager = sites.staff("riverside", "Min Chen", "manager");

    REQUIRE(wei.api.post("/api/v1/help/" + taken + "/claim", "").status == 200);
    const auto refused = fang.api.post("/api/v1/help/" + taken + "/resolve", "");
    CHECK(refused.status == 409);
    CHECK(refused.json()["error"] == "already_claimed");
    CHECK(refused.json()["claimed_by"]["id"] == wei.id);
    CHECK(listed(wei.api, taken)["status"] == "taken");

    const auto closed = manager.api.post("/api/v1/help/" + taken + "/resolve", R"({"note": "Wei is off sick; I called"})");
    REQUIRE(closed.status == 200);
    CHECK(closed.json()["request"]["status"] == "resolved");
    CHECK(closed.json()["request"]["claimed_by"]["id"] == wei.id);  // the senior was told Wei would call
    CHECK(closed.json()["request"]["notes"][0]["by"]["id"] == manager.id);

    // Nobody had it: resolving takes it too, with or without a body.
    const auto own = fang.api.post("/api/v1/help/" + untaken + "/resolve", "");
    REQUIRE(own.status == 200);
    CHECK(own.json()["request"]["claimed_by"]["id"] == fang.id);
    CHECK_FALSE(own.json()["request"]["resolved_at"].is_null());
    CHECK(pulled(sites.kiosk(), "help")[untaken]["volunteer_first_name"] == "Fang");
    // A retried resolve changes nothing, not even its note; another volunteer is told who had it.
    CHECK(fang.api.post("/api/v1/help/" + untaken + "/resolve", R"({"note": "again"})").status == 200);
    CHECK(sites.server.count("SELECT COUNT(*) FROM help_notes WHERE request_id = '" + untaken + "'") == 0);
    CHECK(wei.api.post("/api/v1/help/" + untaken + "/claim", "").status == 409);
    CHECK(wei.api.post("/api/v1/help/" + untaken + "/resolve", "").status == 409);
    CHECK(wei.api.post("/api/v1/help/" + untaken + "/resolve", R"({"note": 5})").status == 400);
}

TEST_CASE("help escalation: an unclaimed request past its deadline is escalated, a claimed one is not") {
    Sites sites;
    const Staff wei = sites.staff("riverside", "Wei", "volunteer");
    const std::string waiting = sites.ask_for_help(help_body(in_minutes(60)));
    const std::string forgotten = sites.ask_for_help(help_body(in_minutes(60)));
    const std::string claimed = sites.ask_for_help(help_body(in_minutes(60), true));
    REQUIRE(wei.api.post("/api/v1/help/" + claimed + "/claim", "").status == 200);
    const json in_time = wei.api.get("/api/v1/help").json();
    for (const json& request : in_time["requests"]) CHECK(request["escalated"] == false);

    // Two deadlines pass.
    sites.set_respond_by(forgotten, in_minutes(-10));
    sites.set_respond_by(claimed, in_minutes(-10));
    const json list = wei.api.get("/api/v1/help").json();
    REQUIRE(list["requests"].size() == 3);
    CHECK(list["requests"][0]["id"] == forgotten);  // rises to the top
    CHECK(list["requests"][0]["escalated"] == true);
    CHECK(list["requests"][1]["id"] == waiting);     // open ones before taken ones
    CHECK(list["requests"][2]["id"] == claimed);
    CHECK(list["requests"][2]["escalated"] == false);
    CHECK(sites.server.count("SELECT COUNT(*) FROM help_requests WHERE escalated = 1") == 1);
    // Escalated stays when someone takes it at last: it was late.
    REQUIRE(wei.api.post("/api/v1/help/" + forgotten + "/claim", "").status == 200);
    CHECK(listed(wei.api, forgotten)["escalated"] == true);
}

TEST_CASE("help escalation: the server's deadline thread does not hold up stopping") {
    const auto started = Clock::now();
    {
        Sites sites;  // its watcher waits 30 s between checks
        CHECK(sites.kiosk().pull(0).status == 200);
    }
    CHECK(Clock::now() - started < std::chrono::seconds(10));
}

TEST_CASE("staff endpoints: another site's data is unknown, kiosk tokens are refused, no token is unauthenticated") {
    Sites sites;
    const std::string id = sites.ask_for_help(help_body(in_minutes(60)));
    const json booking = booking_body("class-1");
    REQUIRE(sites.kiosk().push(json::array({outbox_entry("booking_request", booking)})).status == 200);
    const std::string booking_id = booking["id"];
    const Staff stranger = sites.staff("hillside", "Hu", "manager");
    const std::string before = sites.data_state();

    for (const auto& [path, body] : std::vector<std::pair<std::string, std::string>>{
             {"/api/v1/help/" + id + "/claim", ""},
             {"/api/v1/help/" + id + "/note", R"({"text": "hello"})"},
             {"/api/v1/help/" + id + "/resolve", ""},
             {"/api/v1/bookings/" + booking_id + "/attendance", R"({"outcome": "no_show"})"}}) {
        const auto answer = stranger.api.post(path, body);
        CHECK_MESSAGE(answer.status == 404, path);
        CHECK(answer.json()["error"] == "not_found");
        const auto kiosk = sites.kiosk().post(path, body);
        CHECK_MESSAGE(kiosk.status == 403, path);
        CHECK(kiosk.json()["error"] == "forbidden");
        CHECK(KioskApi(sites.server.port(), "").post(path, body).status == 401);
    }
    CHECK(stranger.api.get("/api/v1/help/" + id + "/voice").status == 404);
    CHECK(stranger.api.get("/api/v1/help").json()["requests"].empty());
    const std::string tomorrow = core::iso8601_utc(Clock::now() + std::chrono::hours(24)).substr(0, 10);
    CHECK(stranger.api.get("/api/v1/bookings?date=" + tomorrow).json()["bookings"].empty());
    CHECK(sites.kiosk().get("/api/v1/help").status == 403);
    CHECK(sites.kiosk().get("/api/v1/bookings").status == 403);
    CHECK(sites.data_state() == before);

    const Staff wei = sites.staff("riverside", "Wei", "volunteer");
    CHECK(wei.api.post("/api/v1/help/" + std::string(65, 'a') + "/claim", "").status == 400);
    CHECK(wei.api.post("/api/v1/help/nosuchrequest/claim", "").status == 404);
    CHECK(wei.api.get("/api/v1/help/" + id + "/claim").status == 404);  // claim is a POST
    CHECK(sites.data_state() == before);
}

TEST_CASE("bookings of a day: the site's bookings with full numbers, and attendance reaches the kiosk") {
    Sites sites;
    const KioskApi kiosk = sites.kiosk();
    const json first = booking_body("class-1"), second = booking_body("class-1"), next_day = booking_body("class-2");
    const json cancelled = booking_body("class-1"), unknown_slot = booking_body("no-such-slot");
    REQUIRE(kiosk.push(json::array({outbox_entry("booking_request", first), outbox_entry("booking_request", second),
                                    outbox_entry("booking_request", next_day), outbox_entry("booking_request", cancelled),
                                    outbox_entry("booking_request", unknown_slot)}))
                .status == 200);
    REQUIRE(kiosk.push(json::array({outbox_entry("booking_cancel", {{"id", cancelled["id"]}})})).status == 200);
    const Staff wei = sites.staff("riverside", "Wei", "volunteer");

    const std::string tomorrow = core::iso8601_utc(Clock::now() + std::chrono::hours(24)).substr(0, 10);
    const auto day = wei.api.get("/api/v1/bookings?date=" + tomorrow);
    REQUIRE(day.status == 200);
    const json bookings = day.json()["bookings"];
    CHECK(day.json()["date"] == tomorrow);
    REQUIRE(bookings.size() == 3);  // the cancelled one too; the next day's and the declined one not
    CHECK(bookings[0]["id"] == first["id"]);
    CHECK(bookings[0]["phone"] == kPhone);
    CHECK(bookings[0]["phone_masked"] == "138****5678");
    CHECK(bookings[0]["code"] == "K7P2QA");
    CHECK(bookings[0]["slot_id"] == "class-1");
    CHECK(bookings[0]["service_id"] == "phone-class");
    CHECK(bookings[0]["state"] == "confirmed");
    CHECK(bookings[0]["checked_in_at"].is_null());
    CHECK(bookings[0]["starts_at"] == tomorrow + "T10:00:00Z");
    CHECK(bookings[2]["state"] == "cancelled");

    const std::string before = sites.data_state();
    const std::string path = "/api/v1/bookings/" + first["id"].get<std::string>() + "/attendance";
    CHECK(wei.api.post(path, R"({"outcome": "maybe"})").status == 400);
    CHECK(wei.api.post(path, R"({"reason": "ill"})").status == 400);
    CHECK(wei.api.post(path, R"({"outcome": "no_show", "reason": 7})").status == 400);
    CHECK(wei.api.post(path, "no json").status == 400);
    CHECK(wei.api.get("/api/v1/bookings?date=2026-02-30").status == 400);
    CHECK(wei.api.get("/api/v1/bookings?date=tomorrow").status == 400);
    CHECK(sites.data_state() == before);
    const auto not_confirmed = wei.api.post("/api/v1/bookings/" + cancelled["id"].get<std::string>() + "/attendance",
                                            R"({"outcome": "attended"})");
    CHECK(not_confirmed.status == 409);

    const auto marked = wei.api.post(path, R"({"outcome": "no_show", "reason": "phoned: she was ill"})");
    REQUIRE(marked.status == 200);
    CHECK(marked.json()["booking"]["state"] == "no_show");
    const json heard = pulled(kiosk, "booking")[first["id"]];
    CHECK(heard["state"] == "no_show");
    CHECK(heard["reason"] == "phoned: she was ill");
    CHECK(wei.api.post("/api/v1/bookings/" + second["id"].get<std::string>() + "/attendance", R"({"outcome": "attended"})")
              .json()["booking"]["state"] == "attended");
}
