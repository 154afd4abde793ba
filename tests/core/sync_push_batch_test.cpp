#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <sodium.h>

#include "core/storage_temp_dir.hpp"
#include "core/sync/backoffice_reply.hpp"
#include "core/sync/push_batch.hpp"
#include "core/sync_test_support.hpp"

using nlohmann::json;
using qiao::core::build_push_batch;
using qiao::core::EntryResult;
using qiao::core::OutboxEntry;
using qiao::core::parse_push_results;
using qiao::core::ReplyFormatError;
using qiao::test::StorageTempDir;
using qiao::test::SyncDesk;

namespace {

OutboxEntry entry(const std::string& id, const std::string& kind = "booking_cancel", json body = {{"id", "b"}}) {
    OutboxEntry e;
    e.id = id;
    e.kind = kind;
    e.body = std::move(body);
    e.created_at = "2026-11-30T02:00:00.000Z";
    return e;
}

std::string base64_of(const std::string& bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.pop_back();
    return out;
}

std::string why_refused(const std::string& body, const std::vector<std::string>& ids) {
    try {
        parse_push_results(body, ids);
    } catch (const ReplyFormatError& e) {
        return e.what();
    }
    FAIL("the answer should have been refused: " << body);
    return {};
}

}  // namespace

TEST_CASE("Push batch: at most 100 entries, oldest first, in the protocol's envelope") {
    SyncDesk desk;
    std::vector<OutboxEntry> candidates;
    for (int i = 0; i < 150; ++i) candidates.push_back(entry("e" + std::to_string(i)));
    const auto batch = build_push_batch(candidates, desk.log);
    REQUIRE(batch.entries.size() == 100);
    CHECK(batch.request["protocol"] == 1);
    REQUIRE(batch.request["entries"].size() == 100);
    CHECK(batch.request["entries"][0] ==
          json{{"id", "e0"}, {"kind", "booking_cancel"}, {"created_at", "2026-11-30T02:00:00.000Z"}, {"body", {{"id", "b"}}}});
    CHECK(batch.request["entries"][99]["id"] == "e99");
    CHECK(batch.bytes == batch.request.dump().size());
}

TEST_CASE("Push batch: stays within 4 MiB, but the first entry always goes") {
    SyncDesk desk;
    const std::string big(1500 * 1024, 'x');  // 1.5 MiB each: two fit in 4 MiB, three do not
    std::vector<OutboxEntry> candidates;
    for (int i = 0; i < 5; ++i) candidates.push_back(entry("e" + std::to_string(i), "lesson_completed", {{"pad", big}}));
    const auto batch = build_push_batch(candidates, desk.log);
    CHECK(batch.entries.size() == 2);
    CHECK(batch.bytes <= qiao::core::kPushMaxBytes);
    CHECK(batch.request.dump().size() == batch.bytes);

    const auto alone = build_push_batch(candidates, desk.log, 100, 1000);  // each alone is over the bound
    CHECK(alone.entries.size() == 1);
    CHECK(alone.entries[0].id == "e0");
}

TEST_CASE("Push batch: a help request carries its recording as base64, never the local path") {
    SyncDesk desk;
    StorageTempDir dir("sync-voice");
    const std::string bytes = std::string("OggS\0\x02 not really vorbis", 24) + std::string(3000, '\x7f');
    qiao::test::write_bytes(dir / "r1.ogg", bytes);
    const auto with_voice = entry("e1", "help_request", {{"id", "r1"}, {"phone", "13812345678"}, {"voice_path", (dir / "r1.ogg").string()}});
    const auto without = entry("e2", "help_request", {{"id", "r2"}, {"voice_path", ""}});
    const auto gone = entry("e3", "help_request", {{"id", "r3"}, {"voice_path", (dir / "missing.ogg").string()}});

    const auto batch = build_push_batch({with_voice, without, gone}, desk.log);
    const json& sent = batch.request["entries"];
    REQUIRE(sent.size() == 3);
    CHECK(sent[0]["body"]["voice"] == json{{"format", "ogg-vorbis"}, {"base64", base64_of(bytes)}});
    CHECK(sent[0]["body"]["phone"] == "13812345678");
    CHECK(sent[1]["body"]["voice"].is_null());
    CHECK(sent[2]["body"]["voice"].is_null());  // gone from the disk: the request goes without it
    CHECK(desk.logged("help request r3: its voice message is gone"));
    for (const json& e : sent) CHECK_FALSE(e["body"].contains("voice_path"));
    CHECK(batch.request.dump().find(dir.path().string()) == std::string::npos);
    // The outbox's own copy still names the file (it is deleted once acknowledged).
    CHECK(batch.entries[0].body["voice_path"] == (dir / "r1.ogg").string());
}

TEST_CASE("Push batch: other kinds go exactly as stored") {
    SyncDesk desk;
    const json body = {{"id", "b1"}, {"code", "K7P2QA"}, {"voice_path", "not a help request: left alone"}};
    const auto batch = build_push_batch({entry("e1", "booking_request", body)}, desk.log);
    CHECK(batch.request["entries"][0]["body"] == body);
}

TEST_CASE("Push results: one per entry, in order, accepted or rejected") {
    const auto results = parse_push_results(R"({"protocol": 1, "extra": "ignored", "results": [
        {"id": "a", "status": "accepted"},
        {"id": "b", "status": "accepted", "already_had": true, "note": "ignored"},
        {"id": "c", "status": "rejected", "reason": "bad_body", "message": "body.slot_id: missing"},
        {"id": "d", "status": "rejected", "reason": "unknown_kind"}]})",
                                            {"a", "b", "c", "d"});
    REQUIRE(results.size() == 4);
    CHECK(results[0].accepted);
    CHECK_FALSE(results[0].already_had);
    CHECK(results[1].accepted);
    CHECK(results[1].already_had);
    CHECK_FALSE(results[2].accepted);
    CHECK(results[2].reason == "bad_body");
    CHECK(results[2].message == "body.slot_id: missing");
    CHECK(results[3].reason == "unknown_kind");
    CHECK(results[3].message.empty());
}

TEST_CASE("Push results: anything but the described JSON is refused whole") {
    const std::vector<std::string> ids = {"a", "b"};
    const std::string good = R"({"protocol":1,"results":[{"id":"a","status":"accepted"},{"id":"b","status":"accepted"}]})";
    CHECK(parse_push_results(good, ids).size() == 2);

    CHECK(why_refused("<html>502 Bad Gateway</html>", ids).find("not JSON") != std::string::npos);
    CHECK(why_refused(good.substr(0, good.size() / 2), ids).find("not JSON") != std::string::npos);  // truncated
    CHECK(why_refused("", ids).find("not JSON") != std::string::npos);
    CHECK(why_refused("[]", ids).find("not a JSON object") != std::string::npos);
    CHECK(why_refused(R"({"results":[{"id":"a","status":"accepted"},{"id":"b","status":"accepted"}]})", ids)
              .find("\"protocol\" is not 1") != std::string::npos);
    CHECK(why_refused(R"({"protocol":2,"results":[]})", ids).find("\"protocol\" is not 1") != std::string::npos);
    CHECK(why_refused(R"({"protocol":1})", ids).find("no \"results\"") != std::string::npos);
    CHECK(why_refused(R"({"protocol":1,"results":{}})", ids).find("no \"results\"") != std::string::npos);
    CHECK(why_refused(R"({"protocol":1,"results":[{"id":"a","status":"accepted"}]})", ids).find("1 results for 2 entries") !=
          std::string::npos);
    CHECK(why_refused(R"({"protocol":1,"results":[{"id":"a","status":"accepted"},{"id":"b","status":"accepted"},{"id":"c","status":"accepted"}]})",
                      ids)
              .find("3 results for 2 entries") != std::string::npos);
    // Right ids in the wrong order, or an id that was not sent: nothing is believed.
    CHECK(why_refused(R"({"protocol":1,"results":[{"id":"b","status":"accepted"},{"id":"a","status":"accepted"}]})", ids)
              .find("results[0] is for \"b\"") != std::string::npos);
    CHECK(why_refused(R"({"protocol":1,"results":[{"id":"a","status":"accepted"},{"id":"zz","status":"accepted"}]})", ids)
              .find("results[1] is for \"zz\"") != std::string::npos);
    CHECK(why_refused(R"({"protocol":1,"results":[{"id":"a","status":"accepted"},{"status":"accepted"}]})", ids)
              .find("results[1] has no \"id\"") != std::string::npos);
    CHECK(why_refused(R"({"protocol":1,"results":[{"id":"a","status":"accepted"},{"id":7,"status":"accepted"}]})", ids)
              .find("results[1].id is not text") != std::string::npos);
    CHECK(why_refused(R"({"protocol":1,"results":[{"id":"a","status":"accepted"},{"id":"b","status":"maybe"}]})", ids)
              .find("not accepted or rejected") != std::string::npos);
    CHECK(why_refused(R"({"protocol":1,"results":[{"id":"a","status":"accepted"},{"id":"b"}]})", ids)
              .find("has no \"status\"") != std::string::npos);
    CHECK(why_refused(R"({"protocol":1,"results":[{"id":"a","status":"accepted"},{"id":"b","status":"rejected"}]})", ids)
              .find("has no \"reason\"") != std::string::npos);
    CHECK(why_refused(R"({"protocol":1,"results":[{"id":"a","status":"accepted","already_had":"yes"},{"id":"b","status":"accepted"}]})",
                      ids)
              .find("already_had is not true or false") != std::string::npos);
    CHECK(why_refused(R"({"protocol":1,"results":[1,2]})", ids).find("results[0] is not an object") != std::string::npos);
}
