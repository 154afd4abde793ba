#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/help/help_desk.hpp"
#include "core/identity/phone_number.hpp"
#include "core/outbox/outbox.hpp"
#include "core/storage/local_store.hpp"
#include "core/storage/settings_store.hpp"
#include "core/storage_temp_dir.hpp"

using qiao::core::HelpCategory;
using qiao::core::HelpDesk;
using qiao::core::HelpError;
using qiao::core::HelpRequest;
using qiao::core::HelpRequestDraft;
using qiao::core::LocalStore;
using qiao::core::Outbox;
using qiao::core::SettingsStore;
using qiao::core::Statement;
using qiao::core::StorageError;
using qiao::test::StorageTempDir;

namespace {

// 2026-11-27T10:00:00Z
const std::chrono::system_clock::time_point kNow = std::chrono::system_clock::from_time_t(1795773600);
constexpr std::chrono::minutes kDeadline{240};

std::int64_t count(LocalStore& store, const std::string& table) {
    Statement statement(store.db(), "SELECT COUNT(*) FROM " + table);
    REQUIRE(statement.step());
    return statement.column_int(0);
}

// One column of one help request, read straight from the store.
std::string column_of(LocalStore& store, const std::string& id, const std::string& column) {
    Statement statement(store.db(), "SELECT " + column + " FROM help_requests WHERE id = ?");
    statement.bind(1, id);
    REQUIRE(statement.step());
    return statement.column_text(0);
}

std::string help_error_of(HelpDesk& desk, const HelpRequestDraft& draft) {
    try {
        desk.submit(draft, kNow, kDeadline);
    } catch (const HelpError& e) {
        return e.what();
    }
    FAIL("submit should have refused the draft");
    return {};
}

}  // namespace

TEST_CASE("HelpCategory: to_string and parse_help_category are inverses") {
    const std::vector<std::pair<HelpCategory, std::string>> names = {
        {HelpCategory::PhoneOrApp, "phone_or_app"}, {HelpCategory::Scam, "scam"},  {HelpCategory::Health, "health"},
        {HelpCategory::DailyLife, "daily_life"},    {HelpCategory::Other, "other"},
    };
    for (const auto& [category, name] : names) {
        CHECK(qiao::core::to_string(category) == name);
        CHECK(qiao::core::parse_help_category(name) == category);
    }
    CHECK_THROWS_AS(qiao::core::parse_help_category("Scam"), HelpError);
    CHECK_THROWS_AS(qiao::core::parse_help_category(""), HelpError);
}

TEST_CASE("HelpDesk: submit stores the request and its outbox entry") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);

    const HelpRequest request =
        desk.submit({HelpCategory::PhoneOrApp, "13812345678", false, "/tmp/voice.ogg"}, kNow, kDeadline);
    CHECK(std::regex_match(request.id, std::regex("[0-9a-f]{32}")));
    CHECK(request.category == HelpCategory::PhoneOrApp);
    CHECK_FALSE(request.urgent);
    CHECK(request.contact_masked == "138****5678");
    CHECK(request.has_voice);
    CHECK(request.status == "waiting_to_send");
    CHECK(request.created_at == "2026-11-27T10:00:00Z");
    CHECK(request.respond_by == "2026-11-27T14:00:00Z");
    CHECK(request.volunteer_first_name.empty());

    CHECK(count(store, "help_requests") == 1);
    CHECK(column_of(store, request.id, "contact_phone") == "13812345678");
    CHECK(column_of(store, request.id, "category") == "phone_or_app");
    CHECK(column_of(store, request.id, "urgent") == "0");

    // The salt was made on first use, as the kiosk does for learner ids.
    const auto salt = SettingsStore(store.db()).get("kiosk.learner_salt");
    REQUIRE(salt.has_value());
    CHECK(column_of(store, request.id, "contact_hash") == qiao::core::learner_id_for_phone("13812345678", *salt));

    const auto batch = outbox.next_batch(10);
    REQUIRE(batch.size() == 1);
    CHECK(batch[0].kind == "help_request");
    const nlohmann::json& body = batch[0].body;
    CHECK(body["id"] == request.id);
    CHECK(body["category"] == "phone_or_app");
    CHECK(body["urgent"] == false);
    CHECK(body["phone"] == "13812345678");  // the back office must be able to call back
    CHECK(body["at_station"] == false);
    CHECK(body["voice_path"] == "/tmp/voice.ogg");
    CHECK(body["created_at"] == "2026-11-27T10:00:00Z");
    CHECK(body["respond_by"] == "2026-11-27T14:00:00Z");
}

TEST_CASE("HelpDesk: an existing salt is reused, not replaced") {
    LocalStore store = LocalStore::open_in_memory();
    SettingsStore(store.db()).set("kiosk.learner_salt", "00112233");
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    const HelpRequest request = desk.submit({HelpCategory::Health, "13812345678", false, ""}, kNow, kDeadline);
    CHECK(SettingsStore(store.db()).get("kiosk.learner_salt") == "00112233");
    CHECK(column_of(store, request.id, "contact_hash") == qiao::core::learner_id_for_phone("13812345678", "00112233"));
}

TEST_CASE("HelpDesk: a scam request is urgent, in the row and in the outbox entry") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    const HelpRequest request = desk.submit({HelpCategory::Scam, "13812345678", false, ""}, kNow, kDeadline);
    CHECK(request.urgent);
    CHECK(column_of(store, request.id, "urgent") == "1");
    CHECK(column_of(store, request.id, "category") == "scam");
    REQUIRE(outbox.depth() == 1);
    CHECK(outbox.next_batch(1)[0].body["urgent"] == true);
}

TEST_CASE("HelpDesk: at the station, no phone number is needed") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    const HelpRequest request = desk.submit({HelpCategory::DailyLife, "", true, ""}, kNow, kDeadline);
    CHECK(request.at_station);
    CHECK(request.contact_masked.empty());
    CHECK(column_of(store, request.id, "contact_hash").empty());
    CHECK(outbox.next_batch(1)[0].body["at_station"] == true);
    // An empty number finds nobody's requests, not the at-station ones.
    CHECK(desk.requests_for_phone("").empty());
}

TEST_CASE("HelpDesk: without a way to reach the senior, nothing is stored and the message is plain") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    const std::string message = help_error_of(desk, {HelpCategory::Other, "", false, ""});
    CHECK(message.find("how to reach you") != std::string::npos);
    CHECK(message.find("phone number") != std::string::npos);
    CHECK(count(store, "help_requests") == 0);
    CHECK(outbox.depth() == 0);
    CHECK_FALSE(SettingsStore(store.db()).get("kiosk.learner_salt").has_value());
}

TEST_CASE("HelpDesk: a number that is not a mobile number is refused, even at the station") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    for (const std::string bad : {"1381234567", "138123456789", "23812345678", "1381234567x"}) {
        CAPTURE(bad);
        const std::string message = help_error_of(desk, {HelpCategory::Health, bad, false, ""});
        CHECK(message.find("11 digits") != std::string::npos);
        CHECK_THROWS_AS(desk.submit({HelpCategory::Health, bad, true, ""}, kNow, kDeadline), HelpError);
    }
    CHECK(count(store, "help_requests") == 0);
    CHECK(outbox.depth() == 0);
}

TEST_CASE("HelpDesk: if the outbox entry cannot be written, the request is not stored either") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    store.db().exec("DROP TABLE outbox");  // the outbox insert now fails after the row insert

    CHECK_THROWS_AS(desk.submit({HelpCategory::Scam, "13812345678", false, ""}, kNow, kDeadline), StorageError);
    CHECK(count(store, "help_requests") == 0);
    // The salt made in the same transaction went with it.
    CHECK_FALSE(SettingsStore(store.db()).get("kiosk.learner_salt").has_value());
    // And the connection is usable again: no transaction left open.
    SettingsStore(store.db()).set("after", "ok");
    CHECK(SettingsStore(store.db()).get("after") == "ok");
}

TEST_CASE("HelpDesk: my requests, found by number before and after acknowledgement; the number and voice go") {
    StorageTempDir dir("help-ack");
    const auto voice = dir / "voice-1.ogg";
    qiao::test::write_bytes(voice, "OggS fake voice");

    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);

    const HelpRequest mine = desk.submit({HelpCategory::Scam, "13812345678", false, voice.string()}, kNow, kDeadline);
    const HelpRequest older = desk.submit({HelpCategory::Health, "13812345678", true, ""},
                                          kNow - std::chrono::hours(1), kDeadline);
    const HelpRequest theirs = desk.submit({HelpCategory::Other, "13900000000", false, ""}, kNow, kDeadline);

    auto found = desk.requests_for_phone("13812345678");
    REQUIRE(found.size() == 2);
    CHECK(found[0].id == mine.id);  // newest first
    CHECK(found[1].id == older.id);
    CHECK(found[0].has_voice);
    CHECK(found[0].status == "waiting_to_send");
    CHECK(desk.requests_for_phone("13900000000").size() == 1);
    CHECK(desk.requests_for_phone("13800000000").empty());
    CHECK(desk.requests_for_phone("not a number").empty());

    // The sync worker, once the back office acknowledged the entry: HelpDesk first...
    const auto entries = outbox.next_batch(10);
    REQUIRE(entries.size() == 3);
    CHECK(entries[0].body["phone"] == "13812345678");  // the entry carries the full number until then
    desk.acknowledged(mine.id);

    CHECK(column_of(store, mine.id, "contact_phone").empty());
    CHECK(column_of(store, mine.id, "contact_masked") == "138****5678");
    CHECK(column_of(store, mine.id, "voice_path").empty());
    CHECK(column_of(store, mine.id, "status") == "sent");
    CHECK_FALSE(std::filesystem::exists(voice));
    // The other requests still hold their numbers: they were not acknowledged.
    CHECK(column_of(store, older.id, "contact_phone") == "13812345678");
    CHECK(column_of(store, theirs.id, "contact_phone") == "13900000000");

    // ... then the outbox entry (which still holds the number until this call).
    outbox.acknowledge({entries[0].id});
    CHECK(outbox.depth() == 2);

    Statement full(store.db(), "SELECT COUNT(*) FROM help_requests WHERE contact_phone = '13812345678' AND id = ?");
    full.bind(1, mine.id);
    REQUIRE(full.step());
    CHECK(full.column_int(0) == 0);

    found = desk.requests_for_phone("13812345678");
    REQUIRE(found.size() == 2);
    CHECK(found[0].id == mine.id);
    CHECK(found[0].contact_masked == "138****5678");
    CHECK_FALSE(found[0].has_voice);
    CHECK(found[0].status == "sent");
    CHECK(found[0].urgent);

    // Repeated and unknown acknowledgements do nothing more.
    desk.acknowledged(mine.id);
    desk.acknowledged("no-such-request");
    CHECK(column_of(store, mine.id, "contact_masked") == "138****5678");
    CHECK(count(store, "help_requests") == 3);
}

TEST_CASE("HelpDesk: a voice file already gone does not stop the acknowledgement") {
    StorageTempDir dir("help-ack-gone");
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    const HelpRequest request =
        desk.submit({HelpCategory::PhoneOrApp, "13812345678", false, (dir / "missing.ogg").string()}, kNow, kDeadline);
    desk.acknowledged(request.id);
    CHECK(column_of(store, request.id, "contact_phone").empty());
    CHECK(column_of(store, request.id, "voice_path").empty());
}
