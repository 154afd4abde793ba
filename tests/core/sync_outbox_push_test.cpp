#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "core/storage_temp_dir.hpp"
#include "core/sync/outbox_push.hpp"
#include "core/sync_test_support.hpp"

using nlohmann::json;
using qiao::core::BookingState;
using qiao::core::HttpReply;
using qiao::core::OutboxPush;
using qiao::core::SyncStep;
using qiao::test::accept_all;
using qiao::test::FakeBackoffice;
using qiao::test::json_reply;
using qiao::test::SeenRequest;
using qiao::test::StorageTempDir;
using qiao::test::SyncDesk;

namespace {

// Answers every push with `status` for the entries whose kind is in `kinds`, else accepted.
FakeBackoffice::Handler answer_kinds(const std::string& kind, const json& rejection) {
    return [kind, rejection](const SeenRequest& request) {
        json results = json::array();
        for (const auto& e : request.body["entries"]) {
            json r = {{"id", e["id"]}, {"status", "accepted"}};
            if (e["kind"] == kind) {
                r = rejection;
                r["id"] = e["id"];
            }
            results.push_back(r);
        }
        return json_reply(200, {{"protocol", 1}, {"results", results}});
    };
}

}  // namespace

TEST_CASE("Outbox push: accepted entries leave the outbox, and the kiosk forgets the personal data") {
    SyncDesk desk;
    StorageTempDir dir("sync-push-accepted");
    qiao::test::write_bytes(dir / "voice.ogg", "OggS voice");
    const auto booking = desk.book();
    const auto request = desk.ask_for_help((dir / "voice.ogg").string());
    CHECK(desk.outbox.depth() == 2);
    CHECK(desk.help.find(request.id)->status == "waiting_to_send");

    FakeBackoffice office;
    office.handler = [](const SeenRequest& r) { return json_reply(200, accept_all(r.body)); };
    OutboxPush push(office, desk.outbox, desk.bookings, desk.help, desk.log);
    const SyncStep step = push.push_all();
    CHECK(step.done());
    CHECK(step.changes.bookings);
    CHECK(step.changes.help);
    REQUIRE(office.seen.size() == 1);
    CHECK(office.seen[0].method == "POST");
    CHECK(office.seen[0].path == "/api/v1/sync/push");
    CHECK(office.seen[0].body["entries"].size() == 2);

    CHECK(desk.outbox.depth() == 0);
    CHECK(desk.column(booking.id, "contact_phone").empty());
    CHECK(desk.column(booking.id, "contact_masked") == "138****5678");
    CHECK(desk.bookings.find(booking.id)->state == BookingState::Requested);  // the decision comes by pull
    CHECK(desk.help.find(request.id)->status == "sent");                     // what the senior now sees
    CHECK_FALSE(desk.help.find(request.id)->has_voice);
    CHECK_FALSE(std::filesystem::exists(dir / "voice.ogg"));
    CHECK(desk.count("SELECT COUNT(*) FROM help_requests WHERE contact_phone != ''") == 0);
}

TEST_CASE("Outbox push: the service forgets the number BEFORE the entry leaves the outbox") {
    SyncDesk desk;
    // At the moment an outbox row is deleted, note whether its subject still held the number.
    desk.store.db().exec(
        "CREATE TEMP TABLE deletions (kind TEXT, phone_left TEXT); "
        "CREATE TEMP TRIGGER note_order AFTER DELETE ON main.outbox BEGIN "
        "INSERT INTO deletions SELECT OLD.kind, COALESCE("
        "(SELECT contact_phone FROM bookings WHERE id = json_extract(OLD.body, '$.id')), "
        "(SELECT contact_phone FROM help_requests WHERE id = json_extract(OLD.body, '$.id'))); END");
    desk.book();
    desk.ask_for_help();
    FakeBackoffice office;
    office.handler = [](const SeenRequest& r) { return json_reply(200, accept_all(r.body)); };
    OutboxPush push(office, desk.outbox, desk.bookings, desk.help, desk.log);
    CHECK(push.push_all().done());
    CHECK(desk.count("SELECT COUNT(*) FROM deletions") == 2);
    CHECK(desk.count("SELECT COUNT(*) FROM deletions WHERE phone_left = ''") == 2);
}

TEST_CASE("Outbox push: when the service cannot forget, the entry stays to be sent again") {
    SyncDesk desk;
    StorageTempDir dir("sync-push-stuck");
    qiao::test::write_bytes(dir / "voice.ogg", "OggS voice");
    const auto request = desk.ask_for_help((dir / "voice.ogg").string());
    desk.book();
    // The recording's path is now a folder that cannot be removed: acknowledged() throws.
    std::filesystem::remove(dir / "voice.ogg");
    std::filesystem::create_directories(dir / "voice.ogg" / "inside");

    FakeBackoffice office;
    office.handler = [](const SeenRequest& r) { return json_reply(200, accept_all(r.body)); };
    OutboxPush push(office, desk.outbox, desk.bookings, desk.help, desk.log);
    const SyncStep step = push.push_all();
    CHECK_FALSE(step.done());  // no progress: the round backs off
    CHECK(desk.outbox.depth() == 1);
    const auto left = desk.outbox.next_batch(10);
    REQUIRE(left.size() == 1);
    CHECK(left[0].kind == "help_request");
    CHECK(left[0].attempts == 2);  // with the booking, then alone: then the push gives up
    CHECK(left[0].last_error.find("could not note the back office's answer") != std::string::npos);
    CHECK(desk.help.find(request.id)->status == "waiting_to_send");
    CHECK(desk.logged("could not be noted"));
}

TEST_CASE("Outbox push: a resent entry the back office already had is acknowledged the same way") {
    SyncDesk desk;
    const auto booking = desk.book();
    FakeBackoffice office;
    office.handler = [](const SeenRequest& r) {
        json answer = accept_all(r.body);
        for (auto& result : answer["results"]) result["already_had"] = true;
        return json_reply(200, answer);
    };
    OutboxPush push(office, desk.outbox, desk.bookings, desk.help, desk.log);
    CHECK(push.push_all().done());
    CHECK(desk.outbox.depth() == 0);
    CHECK(desk.column(booking.id, "contact_phone").empty());
}

TEST_CASE("Outbox push: a rejected booking is never sent again, shows as not booked, and leaves a note without the number") {
    SyncDesk desk;
    const auto booking = desk.book();
    desk.ask_for_help();
    FakeBackoffice office;
    office.handler = answer_kinds(
        "booking_request", {{"status", "rejected"}, {"reason", "bad_body"}, {"message", "body.phone: 13812345678 is odd"}});
    OutboxPush push(office, desk.outbox, desk.bookings, desk.help, desk.log);
    CHECK(push.push_all().done());
    CHECK(desk.outbox.depth() == 0);

    const auto seen = desk.bookings.find(booking.id);
    CHECK(seen->state == BookingState::Declined);
    CHECK(seen->decline_reason == "not_accepted");
    CHECK(desk.column(booking.id, "contact_phone").empty());

    const auto problems = desk.outbox.problems();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].kind == "booking_request");
    CHECK(problems[0].reason == "bad_body");
    CHECK(problems[0].message == "body.phone: *** is odd");
    CHECK(desk.outbox.problem_count() == 1);
    CHECK(desk.count("SELECT COUNT(*) FROM sync_problems WHERE message LIKE '%5678%' OR kind LIKE '%5678%'") == 0);

    // Nothing is left to send: a second push sends nothing.
    CHECK(push.push_all().done());
    CHECK(office.seen.size() == 1);
}

TEST_CASE("Outbox push: a rejected help request says 'not sent' and forgets the number and the recording") {
    SyncDesk desk;
    StorageTempDir dir("sync-push-rejected-help");
    qiao::test::write_bytes(dir / "voice.ogg", "OggS voice");
    const auto request = desk.ask_for_help((dir / "voice.ogg").string());
    FakeBackoffice office;
    office.handler = answer_kinds("help_request", {{"status", "rejected"}, {"reason", "unknown_subject"}});
    OutboxPush push(office, desk.outbox, desk.bookings, desk.help, desk.log);
    CHECK(push.push_all().done());
    CHECK(desk.help.find(request.id)->status == "not_sent");
    CHECK_FALSE(std::filesystem::exists(dir / "voice.ogg"));
    CHECK(desk.count("SELECT COUNT(*) FROM help_requests WHERE contact_phone != ''") == 0);
    CHECK(desk.outbox.problems().at(0).reason == "unknown_subject");
}

TEST_CASE("Outbox push: a failed send keeps every entry and counts the failure") {
    SyncDesk desk;
    desk.book();
    desk.ask_for_help();
    const struct {
        HttpReply reply;
        const char* words;
    } failures[] = {
        {{500, R"({"error":"internal","message":"the server could not do this"})", "", false}, "HTTP 500 (internal: the server could not do this)"},
        {{503, "", "", false}, "HTTP 503"},
        {{429, "", "", false}, "HTTP 429"},
        {{200, "<html>oops</html>", "", false}, "not JSON"},
        {{200, R"({"protocol":1,"results":[{"id":"x","status":"accepted")", "", false}, "not JSON"},  // truncated
        {{200, R"({"protocol":1,"results":[]})", "", false}, "0 results for 2 entries"},
        {{0, "", "the back office did not answer in time", false}, "did not answer in time"},
        {{403, R"({"error":"forbidden","message":"another site's kiosk"})", "", false}, "HTTP 403"},
    };
    int attempts = 0;
    for (const auto& failure : failures) {
        CAPTURE(failure.words);
        FakeBackoffice office;
        office.replies.push_back(failure.reply);
        OutboxPush push(office, desk.outbox, desk.bookings, desk.help, desk.log);
        const SyncStep step = push.push_all();
        CHECK(step.outcome == SyncStep::Outcome::Failed);
        CHECK(step.error.find(failure.words) != std::string::npos);
        ++attempts;
        const auto entries = desk.outbox.next_batch(10);
        REQUIRE(entries.size() == 2);
        for (const auto& e : entries) {
            CHECK(e.attempts == attempts);
            CHECK(e.last_error == step.error);
        }
    }
    // The personal data stays until an answer is believed.
    CHECK(desk.count("SELECT COUNT(*) FROM bookings WHERE contact_phone != ''") == 1);
}

TEST_CASE("Outbox push: 401 stops the push and says the token is refused") {
    SyncDesk desk;
    desk.book();
    FakeBackoffice office;
    office.queue_json(401, {{"error", "token_revoked"}, {"message", "this kiosk's token was revoked"}});
    OutboxPush push(office, desk.outbox, desk.bookings, desk.help, desk.log);
    const SyncStep step = push.push_all();
    CHECK(step.outcome == SyncStep::Outcome::Unauthenticated);
    CHECK(step.error.find("token_revoked") != std::string::npos);
    CHECK(desk.outbox.depth() == 1);
}

TEST_CASE("Outbox push: 413 for the whole request halves the batch until it goes") {
    SyncDesk desk;
    for (int i = 0; i < 5; ++i) desk.book("1381234567" + std::to_string(i));
    FakeBackoffice office;
    office.handler = [](const SeenRequest& r) {
        if (r.body["entries"].size() > 2) return json_reply(413, {{"error", "payload_too_large"}, {"message", "too big"}});
        return json_reply(200, accept_all(r.body));
    };
    OutboxPush push(office, desk.outbox, desk.bookings, desk.help, desk.log);
    CHECK(push.push_all().done());
    CHECK(desk.outbox.depth() == 0);
    CHECK(office.seen.front().body["entries"].size() == 5);
    std::size_t accepted = 0;
    for (const auto& r : office.seen)
        if (r.body["entries"].size() <= 2) accepted += r.body["entries"].size();
    CHECK(accepted == 5);                   // each entry went once, in a batch the server took
    CHECK(push.batch_limit() <= qiao::core::kPushMaxEntries);
}

TEST_CASE("Outbox push: 400 for one entry alone sets that entry aside for staff, the others go") {
    SyncDesk desk;
    desk.book("13812345670");
    const auto bad = desk.book("13812345671");
    desk.book("13812345672");
    FakeBackoffice office;
    office.handler = [&](const SeenRequest& r) {
        for (const auto& e : r.body["entries"])
            if (e["body"]["id"] == bad.id) return json_reply(400, {{"error", "bad_request"}, {"message", "entries[1].body: wrong"}});
        return json_reply(200, accept_all(r.body));
    };
    OutboxPush push(office, desk.outbox, desk.bookings, desk.help, desk.log);
    CHECK(push.push_all().done());
    CHECK(desk.outbox.depth() == 0);
    const auto problems = desk.outbox.problems();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].reason == "bad_request");
    CHECK(desk.bookings.find(bad.id)->state == BookingState::Declined);
    CHECK(desk.count("SELECT COUNT(*) FROM bookings WHERE state IN ('requested', 'waiting')") == 2);
}

TEST_CASE("Outbox push: 150 entries go as 100 then 50, oldest first") {
    SyncDesk desk;
    for (int i = 0; i < 150; ++i) {
        qiao::core::Transaction t(desk.store.db());
        desk.outbox.add("lesson_completed", {{"n", i}});
        t.commit();
    }
    FakeBackoffice office;
    office.handler = [](const SeenRequest& r) { return json_reply(200, accept_all(r.body)); };
    OutboxPush push(office, desk.outbox, desk.bookings, desk.help, desk.log);
    CHECK(push.push_all().done());
    REQUIRE(office.seen.size() == 2);
    CHECK(office.seen[0].body["entries"].size() == 100);
    CHECK(office.seen[1].body["entries"].size() == 50);
    CHECK(office.seen[0].body["entries"][0]["body"]["n"] == 0);
    CHECK(office.seen[1].body["entries"][49]["body"]["n"] == 149);
    CHECK(desk.outbox.depth() == 0);
}

TEST_CASE("Outbox push: an empty outbox sends nothing") {
    SyncDesk desk;
    FakeBackoffice office;
    OutboxPush push(office, desk.outbox, desk.bookings, desk.help, desk.log);
    CHECK(push.push_all().done());
    CHECK(office.seen.empty());
}
