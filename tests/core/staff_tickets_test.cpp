// Reading the back office's staff answers (core/sync/staff_tickets) and naming their
// failures (staff_failure_of): the JSON of docs/sync-protocol.md, "Volunteers and site
// managers", read strictly where the screens rely on it and tolerantly elsewhere.
#include <doctest/doctest.h>

#include <chrono>

#include "core/sync/staff_link.hpp"
#include "core/sync/staff_tickets.hpp"

using namespace qiao;
using nlohmann::json;

namespace {

json documented_request() {
    return json::parse(R"({"id": "5b1e", "kiosk_id": "k-3f9a0c1d", "kiosk_name": "Lobby kiosk", "category": "scam",
        "urgent": false, "phone": "13812345678", "at_station": false, "has_voice": true,
        "created_at": "2026-11-27T08:30:00Z", "respond_by": "2026-11-27T12:30:00Z",
        "status": "taken", "claimed_by": {"id": "s-1a2b3c4d", "first_name": "Wei"},
        "claimed_at": "2026-11-27T08:41:07Z", "resolved_at": null, "escalated": false, "helped": null,
        "notes": [{"by": {"id": "s-1a2b3c4d", "first_name": "Wei"}, "text": "called her back", "at": "2026-11-27T08:45:00Z"}]})");
}

json documented_booking() {
    return json::parse(R"({"id": "b1", "code": "K7P2QA", "service_id": "phone-class", "slot_id": "s1", "kiosk_id": "k-3f9a0c1d",
        "starts_at": "2026-11-28T02:00:00Z", "ends_at": "2026-11-28T03:00:00Z", "state": "confirmed", "reason": "",
        "phone": "13812345678", "phone_masked": "138****5678", "for_someone_else": false, "checked_in_at": null})");
}

core::HttpReply reply(long status, const std::string& body) {
    core::HttpReply r;
    r.status = status;
    r.body = body;
    return r;
}

}  // namespace

TEST_CASE("staff_tickets: a help request as documented reads into every field") {
    const core::HelpTicket t = core::help_ticket_from_json(documented_request());
    CHECK(t.id == "5b1e");
    CHECK(t.kiosk_id == "k-3f9a0c1d");
    CHECK(t.kiosk_name == "Lobby kiosk");
    CHECK(t.category == "scam");
    CHECK_FALSE(t.urgent);
    CHECK(t.phone == "13812345678");
    CHECK_FALSE(t.at_station);
    CHECK(t.has_voice);
    CHECK(t.created_at == "2026-11-27T08:30:00Z");
    CHECK(t.respond_by == "2026-11-27T12:30:00Z");
    CHECK(t.status == "taken");
    REQUIRE(t.claimed_by);
    CHECK(*t.claimed_by == core::StaffMemberRef{"s-1a2b3c4d", "Wei"});
    CHECK(t.claimed_at == "2026-11-27T08:41:07Z");
    CHECK(t.resolved_at.empty());
    CHECK_FALSE(t.escalated);
    CHECK_FALSE(t.helped);
    REQUIRE(t.notes.size() == 1);
    CHECK(t.notes[0].by.first_name == "Wei");
    CHECK(t.notes[0].text == "called her back");
    CHECK(t.notes[0].at == "2026-11-27T08:45:00Z");

    json open = documented_request();
    open["status"] = "open";
    open["claimed_by"] = nullptr;
    open["helped"] = true;
    open["notes"] = json::array();
    open["future_field"] = {{"anything", 1}};  // a newer back office's addition is ignored
    const core::HelpTicket o = core::help_ticket_from_json(open);
    CHECK_FALSE(o.claimed_by);
    REQUIRE(o.helped);
    CHECK(*o.helped);
    CHECK(o.notes.empty());
}

TEST_CASE("staff_tickets: a help request missing its id or status, or with a field of the wrong type, is a format error") {
    for (const char* field : {"id", "status"}) {
        json request = documented_request();
        request.erase(field);
        CHECK_THROWS_AS(core::help_ticket_from_json(request), core::ReplyFormatError);
    }
    const std::vector<std::pair<std::string, json>> wrong = {
        {"urgent", "yes"},        {"phone", 13812345678},  {"claimed_by", "Wei"},
        {"claimed_by", json{{"id", "s-1"}}}, {"notes", "none"}, {"helped", "no"},
        {"id", ""},               {"notes", json::array({json{{"text", "no author"}}})}};
    for (const auto& [field, value] : wrong) {
        CAPTURE(field);
        json request = documented_request();
        request[field] = value;
        CHECK_THROWS_AS(core::help_ticket_from_json(request), core::ReplyFormatError);
    }
    CHECK_THROWS_AS(core::help_ticket_from_json(json::array()), core::ReplyFormatError);
}

TEST_CASE("staff_tickets: a booking of the day as documented reads into every field") {
    const core::DayBooking b = core::day_booking_from_json(documented_booking());
    CHECK(b.id == "b1");
    CHECK(b.code == "K7P2QA");
    CHECK(b.service_id == "phone-class");
    CHECK(b.slot_id == "s1");
    CHECK(b.kiosk_id == "k-3f9a0c1d");
    CHECK(b.starts_at == "2026-11-28T02:00:00Z");
    CHECK(b.ends_at == "2026-11-28T03:00:00Z");
    CHECK(b.state == "confirmed");
    CHECK(b.reason.empty());
    CHECK(b.phone == "13812345678");
    CHECK(b.phone_masked == "138****5678");
    CHECK_FALSE(b.for_someone_else);
    CHECK(b.checked_in_at.empty());

    json no_state = documented_booking();
    no_state.erase("state");
    CHECK_THROWS_AS(core::day_booking_from_json(no_state), core::ReplyFormatError);
    json bad_reason = documented_booking();
    bad_reason["reason"] = 3;
    CHECK_THROWS_AS(core::day_booking_from_json(bad_reason), core::ReplyFormatError);
}

TEST_CASE("staff_tickets: whole answers are checked for their protocol and their lists") {
    const json list = {{"protocol", 1}, {"requests", json::array({documented_request(), documented_request()})}};
    CHECK(core::help_list_from_answer(list.dump()).size() == 2);
    CHECK(core::help_list_from_answer(R"({"protocol": 1, "requests": []})").empty());
    CHECK(core::help_ticket_from_answer(json{{"protocol", 1}, {"request", documented_request()}}.dump()).id == "5b1e");

    std::string date;
    const json day = {{"protocol", 1}, {"date", "2026-11-28"}, {"bookings", json::array({documented_booking()})}};
    CHECK(core::day_bookings_from_answer(day.dump(), &date).size() == 1);
    CHECK(date == "2026-11-28");
    CHECK(core::day_booking_from_answer(json{{"protocol", 1}, {"booking", documented_booking()}}.dump()).code == "K7P2QA");
    CHECK(core::figures_from_answer(R"({"protocol": 1, "sites": []})")["sites"].is_array());

    for (const char* body : {"", "not json", "[]", R"({"requests": []})", R"({"protocol": 2, "requests": []})",
                             R"({"protocol": "1", "requests": []})", R"({"protocol": 1})", R"({"protocol": 1, "requests": {}})",
                             R"({"protocol": 1, "requests": [3]})"}) {
        CAPTURE(body);
        CHECK_THROWS_AS(core::help_list_from_answer(body), core::ReplyFormatError);
    }
    CHECK_THROWS_AS(core::day_bookings_from_answer(R"({"protocol": 1, "date": "2026-11-28"})"), core::ReplyFormatError);
    CHECK_THROWS_AS(core::day_booking_from_answer(R"({"protocol": 1, "booking": null})"), core::ReplyFormatError);
    CHECK_THROWS_AS(core::figures_from_answer(R"({"sites": []})"), core::ReplyFormatError);
}

TEST_CASE("staff_tickets: refusals carry who has the request, the other slots and the message, and never throw") {
    const std::string claimed =
        R"({"error": "already_claimed", "message": "Wei has taken this request; ask them, or the site manager",
            "claimed_by": {"id": "s-1a2b3c4d", "first_name": "Wei"}})";
    REQUIRE(core::claimed_by_of_refusal(claimed));
    CHECK(core::claimed_by_of_refusal(claimed)->first_name == "Wei");
    CHECK(core::error_message_of(claimed) == "Wei has taken this request; ask them, or the site manager");
    const std::string full = R"({"error": "slot_full", "message": "full", "alternatives": ["class-2", 7, "class-3"]})";
    CHECK(core::alternatives_of_refusal(full) == std::vector<std::string>{"class-2", "class-3"});
    for (const char* body : {"", "<html>", "[]", R"({"claimed_by": "Wei", "alternatives": "class-2", "message": 3})"}) {
        CAPTURE(body);
        CHECK_FALSE(core::claimed_by_of_refusal(body));
        CHECK(core::alternatives_of_refusal(body).empty());
        CHECK(core::error_message_of(body).empty());
    }
}

TEST_CASE("staff_tickets: each reply is named by a stable failure code") {
    core::HttpReply none;
    none.transport_error = "the back office did not take the connection";
    CHECK(core::staff_failure_of(none) == "offline");
    CHECK(core::staff_failure_of(reply(200, "{}")).empty());
    CHECK(core::staff_failure_of(reply(401, R"({"error": "token_revoked"})")) == "token_refused");
    CHECK(core::staff_failure_of(reply(403, R"({"error": "forbidden"})")) == "forbidden");
    CHECK(core::staff_failure_of(reply(404, R"({"error": "not_found"})")) == "not_found");
    CHECK(core::staff_failure_of(reply(409, R"({"error": "already_claimed"})")) == "already_claimed");
    CHECK(core::staff_failure_of(reply(409, R"({"error": "slot_full"})")) == "slot_full");
    CHECK(core::staff_failure_of(reply(409, R"({"error": "conflict"})")) == "conflict");
    CHECK(core::staff_failure_of(reply(409, "garbage")) == "conflict");
    CHECK(core::staff_failure_of(reply(400, R"({"error": "bad_request"})")) == "bad_request");
    CHECK(core::staff_failure_of(reply(413, "")) == "bad_request");
    CHECK(core::staff_failure_of(reply(429, "")) == "try_later");
    CHECK(core::staff_failure_of(reply(503, "")) == "try_later");
    CHECK(core::staff_failure_of(reply(418, "")) == "refused");
}

TEST_CASE("staff_tickets: UTC times as the back office writes them, and nothing else") {
    using namespace std::chrono;
    const auto t = core::parse_utc_time("2026-11-27T08:30:05Z");
    REQUIRE(t);
    CHECK(*t == sys_days(year(2026) / 11 / 27) + hours(8) + minutes(30) + seconds(5));
    const auto ms = core::parse_utc_time("2026-11-27T08:30:05.250Z");
    REQUIRE(ms);
    CHECK(*ms - *t == milliseconds(250));
    for (const char* text : {"", "2026-11-27", "2026-11-27T08:30:05", "2026-11-27T08:30:05+08:00", "2026-02-30T08:30:05Z",
                             "2026-11-27T24:30:05Z", "2026-11-27T08:30:05.Z", "x026-11-27T08:30:05Z", "2026-11-27T08:30:05Zjunk"}) {
        CAPTURE(text);
        CHECK_FALSE(core::parse_utc_time(text));
    }
}
