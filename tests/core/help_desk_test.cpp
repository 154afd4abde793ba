#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <stdexcept>
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
// The deadline the caller worked out (core/help/opening_hours): here simply 4 hours on.
const std::chrono::system_clock::time_point kRespondBy = kNow + std::chrono::minutes(240);

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
        desk.submit(draft, kNow, kRespondBy);
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
    StorageTempDir dir("help-submit");
    const auto voice = dir / "voice.ogg";
    qiao::test::write_bytes(voice, "OggS fake voice");
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);

    const HelpRequest request =
        desk.submit({HelpCategory::PhoneOrApp, "13812345678", false, voice.string()}, kNow, kRespondBy);
    CHECK(std::regex_match(request.id, std::regex("[0-9a-f]{32}")));
    CHECK(request.category == HelpCategory::PhoneOrApp);
    CHECK_FALSE(request.urgent);
    CHECK(request.contact_masked == "138****5678");
    CHECK(request.has_voice);
    CHECK(request.status == "waiting_to_send");
    CHECK(request.created_at == "2026-11-27T10:00:00Z");
    CHECK(request.respond_by == "2026-11-27T14:00:00Z");
    CHECK(request.volunteer_first_name.empty());
    CHECK(request.satisfaction.empty());

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
    CHECK(body["voice_path"] == voice.string());
    CHECK(body["created_at"] == "2026-11-27T10:00:00Z");
    CHECK(body["respond_by"] == "2026-11-27T14:00:00Z");
}

TEST_CASE("HelpDesk: an existing salt is reused, not replaced") {
    LocalStore store = LocalStore::open_in_memory();
    SettingsStore(store.db()).set("kiosk.learner_salt", "00112233");
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    const HelpRequest request = desk.submit({HelpCategory::Health, "13812345678", false, ""}, kNow, kRespondBy);
    CHECK(SettingsStore(store.db()).get("kiosk.learner_salt") == "00112233");
    CHECK(column_of(store, request.id, "contact_hash") == qiao::core::learner_id_for_phone("13812345678", "00112233"));
}

TEST_CASE("HelpDesk: a scam request is urgent, in the row and in the outbox entry") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    const HelpRequest request = desk.submit({HelpCategory::Scam, "13812345678", false, ""}, kNow, kRespondBy);
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
    const HelpRequest request = desk.submit({HelpCategory::DailyLife, "", true, ""}, kNow, kRespondBy);
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
    // 01012345678: a Beijing landline with its area code, 11 digits but not a mobile.
    for (const std::string bad : {"1381234567", "138123456789", "23812345678", "1381234567x", "01012345678"}) {
        CAPTURE(bad);
        const std::string message = help_error_of(desk, {HelpCategory::Health, bad, false, ""});
        CHECK(message.find("11 digits") != std::string::npos);
        CHECK_THROWS_AS(desk.submit({HelpCategory::Health, bad, true, ""}, kNow, kRespondBy), HelpError);
    }
    CHECK(count(store, "help_requests") == 0);
    CHECK(outbox.depth() == 0);
}

TEST_CASE("HelpDesk: if the outbox entry cannot be written, the request is not stored either") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    store.db().exec("DROP TABLE outbox");  // the outbox insert now fails after the row insert

    CHECK_THROWS_AS(desk.submit({HelpCategory::Scam, "13812345678", false, ""}, kNow, kRespondBy), StorageError);
    CHECK(count(store, "help_requests") == 0);
    // The salt made in the same transaction went with it.
    CHECK_FALSE(SettingsStore(store.db()).get("kiosk.learner_salt").has_value());
    // And the connection is usable again: no transaction left open.
    SettingsStore(store.db()).set("after", "ok");
    CHECK(SettingsStore(store.db()).get("after") == "ok");
}

TEST_CASE("HelpDesk: my requests, found by number before and after acknowledgement, the number and voice go") {
    StorageTempDir dir("help-ack");
    const auto voice = dir / "voice-1.ogg";
    qiao::test::write_bytes(voice, "OggS fake voice");

    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);

    const HelpRequest mine = desk.submit({HelpCategory::Scam, "13812345678", false, voice.string()}, kNow, kRespondBy);
    const HelpRequest older = desk.submit({HelpCategory::Health, "13812345678", true, ""},
                                          kNow - std::chrono::hours(1), kRespondBy);
    const HelpRequest theirs = desk.submit({HelpCategory::Other, "13900000000", false, ""}, kNow, kRespondBy);

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
    const auto voice = dir / "gone.ogg";
    qiao::test::write_bytes(voice, "OggS fake voice");
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    const HelpRequest request =
        desk.submit({HelpCategory::PhoneOrApp, "13812345678", false, voice.string()}, kNow, kRespondBy);
    REQUIRE(column_of(store, request.id, "voice_path") == voice.string());
    std::filesystem::remove(voice);  // gone between submit and acknowledgement
    desk.acknowledged(request.id);
    CHECK(column_of(store, request.id, "contact_phone").empty());
    CHECK(column_of(store, request.id, "voice_path").empty());
}

namespace {

// A request the back office has taken and resolved, ready for "did it help?".
HelpRequest resolved_request(HelpDesk& desk) {
    const HelpRequest request = desk.submit({HelpCategory::PhoneOrApp, "13812345678", false, ""}, kNow, kRespondBy);
    desk.apply_update({{"kind", "help"}, {"id", request.id}, {"status", "resolved"}, {"volunteer_first_name", "Li"}});
    return request;
}

std::int64_t outbox_count(LocalStore& store, const std::string& kind) {
    Statement statement(store.db(), "SELECT COUNT(*) FROM outbox WHERE kind = ?");
    statement.bind(1, kind);
    REQUIRE(statement.step());
    return statement.column_int(0);
}

// Makes every later outbox insert fail, as a full disk or a broken store would.
void make_outbox_refuse(LocalStore& store) {
    store.db().exec(
        "CREATE TEMP TRIGGER outbox_refuses BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox refuses'); END");
}

}  // namespace

TEST_CASE("HelpDesk: submit keeps the caller's deadline and refuses one before now") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    // At 16:00 Beijing (08:00Z) with 4 open hours, opening_hours gives 11:00 the next day.
    const auto next_day = kNow + std::chrono::hours(17);
    const HelpRequest request = desk.submit({HelpCategory::Health, "", true, ""}, kNow, next_day);
    CHECK(request.respond_by == "2026-11-28T03:00:00Z");
    CHECK(outbox.next_batch(1)[0].body["respond_by"] == "2026-11-28T03:00:00Z");

    CHECK_THROWS_AS(desk.submit({HelpCategory::Health, "", true, ""}, kNow, kNow - std::chrono::minutes(1)),
                    std::invalid_argument);
    CHECK(count(store, "help_requests") == 1);
    CHECK(outbox.depth() == 1);
}

TEST_CASE("HelpDesk: a request whose voice file's folder vanished is still stored, without the voice") {
    std::filesystem::path voice;
    {
        StorageTempDir dir("help-voice-vanished");
        voice = dir / "recording.ogg";
        qiao::test::write_bytes(voice, "OggS fake voice");
    }  // the folder and the recording are gone
    REQUIRE_FALSE(std::filesystem::exists(voice.parent_path()));

    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    const HelpRequest request = desk.submit({HelpCategory::Scam, "13812345678", false, voice.string()}, kNow, kRespondBy);
    CHECK_FALSE(request.has_voice);
    CHECK(request.urgent);
    CHECK(count(store, "help_requests") == 1);
    CHECK(column_of(store, request.id, "voice_path").empty());
    REQUIRE(outbox.depth() == 1);
    const nlohmann::json body = outbox.next_batch(1)[0].body;
    CHECK(body["voice_path"] == "");  // the sync worker will not wait for a file that will not come
    CHECK(body["phone"] == "13812345678");
    const auto found = desk.find(request.id);
    REQUIRE(found.has_value());
    CHECK_FALSE(found->has_voice);
}

TEST_CASE("HelpDesk: find returns one request as stored, or nothing for an unknown id") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    const HelpRequest made = desk.submit({HelpCategory::Scam, "13812345678", false, ""}, kNow, kRespondBy);

    const auto found = desk.find(made.id);
    REQUIRE(found.has_value());
    CHECK(found->id == made.id);
    CHECK(found->category == HelpCategory::Scam);
    CHECK(found->urgent);
    CHECK(found->contact_masked == "138****5678");
    CHECK(found->status == "waiting_to_send");
    CHECK(found->created_at == made.created_at);
    CHECK(found->respond_by == made.respond_by);
    CHECK(found->volunteer_first_name.empty());
    CHECK(found->satisfaction.empty());

    CHECK_FALSE(desk.find("0123456789abcdef0123456789abcdef").has_value());
    CHECK_FALSE(desk.find("").has_value());
}

TEST_CASE("HelpDesk: apply_update takes the back office's status and keeps only a first name") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    const HelpRequest request = desk.submit({HelpCategory::PhoneOrApp, "13812345678", false, ""}, kNow, kRespondBy);

    desk.apply_update({{"kind", "help"}, {"id", request.id}, {"status", "taken"}, {"volunteer_first_name", "Li"}});
    auto found = desk.find(request.id);
    REQUIRE(found.has_value());
    CHECK(found->status == "taken");
    CHECK(found->volunteer_first_name == "Li");
    // "my requests" sees it too
    CHECK(desk.requests_for_phone("13812345678").at(0).volunteer_first_name == "Li");

    SUBCASE("a full name keeps its first word") {
        desk.apply_update(
            {{"kind", "help"}, {"id", request.id}, {"status", "taken"}, {"volunteer_first_name", "  Mei Wang"}});
        CHECK(desk.find(request.id)->volunteer_first_name == "Mei");
    }
    SUBCASE("the ideographic space a Chinese keyboard types ends the word too") {
        desk.apply_update({{"kind", "help"},
                           {"id", request.id},
                           {"status", "taken"},
                           {"volunteer_first_name", "\u674e\u3000\u660e"}});  // 李　明
        CHECK(desk.find(request.id)->volunteer_first_name == "\u674e");
    }
    SUBCASE("at most 12 characters, counted as characters, not bytes") {
        desk.apply_update({{"kind", "help"},
                           {"id", request.id},
                           {"status", "taken"},
                           {"volunteer_first_name", "Bartholomewina"}});
        CHECK(desk.find(request.id)->volunteer_first_name == "Bartholomewi");
        std::string thirteen;
        for (int i = 0; i < 13; ++i) thirteen += "\u5a1c";  // 娜, 3 bytes each
        desk.apply_update(
            {{"kind", "help"}, {"id", request.id}, {"status", "taken"}, {"volunteer_first_name", thirteen}});
        CHECK(desk.find(request.id)->volunteer_first_name == thirteen.substr(0, 12 * 3));
    }
    SUBCASE("resolved; a late \"taken\" does not bring it back, and no name keeps the name") {
        desk.apply_update({{"kind", "help"}, {"id", request.id}, {"status", "resolved"}});
        CHECK(desk.find(request.id)->status == "resolved");
        CHECK(desk.find(request.id)->volunteer_first_name == "Li");
        desk.apply_update({{"kind", "help"}, {"id", request.id}, {"status", "taken"}, {"volunteer_first_name", "Mei"}});
        CHECK(desk.find(request.id)->status == "resolved");
        CHECK(desk.find(request.id)->volunteer_first_name == "Mei");
    }
    SUBCASE("an acknowledgement after \"taken\" keeps \"taken\"") {
        desk.acknowledged(request.id);
        CHECK(desk.find(request.id)->status == "taken");
    }
    // No update wrote an outbox entry: these come from the back office.
    CHECK(outbox.depth() == 1);
}

TEST_CASE("HelpDesk: apply_update refuses what it cannot apply, and changes nothing") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    const HelpRequest request = desk.submit({HelpCategory::PhoneOrApp, "13812345678", false, ""}, kNow, kRespondBy);

    const auto message_of = [&](const nlohmann::json& update) {
        try {
            desk.apply_update(update);
        } catch (const HelpError& e) {
            return std::string(e.what());
        }
        FAIL("apply_update should have refused " << update.dump());
        return std::string();
    };
    CHECK(message_of({{"kind", "help"}, {"id", "0123456789abcdef0123456789abcdef"}, {"status", "taken"}})
              .find("no request 0123456789abcdef0123456789abcdef") != std::string::npos);
    CHECK(message_of({{"kind", "help"}, {"id", request.id}, {"status", "cancelled"}}).find("unknown status \"cancelled\"") !=
          std::string::npos);
    CHECK(message_of({{"kind", "help"}, {"id", request.id}}).find("unknown status") != std::string::npos);
    CHECK(message_of({{"kind", "booking"}, {"id", request.id}, {"status", "taken"}}).find("\"booking\"") !=
          std::string::npos);
    CHECK(message_of({{"kind", "help"}, {"status", "taken"}}).find("names no request") != std::string::npos);
    CHECK(message_of({{"kind", "help"}, {"id", request.id}, {"status", "taken"}, {"volunteer_first_name", 7}})
              .find("must be text") != std::string::npos);
    CHECK(message_of(nlohmann::json::array()).find("expected an object") != std::string::npos);

    const auto found = desk.find(request.id);
    REQUIRE(found.has_value());
    CHECK(found->status == "waiting_to_send");
    CHECK(found->volunteer_first_name.empty());
}

TEST_CASE("HelpDesk: record_satisfaction stores the first answer and queues it once") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    const HelpRequest request = resolved_request(desk);
    const auto later = kNow + std::chrono::hours(2);

    desk.record_satisfaction(request.id, true, later);
    CHECK(desk.find(request.id)->satisfaction == "helped");
    CHECK(column_of(store, request.id, "satisfaction") == "helped");
    REQUIRE(outbox_count(store, "help_feedback") == 1);
    const auto batch = outbox.next_batch(10);
    REQUIRE(batch.size() == 2);
    CHECK(batch[1].kind == "help_feedback");
    CHECK(batch[1].body == nlohmann::json{{"id", request.id}, {"helped", true}, {"answered_at", "2026-11-27T12:00:00Z"}});

    // Tapping again (or the other answer) changes nothing and queues nothing.
    desk.record_satisfaction(request.id, false, later + std::chrono::minutes(1));
    desk.record_satisfaction(request.id, true, later + std::chrono::minutes(2));
    CHECK(desk.find(request.id)->satisfaction == "helped");
    CHECK(outbox_count(store, "help_feedback") == 1);

    // "Not helped" is stored as such.
    const HelpRequest other = resolved_request(desk);
    desk.record_satisfaction(other.id, false, later);
    CHECK(desk.find(other.id)->satisfaction == "not_helped");
    CHECK(outbox_count(store, "help_feedback") == 2);
}

TEST_CASE("HelpDesk: record_satisfaction only for a resolved request") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    const HelpRequest request = desk.submit({HelpCategory::PhoneOrApp, "13812345678", false, ""}, kNow, kRespondBy);

    CHECK_THROWS_AS(desk.record_satisfaction(request.id, true, kNow), HelpError);
    desk.apply_update({{"kind", "help"}, {"id", request.id}, {"status", "taken"}});
    CHECK_THROWS_WITH_AS(desk.record_satisfaction(request.id, true, kNow),
                         doctest::Contains("not resolved yet"), HelpError);
    CHECK_THROWS_WITH_AS(desk.record_satisfaction("0123456789abcdef0123456789abcdef", true, kNow),
                         doctest::Contains("no help request"), HelpError);
    CHECK(desk.find(request.id)->satisfaction.empty());
    CHECK(outbox_count(store, "help_feedback") == 0);
}

TEST_CASE("HelpDesk: the answer and its outbox entry are stored in one transaction") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    const HelpRequest request = resolved_request(desk);
    const auto depth_before = outbox.depth();

    make_outbox_refuse(store);
    CHECK_THROWS_WITH_AS(desk.record_satisfaction(request.id, true, kNow), doctest::Contains("outbox refuses"),
                         StorageError);
    CHECK(column_of(store, request.id, "satisfaction").empty());  // the row's update rolled back with it
    CHECK(outbox.depth() == depth_before);

    // Once the outbox takes entries again, the senior's answer can still be given.
    store.db().exec("DROP TRIGGER temp.outbox_refuses");
    desk.record_satisfaction(request.id, false, kNow);
    CHECK(column_of(store, request.id, "satisfaction") == "not_helped");
    CHECK(outbox_count(store, "help_feedback") == 1);
}

TEST_CASE("HelpDesk: a request and its outbox entry are stored in one transaction (trigger)") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    make_outbox_refuse(store);
    CHECK_THROWS_AS(desk.submit({HelpCategory::Scam, "13812345678", false, ""}, kNow, kRespondBy), StorageError);
    CHECK(count(store, "help_requests") == 0);
    CHECK(outbox.depth() == 0);
    CHECK_FALSE(SettingsStore(store.db()).get("kiosk.learner_salt").has_value());
}

TEST_CASE("HelpDesk: start-up deletes recordings no request holds, and keeps the ones that do") {
    StorageTempDir dir("help-orphans");
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    HelpDesk desk(store.db(), outbox);
    const auto folder = dir / "voice-messages";
    std::filesystem::create_directories(folder);
    const auto held = folder / "held.ogg", orphan = folder / "orphan.ogg";
    qiao::test::write_bytes(held, "OggS");
    qiao::test::write_bytes(orphan, "OggS");
    desk.submit({HelpCategory::Health, "13812345678", false, held.string()}, kNow, kRespondBy);
    CHECK(desk.delete_unsent_recordings(folder) == 1);
    CHECK(std::filesystem::exists(held));
    CHECK_FALSE(std::filesystem::exists(orphan));
    CHECK(desk.delete_unsent_recordings(dir / "no-such-folder") == 0);
}
