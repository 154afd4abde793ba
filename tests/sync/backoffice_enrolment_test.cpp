// Enrolment and tokens against the real server: a code works once, before it expires;
// every sync call needs a live device token; staff tokens do not open kiosk endpoints.
#include <doctest/doctest.h>

#include "support/kiosk_api.hpp"
#include "support/running_backoffice.hpp"
#include "support/temp_dir.hpp"

using namespace qiao;
using testing::KioskApi;

TEST_CASE("enrolment: a code is redeemed once for a token that opens the sync endpoints") {
    testing::TempDir dir("enrol");
    testing::RunningBackoffice server(dir / "bo.db");
    server.add_site("riverside");
    const std::string code = server.enrolment_code("riverside");

    KioskApi anonymous(server.port(), "");
    // Typed with lowercase and without dashes, as a person might.
    std::string typed;
    for (char c : code)
        if (c != '-') typed += static_cast<char>(std::tolower(c));
    const auto first = anonymous.post("/api/v1/enroll", nlohmann::json{{"code", typed}, {"kiosk_name", "Lobby"}}.dump());
    REQUIRE(first.status == 200);
    const auto enrolled = first.json();
    CHECK(enrolled["site_id"] == "riverside");
    CHECK(enrolled["protocol"] == 1);
    const std::string token = enrolled["token"];
    CHECK(token.size() == 43);
    // Only the hash is kept.
    CHECK(server.count("SELECT COUNT(*) FROM kiosks WHERE token_hash = '" + token + "'") == 0);

    const auto again = anonymous.post("/api/v1/enroll", nlohmann::json{{"code", code}}.dump());
    CHECK(again.status == 403);
    CHECK(again.json()["error"] == "code_used");

    CHECK(KioskApi(server.port(), token).pull(0).status == 200);
    CHECK(anonymous.pull(0).status == 401);
    CHECK(anonymous.pull(0).json()["error"] == "unauthenticated");
    CHECK(KioskApi(server.port(), "not-a-token").pull(0).json()["error"] == "unauthenticated");
}

TEST_CASE("enrolment: unknown, malformed and expired codes are refused, each in its own words") {
    testing::TempDir dir("enrol-bad");
    testing::RunningBackoffice server(dir / "bo.db");
    server.add_site("riverside");
    KioskApi anonymous(server.port(), "");

    CHECK(anonymous.post("/api/v1/enroll", R"({"code": "ABCD-EFGH-JKMN"})").json()["error"] == "code_unknown");
    CHECK(anonymous.post("/api/v1/enroll", R"({"code": "0000"})").json()["error"] == "code_unknown");
    const auto missing = anonymous.post("/api/v1/enroll", R"({"kiosk_name": "Lobby"})");
    CHECK(missing.status == 400);
    CHECK(missing.json()["message"].get<std::string>().find("code") != std::string::npos);
    CHECK(anonymous.post("/api/v1/enroll", "{not json").status == 400);
    CHECK(anonymous.post("/api/v1/enroll", R"({"code": 12})").status == 400);

    std::string expired;
    {
        const auto lock = server.server().office().lock();
        expired = server.server().office().enrolment().make_code("riverside", std::chrono::minutes(10),
                                                                  backoffice::Clock::now() - std::chrono::hours(1));
    }
    const auto late = anonymous.post("/api/v1/enroll", nlohmann::json{{"code", expired}}.dump());
    CHECK(late.status == 403);
    CHECK(late.json()["error"] == "code_expired");
    CHECK(server.count("SELECT COUNT(*) FROM kiosks") == 0);
}

TEST_CASE("enrolment: a revoked kiosk is refused at once, staff tokens do not open kiosk endpoints") {
    testing::TempDir dir("enrol-revoke");
    testing::RunningBackoffice server(dir / "bo.db");
    server.add_site("riverside");
    const auto kiosk = server.enrol_kiosk("riverside");
    KioskApi api(server.port(), kiosk.token);
    REQUIRE(api.pull(0).status == 200);
    {
        const auto lock = server.server().office().lock();
        server.server().office().enrolment().revoke_kiosk(kiosk.kiosk_id, backoffice::Clock::now());
    }
    const auto refused = api.push(nlohmann::json::array({testing::outbox_entry("help_feedback", {{"id", "x"}, {"helped", true}})}));
    CHECK(refused.status == 401);
    CHECK(refused.json()["error"] == "token_revoked");
    CHECK(server.count("SELECT COUNT(*) FROM received_entries") == 0);

    const auto staff = server.add_staff("riverside", "volunteer");
    const auto forbidden = KioskApi(server.port(), staff.token).pull(0);
    CHECK(forbidden.status == 403);
    CHECK(forbidden.json()["error"] == "forbidden");
}
