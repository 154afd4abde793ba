// Staff at the kiosk, against the real server: the `staff` change every kiosk of the
// site pulls (an argon2id hash the kiosk's own check accepts, never the PIN), a new PIN
// and a revoke republishing it, a PIN that is not 6 digits changing nothing; and a
// kiosk acting for its signed-in staff member with X-Qiao-Staff: a volunteer at one
// kiosk claims a help request and another kiosk's volunteer then finds it taken, a
// revoked member or another site's is refused, a manager keeps a manager's rights.
// PINs are hashed with argon2id (~0.1-0.5 s and 64 MiB each): these tests hash two.
#include <doctest/doctest.h>

#include <httplib.h>

#include <chrono>
#include <map>

#include "backoffice/api_error.hpp"
#include "core/outbox/outbox.hpp"
#include "core/staff/staff_pin_hash.hpp"
#include "core/time/utc_time.hpp"
#include "support/kiosk_api.hpp"
#include "support/running_backoffice.hpp"
#include "support/temp_dir.hpp"

using namespace qiao;
using nlohmann::json;
using testing::KioskApi;
using testing::outbox_entry;

namespace {

using Clock = std::chrono::system_clock;

constexpr char kPin[] = "482916";
constexpr char kNewPin[] = "705133";

// A kiosk's call for the staff member signed in on it: its device token and X-Qiao-Staff.
testing::ApiAnswer as_staff(int port, const std::string& device_token, const std::string& staff_id,
                            const std::string& method, const std::string& path, const std::string& body = "") {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    const httplib::Headers headers = {{"Authorization", "Bearer " + device_token}, {"X-Qiao-Staff", staff_id}};
    const auto result = method == "GET" ? client.Get(path.c_str(), headers)
                                        : client.Post(path.c_str(), headers, body, "application/json");
    if (!result) return {};
    return {result->status, result->body};
}

struct Site {
    testing::TempDir dir{"staff-roster"};
    testing::RunningBackoffice server{dir / "bo.db"};
    backoffice::EnrolledKiosk lobby, upstairs, hillside;

    Site() {
        server.add_site("riverside");
        server.add_site("hillside");
        lobby = server.enrol_kiosk("riverside");
        upstairs = server.enrol_kiosk("riverside");
        hillside = server.enrol_kiosk("hillside");
    }
    backoffice::BackOffice& office() { return server.server().office(); }
    // As `admin staff add` does; pin nullopt: none, so no slow hash.
    std::string add(const std::string& site, const std::string& name, const std::string& role,
                    std::optional<std::string> pin = std::nullopt) {
        const auto lock = office().lock();
        return office().roster().add(site, name, role, pin, Clock::now()).staff_id;
    }
    std::string ask_for_help() {
        const json body = {{"id", core::new_client_id()},
                           {"category", "phone"},
                           {"urgent", false},
                           {"phone", "13812345678"},
                           {"at_station", false},
                           {"respond_by", core::iso8601_utc(Clock::now() + std::chrono::hours(1))}};
        const auto answer = KioskApi(server.port(), lobby.token).push(json::array({outbox_entry("help_request", body)}));
        REQUIRE(answer.status == 200);
        REQUIRE(answer.json()["results"][0]["status"] == "accepted");
        return body["id"];
    }
};

// The staff changes a kiosk pulls now, by staff id.
std::map<std::string, json> staff_changes(const Site& site, const std::string& token) {
    std::map<std::string, json> latest;
    const json page = KioskApi(site.server.port(), token).pull(0, 500).json();
    for (const json& change : page["changes"])
        if (change["kind"] == "staff") latest[change["data"]["id"]] = change["data"];
    return latest;
}

}  // namespace

TEST_CASE("staff change: every kiosk of the site pulls the staff member with an argon2id hash of the PIN, never the PIN") {
    Site site;
    const std::string wei = site.add("riverside", "Wang Wei", "volunteer", kPin);
    const std::string min = site.add("riverside", "Min Chen", "manager");  // no PIN yet

    for (const auto* kiosk : {&site.lobby, &site.upstairs}) {
        const auto changes = staff_changes(site, kiosk->token);
        REQUIRE(changes.size() == 2);
        const json& change = changes.at(wei);
        CHECK(change["kind"] == "staff");
        CHECK(change["name"] == "Wang Wei");
        CHECK(change["role"] == "volunteer");
        CHECK(change["active"] == true);
        CHECK(change["hours_minutes"] == 0);
        const std::string hash = change["pin_hash"];
        CHECK(hash.starts_with("$argon2id$"));
        CHECK(hash.find(kPin) == std::string::npos);
        CHECK(core::staff_pin_matches(hash, kPin));
        CHECK_FALSE(core::staff_pin_matches(hash, "482917"));
        CHECK(changes.at(min)["pin_hash"] == "");
        CHECK(changes.at(min)["role"] == "manager");
    }
    CHECK(staff_changes(site, site.hillside.token).empty());  // another site's kiosk hears nothing
    // Site-wide changes, one per staff member, and no PIN in clear anywhere in the file.
    CHECK(site.server.count("SELECT COUNT(*) FROM feed WHERE kind = 'staff' AND kiosk_id = ''") == 2);
    CHECK(site.server.count(std::string("SELECT COUNT(*) FROM feed WHERE data LIKE '%") + kPin + "%'") == 0);
    CHECK(site.server.count(std::string("SELECT COUNT(*) FROM staff WHERE pin_hash LIKE '%") + kPin + "%'") == 0);

    // A new PIN replaces the old one, as a newer change of the same subject.
    const std::int64_t before = site.server.count("SELECT MAX(seq) FROM feed");
    {
        const auto lock = site.office().lock();
        site.office().roster().set_pin(wei, kNewPin);
    }
    const std::string renewed = staff_changes(site, site.lobby.token).at(wei)["pin_hash"];
    CHECK(core::staff_pin_matches(renewed, kNewPin));
    CHECK_FALSE(core::staff_pin_matches(renewed, kPin));
    CHECK(site.server.count("SELECT seq FROM feed WHERE kind = 'staff' AND subject = '" + wei + "'") > before);

    // Revoked: no longer active, and the hash is gone from the change and the file.
    {
        const auto lock = site.office().lock();
        site.office().roster().revoke(wei, Clock::now());
    }
    const json revoked = staff_changes(site, site.upstairs.token).at(wei);
    CHECK(revoked["active"] == false);
    CHECK(revoked["pin_hash"] == "");
    CHECK(site.server.count("SELECT COUNT(*) FROM staff WHERE id = '" + wei + "' AND pin_hash = ''") == 1);
}

TEST_CASE("staff PIN: one that is not 6 digits, an unknown or a revoked member is refused and changes nothing") {
    Site site;
    const std::string wei = site.add("riverside", "Wang Wei", "volunteer");
    const std::string gone = site.add("riverside", "Old Zhao", "volunteer");
    {
        const auto lock = site.office().lock();
        site.office().roster().revoke(gone, Clock::now());
    }
    const auto state = [&] {
        return std::to_string(site.server.count("SELECT COUNT(*) FROM staff")) + " " +
               std::to_string(site.server.count("SELECT MAX(seq) FROM feed")) + " " +
               std::to_string(site.server.count("SELECT COUNT(*) FROM staff WHERE pin_hash != ''"));
    };
    const std::string before = state();
    const auto refusal = [&](auto&& attempt) -> std::pair<int, std::string> {
        const auto lock = site.office().lock();
        try {
            attempt();
        } catch (const backoffice::ApiError& e) {
            return {e.status(), e.what()};
        }
        return {0, "taken"};
    };
    for (const std::string pin : {"", "12345", "1234567", "12a456", "12 456", "１２３４５６", "123456\n"}) {
        CAPTURE(pin);
        const auto at_add = refusal([&] { site.office().roster().add("riverside", "Li Na", "volunteer", pin, Clock::now()); });
        CHECK(at_add.first == 400);
        CHECK(at_add.second == "a staff PIN is exactly 6 digits (0-9); nothing was changed");
        CHECK(refusal([&] { site.office().roster().set_pin(wei, pin); }).first == 400);
    }
    // Refused before any hash is made.
    CHECK(refusal([&] { site.office().roster().set_pin("s-00000000", kPin); }).first == 404);
    const auto revoked = refusal([&] { site.office().roster().set_pin(gone, kPin); });
    CHECK(revoked.first == 409);
    CHECK(revoked.second.find("revoked") != std::string::npos);
    CHECK(state() == before);
}

TEST_CASE("X-Qiao-Staff: a kiosk acts for its volunteer, and a second kiosk's volunteer then finds the request taken") {
    Site site;
    const std::string wei = site.add("riverside", "Wang Wei", "volunteer");
    const std::string fang = site.add("riverside", "Fang Li", "volunteer");
    const std::string request = site.ask_for_help();
    const int port = site.server.port();

    const auto list = as_staff(port, site.lobby.token, wei, "GET", "/api/v1/help");
    REQUIRE(list.status == 200);
    REQUIRE(list.json()["requests"].size() == 1);
    CHECK(list.json()["requests"][0]["phone"] == "13812345678");

    const auto claimed = as_staff(port, site.lobby.token, wei, "POST", "/api/v1/help/" + request + "/claim");
    REQUIRE(claimed.status == 200);
    CHECK(claimed.json()["request"]["claimed_by"] == json{{"id", wei}, {"first_name", "Wang"}});

    // Upstairs, Fang syncs and sees it taken; her claim is refused, naming Wei.
    const json seen = as_staff(port, site.upstairs.token, fang, "GET", "/api/v1/help").json()["requests"][0];
    CHECK(seen["status"] == "taken");
    CHECK(seen["claimed_by"]["id"] == wei);
    const auto second = as_staff(port, site.upstairs.token, fang, "POST", "/api/v1/help/" + request + "/claim");
    CHECK(second.status == 409);
    CHECK(second.json()["error"] == "already_claimed");
    CHECK(second.json()["claimed_by"]["id"] == wei);
    // Wei's claim is Wei's: a note and resolve through the other kiosk are still his.
    const auto resolved = as_staff(port, site.upstairs.token, wei, "POST", "/api/v1/help/" + request + "/resolve",
                                   R"({"note": "called her back"})");
    REQUIRE(resolved.status == 200);
    CHECK(resolved.json()["request"]["notes"][0]["by"]["id"] == wei);
    CHECK(site.server.count("SELECT COUNT(*) FROM help_requests WHERE claimed_by = '" + wei + "' AND status = 'resolved'") ==
          1);
}

TEST_CASE("X-Qiao-Staff: revoked staff, another site's staff, unknown ids and staff tokens are refused with 403") {
    Site site;
    const std::string wei = site.add("riverside", "Wang Wei", "volunteer");
    const std::string gone = site.add("riverside", "Old Zhao", "volunteer");
    const std::string hill = site.add("hillside", "Hu Lan", "volunteer");
    const std::string min = site.add("riverside", "Min Chen", "manager");
    const std::string request = site.ask_for_help();
    {
        const auto lock = site.office().lock();
        site.office().roster().revoke(gone, Clock::now());
    }
    const std::string wei_token = [&] {
        const auto lock = site.office().lock();
        return site.office().roster().add("riverside", "Wei Token", "volunteer", std::nullopt, Clock::now()).token;
    }();
    const int port = site.server.port();
    const std::string before = std::to_string(site.server.count("SELECT MAX(seq) FROM feed")) + " " +
                               std::to_string(site.server.count("SELECT COUNT(*) FROM help_requests WHERE status = 'open'"));

    struct Refusal {
        std::string token, staff_id, why;
    };
    for (const Refusal& r : {Refusal{site.lobby.token, gone, "revoked"}, Refusal{site.lobby.token, hill, "of another site"},
                             Refusal{site.hillside.token, wei, "of another site, from the other side"},
                             Refusal{site.lobby.token, "s-00000000", "unknown"}, Refusal{site.lobby.token, "", "empty"},
                             Refusal{wei_token, min, "a volunteer's staff token naming the manager"}}) {
        CAPTURE(r.why);
        using Call = std::pair<std::string, std::string>;
        for (const auto& [method, path] : {Call{"GET", "/api/v1/help"}, Call{"POST", "/api/v1/help/" + request + "/claim"},
                                           Call{"GET", "/api/v1/bookings"}, Call{"GET", "/api/v1/figures"}}) {
            const auto refused = as_staff(port, r.token, r.staff_id, method, path);
            CHECK(refused.status == 403);
            CHECK(refused.json()["error"] == "forbidden");
            const std::string message = refused.json()["message"];
            CHECK_FALSE(message.empty());
        }
    }
    const auto revoked = as_staff(port, site.lobby.token, gone, "GET", "/api/v1/help");
    CHECK(revoked.json()["message"].get<std::string>().find("revoked") != std::string::npos);
    // A device token alone stays refused, as before staff mode.
    CHECK(KioskApi(port, site.lobby.token).get("/api/v1/help").status == 403);
    // A revoked kiosk cannot act for anyone.
    {
        const auto lock = site.office().lock();
        site.office().enrolment().revoke_kiosk(site.upstairs.kiosk_id, Clock::now());
    }
    CHECK(as_staff(port, site.upstairs.token, wei, "GET", "/api/v1/help").status == 401);
    CHECK(std::to_string(site.server.count("SELECT MAX(seq) FROM feed")) + " " +
              std::to_string(site.server.count("SELECT COUNT(*) FROM help_requests WHERE status = 'open'")) ==
          before);
}

TEST_CASE("X-Qiao-Staff: the caller has the staff member's role, so the figures are a manager's only") {
    Site site;
    const std::string wei = site.add("riverside", "Wang Wei", "volunteer");
    const std::string min = site.add("riverside", "Min Chen", "manager");
    const int port = site.server.port();
    const auto figures = as_staff(port, site.lobby.token, min, "GET", "/api/v1/figures");
    REQUIRE(figures.status == 200);
    CHECK(figures.json()["sites"][0]["site_id"] == "riverside");
    const auto volunteer = as_staff(port, site.lobby.token, wei, "GET", "/api/v1/figures");
    CHECK(volunteer.status == 403);
    CHECK(volunteer.json()["error"] == "forbidden");
    // A manager may close a request another volunteer has; through a kiosk too.
    const std::string request = site.ask_for_help();
    REQUIRE(as_staff(port, site.lobby.token, wei, "POST", "/api/v1/help/" + request + "/claim").status == 200);
    CHECK(as_staff(port, site.upstairs.token, min, "POST", "/api/v1/help/" + request + "/resolve").status == 200);
    // The pull and push endpoints are the kiosk's own: the header changes nothing there.
    CHECK(as_staff(port, site.lobby.token, wei, "GET", "/api/v1/sync/pull?after=0").status == 200);
}
