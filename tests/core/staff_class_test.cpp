#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "core/identity/learner_salt.hpp"
#include "core/identity/phone_number.hpp"
#include "core/staff/class_record.hpp"
#include "core/staff_test_support.hpp"
#include "core/storage/settings_store.hpp"

using namespace qiao::core;
using namespace std::chrono_literals;
using qiao::test::kMonday10;
using qiao::test::StaffDesk;

namespace {

const std::string kWalkIn = "13812345678";
const std::string kOtherWalkIn = "13900001111";

ClassFinish a_class() {
    ClassFinish f;
    f.staff_id = "s-wang";
    f.pack_id = "org.qiao.basics";
    f.lesson_id = "pay-by-qr";
    f.pack_version = "1.2.0";
    f.language = "zh-CN";
    f.started = kMonday10;
    f.ended = kMonday10 + 50min;
    f.attended_bookings = {"b-1", "b-2", "b-1"};
    f.walk_in_phones = {kWalkIn, kOtherWalkIn, kWalkIn};
    return f;
}

// Everything the store holds as text, for "no digits of a phone anywhere".
std::string whole_store(StaffDesk& desk) {
    std::string all;
    for (const char* sql : {"SELECT id || kind || body || created_at FROM outbox",
                            "SELECT entry_id || account || staff_id || kind || started_at || ended_at FROM hours_ledger",
                            "SELECT key || value FROM settings"}) {
        Statement rows(desk.store.db(), sql);
        while (rows.step()) all += rows.column_text(0) + "\n";
    }
    return all;
}

}  // namespace

TEST_CASE("class: finishing one queues class_held with salted learner ids and the class hours, together") {
    StaffDesk desk;
    ClassRecord record(desk.store.db(), desk.outbox);
    const ClassSummary summary = record.finish(a_class());
    CHECK(summary.booked_present == 2);  // repeated bookings and numbers count once
    CHECK(summary.walk_ins == 2);
    CHECK(summary.present() == 4);
    CHECK(summary.hours.minutes == 50);
    CHECK(summary.hours.kind == "class");
    CHECK(summary.class_id.size() == 32);

    const auto batch = desk.outbox.next_batch(10);
    REQUIRE(batch.size() == 2);
    const OutboxEntry& hours = batch[0].kind == "hours_served" ? batch[0] : batch[1];
    const OutboxEntry& held = batch[0].kind == "class_held" ? batch[0] : batch[1];
    CHECK(hours.kind == "hours_served");
    CHECK(hours.body["kind"] == "class");
    CHECK(hours.body["minutes"] == 50);
    REQUIRE(held.kind == "class_held");
    CHECK(held.id == summary.entry_id);
    const nlohmann::json& body = held.body;
    CHECK(body["id"] == summary.class_id);
    CHECK(body["staff_id"] == "s-wang");
    CHECK(body["pack_id"] == "org.qiao.basics");
    CHECK(body["lesson_id"] == "pay-by-qr");
    CHECK(body["pack_version"] == "1.2.0");
    CHECK(body["language"] == "zh-CN");
    CHECK(body["started_at"] == "2026-11-30T02:00:00Z");
    CHECK(body["ended_at"] == "2026-11-30T02:50:00Z");
    CHECK(body["attended_bookings"] == nlohmann::json{"b-1", "b-2"});

    // The learners are the kiosk's salted ids, the same a senior's lessons use.
    const auto salt = existing_learner_salt(SettingsStore(desk.store.db()));
    REQUIRE(salt.has_value());
    REQUIRE(body["learners"].size() == 2);
    for (const std::string& phone : {kWalkIn, kOtherWalkIn}) {
        bool listed = false;
        for (const auto& learner : body["learners"]) listed |= learner == learner_id_for_phone(phone, *salt);
        CHECK(listed);
    }
    // No digits of a number are kept or sent: not the number, nor its last eight digits.
    const std::string all = whole_store(desk);
    for (const std::string& phone : {kWalkIn, kOtherWalkIn}) {
        CHECK(all.find(phone) == std::string::npos);
        CHECK(all.find(phone.substr(3)) == std::string::npos);
    }
}

TEST_CASE("class: a class with a bad field is refused with a plain message and nothing is stored") {
    StaffDesk desk;
    ClassRecord record(desk.store.db(), desk.outbox);
    ClassFinish bad_phone = a_class();
    bad_phone.walk_in_phones.push_back("1234");
    CHECK_THROWS_WITH_AS(record.finish(bad_phone),
                         "The class was not recorded: one walk-in's phone number does not look right (a mobile number "
                         "has 11 digits and starts with 1).",
                         std::invalid_argument);
    ClassFinish no_lesson = a_class();
    no_lesson.lesson_id.clear();
    CHECK_THROWS_WITH_AS(record.finish(no_lesson), "The class was not recorded: the lesson is missing.", std::invalid_argument);
    ClassFinish backwards = a_class();
    backwards.ended = backwards.started - 1min;
    CHECK_THROWS_AS(record.finish(backwards), std::invalid_argument);
    ClassFinish revoked = a_class();
    revoked.staff_id = "s-nobody";
    CHECK_THROWS_AS(record.finish(revoked), std::invalid_argument);
    CHECK(desk.outbox.depth() == 0);
    CHECK(desk.count("SELECT COUNT(*) FROM hours_ledger") == 0);
}

TEST_CASE("class: when the store fails part-way, neither the class nor its hours are queued") {
    StaffDesk desk;
    ClassRecord record(desk.store.db(), desk.outbox);
    // The class_held entry, the last write, fails: the hours written before it go too.
    desk.store.db().exec(
        "CREATE TEMP TRIGGER fail_class BEFORE INSERT ON outbox WHEN NEW.kind = 'class_held' "
        "BEGIN SELECT RAISE(ABORT, 'disk gone'); END");
    CHECK_THROWS_AS(record.finish(a_class()), StorageError);
    CHECK(desk.outbox.depth() == 0);
    CHECK(desk.count("SELECT COUNT(*) FROM hours_ledger") == 0);
}

TEST_CASE("class: a class without walk-ins or bookings is still the volunteer's hours") {
    StaffDesk desk;
    ClassRecord record(desk.store.db(), desk.outbox);
    ClassFinish empty = a_class();
    empty.attended_bookings.clear();
    empty.walk_in_phones.clear();
    const ClassSummary summary = record.finish(empty);
    CHECK(summary.present() == 0);
    CHECK(summary.hours.minutes == 50);
    CHECK(desk.outbox.depth() == 2);
}
