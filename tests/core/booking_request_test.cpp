// Booking a slot: which days and times are offered, what a request stores, and the
// rules that refuse one.
#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/booking/booking_service.hpp"
#include "core/booking_test_support.hpp"
#include "core/identity/phone_number.hpp"
#include "core/storage/settings_store.hpp"

using namespace qiao::core;
using qiao::test::BookingDesk;
using qiao::test::kMonday10;
using qiao::test::local;
using qiao::test::small_services;
using qiao::test::weekly_id;
using Reason = BookingError::Reason;

namespace {

const std::string kPhone = "13812345678";
const std::string kOtherPhone = "13900001111";

}  // namespace

TEST_CASE("booking: BookingState words go both ways") {
    const std::vector<std::pair<BookingState, std::string>> names = {
        {BookingState::Requested, "requested"}, {BookingState::Waiting, "waiting"},
        {BookingState::Confirmed, "confirmed"}, {BookingState::Declined, "declined"},
        {BookingState::Cancelled, "cancelled"}, {BookingState::CheckedIn, "checked_in"},
        {BookingState::Attended, "attended"},   {BookingState::NoShow, "no_show"},
    };
    for (const auto& [state, name] : names) {
        CHECK(to_string(state) == name);
        CHECK(parse_booking_state(name) == state);
    }
    CHECK_THROWS_AS(parse_booking_state("Confirmed"), BookingError);
    CHECK_THROWS_AS(parse_booking_state(""), BookingError);
}

TEST_CASE("booking: codes are 6 characters with no look-alikes, and differ") {
    const std::regex allowed("[34679ACDEFGHJKMNPQRTUVWXY]{6}");
    std::set<std::string> seen;
    for (int i = 0; i < 500; ++i) {
        const std::string code = new_booking_code();
        CHECK(std::regex_match(code, allowed));
        seen.insert(code);
    }
    CHECK(seen.size() > 490);
    for (char c : std::string("0O1IL2Z5S8B")) CHECK(kBookingCodeAlphabet.find(c) == std::string_view::npos);
}

TEST_CASE("booking: open_days skips closed days and days with nothing bookable, and stops at 7") {
    BookingDesk desk;
    // Monday 10:00: today's 09:30 class is over, Sunday the 6th is closed, and so is
    // Tuesday the 8th.
    const auto days = desk.bookings.open_days("phone-class", kMonday10);
    std::vector<std::string> dates;
    for (const DayChoice& day : days) dates.push_back(day.date.iso());
    CHECK(dates == std::vector<std::string>{"2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05",
                                            "2026-12-07", "2026-12-09"});
    CHECK(days[0].open_slots == 1);
    CHECK(days[1].open_slots == 2);  // Wednesday: the weekly class and the talk

    CHECK(desk.bookings.open_days("phone-class", kMonday10, 3).size() == 3);
    CHECK(desk.bookings.open_days("nothing", kMonday10).empty());
    // Early on Monday, today's class can still be booked.
    const auto early = desk.bookings.open_days("phone-class", local(11, 30, 8, 30));
    REQUIRE(!early.empty());
    CHECK(early[0].date == LocalDate{2026, 11, 30});
}

TEST_CASE("booking: open_days stops at max_days_ahead, and a full day still counts") {
    nlohmann::json services = small_services();
    services["services"][0]["rules"]["max_days_ahead"] = 3;
    services["slots"][0]["seats_left"] = 0;
    BookingDesk desk(services);
    const auto days = desk.bookings.open_days("phone-class", kMonday10);
    REQUIRE(days.size() == 3);  // Tuesday, Wednesday, Thursday: no more
    CHECK(days[2].date == LocalDate{2026, 12, 3});
    CHECK(days[1].open_slots == 1);  // the talk is full: it offers the waiting list only

    // A day whose only slot is full is offered with none open.
    desk.bookings.request({weekly_id(1), kPhone, false}, kMonday10);
    desk.bookings.request({weekly_id(1), kOtherPhone, false}, kMonday10);
    const auto after = desk.bookings.open_days("phone-class", kMonday10);
    REQUIRE(after.size() == 3);
    CHECK(after[0].date == LocalDate{2026, 12, 1});
    CHECK(after[0].open_slots == 0);
}

TEST_CASE("booking: slots_on keeps min notice and max days ahead, to the minute") {
    BookingDesk desk;
    const LocalDate tuesday{2026, 12, 1};
    // The class starts 09:30; booking closes 60 minutes before.
    CHECK(desk.bookings.slots_on("phone-class", tuesday, local(12, 1, 8, 30)).size() == 1);
    CHECK(desk.bookings.slots_on("phone-class", tuesday, local(12, 1, 8, 30) + std::chrono::seconds(1)).empty());
    CHECK(desk.bookings.slots_on("phone-class", tuesday, local(12, 1, 9, 30)).empty());
    // 14 days ahead: Monday 14 December is the last bookable date from Monday 30 November.
    CHECK(desk.bookings.slots_on("phone-class", {2026, 12, 14}, kMonday10).size() == 1);
    CHECK(desk.bookings.slots_on("phone-class", {2026, 12, 15}, kMonday10).empty());
    CHECK(desk.bookings.slots_on("phone-class", {2026, 12, 15}, kMonday10 + std::chrono::days(1)).size() == 1);
    CHECK(desk.bookings.slots_on("phone-class", {2026, 12, 6}, kMonday10).empty());  // closed
    CHECK(desk.bookings.slots_on("nothing", tuesday, kMonday10).empty());
}

TEST_CASE("booking: a request stores the booking and its outbox entry, the entry has the full number") {
    BookingDesk desk;
    const Booking booking = desk.bookings.request({weekly_id(1), kPhone, true}, kMonday10);
    CHECK(std::regex_match(booking.id, std::regex("[0-9a-f]{32}")));
    CHECK(std::regex_match(booking.code, std::regex("[34679ACDEFGHJKMNPQRTUVWXY]{6}")));
    CHECK(booking.state == BookingState::Requested);
    CHECK(booking.service_id == "phone-class");
    CHECK(booking.slot_id == weekly_id(1));
    CHECK(booking.start == local(12, 1, 9, 30));
    CHECK(booking.end == local(12, 1, 10, 30));
    CHECK(text_in(booking.service_name, "yue") == "智能手機班");
    CHECK(text_in(booking.place, "en") == "Activity room");
    CHECK(booking.contact_masked == "138****5678");
    CHECK(booking.for_someone_else);
    CHECK(booking.created_at == kMonday10);

    CHECK(desk.count("SELECT COUNT(*) FROM bookings") == 1);
    CHECK(desk.column(booking.id, "state") == "requested");
    CHECK(desk.column(booking.id, "contact_phone") == kPhone);
    CHECK(desk.column(booking.id, "starts_at") == "2026-12-01T01:30:00Z");
    const auto salt = SettingsStore(desk.store.db()).get("kiosk.learner_salt");
    REQUIRE(salt.has_value());
    CHECK(desk.column(booking.id, "contact_hash") == learner_id_for_phone(kPhone, *salt));

    const auto entries = desk.outbox.next_batch(10);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].kind == "booking_request");
    const nlohmann::json& body = entries[0].body;
    CHECK(body["id"] == booking.id);
    CHECK(body["code"] == booking.code);
    CHECK(body["service_id"] == "phone-class");
    CHECK(body["slot_id"] == weekly_id(1));
    CHECK(body["starts_at"] == "2026-12-01T01:30:00Z");
    CHECK(body["ends_at"] == "2026-12-01T02:30:00Z");
    CHECK(body["phone"] == kPhone);
    CHECK(body["phone_masked"] == "138****5678");
    CHECK(body["for_someone_else"] == true);
    CHECK(body["created_at"] == "2026-11-30T02:00:00Z");

    const auto found = desk.bookings.find(booking.id);
    REQUIRE(found.has_value());
    CHECK(found->code == booking.code);
    CHECK(found->start == booking.start);
    CHECK(text_in(found->service_name, "zh-CN") == "智能手机课堂");
    CHECK_FALSE(desk.bookings.find("no-such-id").has_value());
}

TEST_CASE("booking: if the outbox entry cannot be written, the booking is not stored either") {
    BookingDesk desk;
    desk.store.db().exec(
        "CREATE TEMP TRIGGER outbox_refuses BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox is full'); END");
    CHECK_THROWS_AS(desk.bookings.request({weekly_id(1), kPhone, false}, kMonday10), StorageError);
    CHECK(desk.count("SELECT COUNT(*) FROM bookings") == 0);
    CHECK(desk.outbox.depth() == 0);
    // The salt made in the same transaction went with it.
    CHECK_FALSE(SettingsStore(desk.store.db()).get("kiosk.learner_salt").has_value());

    desk.store.db().exec("DROP TRIGGER outbox_refuses");
    desk.bookings.request({weekly_id(1), kPhone, false}, kMonday10);
    CHECK(desk.count("SELECT COUNT(*) FROM bookings") == 1);
    CHECK(desk.outbox.depth() == 1);
}

TEST_CASE("booking: seats left go down with this kiosk's own undecided requests, a full slot means the waiting list") {
    BookingDesk desk;
    const LocalDate tuesday{2026, 12, 1};
    auto slots = desk.bookings.slots_on("phone-class", tuesday, kMonday10);
    REQUIRE(slots.size() == 1);
    CHECK(slots[0].seats_left == 2);
    CHECK_FALSE(slots[0].full);

    const Booking first = desk.bookings.request({weekly_id(1), "13800000001", false}, kMonday10);
    CHECK(first.state == BookingState::Requested);
    CHECK(desk.bookings.slots_on("phone-class", tuesday, kMonday10)[0].seats_left == 1);

    const Booking second = desk.bookings.request({weekly_id(1), "13800000002", false}, kMonday10);
    CHECK(second.state == BookingState::Requested);
    slots = desk.bookings.slots_on("phone-class", tuesday, kMonday10);
    CHECK(slots[0].seats_left == 0);
    CHECK(slots[0].full);

    const Booking third = desk.bookings.request({weekly_id(1), "13800000003", false}, kMonday10);
    CHECK(third.state == BookingState::Waiting);
    CHECK(desk.column(third.id, "state") == "waiting");
    const auto entries = desk.outbox.next_batch(10);
    REQUIRE(entries.size() == 3);
    CHECK(entries[2].kind == "booking_waitlist");
    CHECK(entries[2].body["id"] == third.id);
    // Never below zero, and a waiting one is not counted as a seat taken.
    CHECK(desk.bookings.slots_on("phone-class", tuesday, kMonday10)[0].seats_left == 0);

    // Once the back office confirmed one, its own figure (in the file) counts it: the
    // kiosk stops subtracting it.
    desk.bookings.apply_update({{"kind", "booking"}, {"id", first.id}, {"state", "confirmed"}}, kMonday10);
    CHECK(desk.bookings.slots_on("phone-class", tuesday, kMonday10)[0].seats_left == 1);

    // The talk's figure from the file is 1 of 3.
    const auto talk = desk.bookings.slots_on("phone-class", {2026, 12, 2}, kMonday10);
    REQUIRE(talk.size() == 2);
    CHECK(talk[1].slot.id == "talk-1");
    CHECK(talk[1].seats_left == 1);
    desk.bookings.request({"talk-1", kPhone, false}, kMonday10);
    CHECK(desk.bookings.slots_on("phone-class", {2026, 12, 2}, kMonday10)[1].full);
    CHECK(desk.bookings.request({"talk-1", kOtherPhone, false}, kMonday10).state == BookingState::Waiting);
}

TEST_CASE("booking: one number, one live booking per slot") {
    BookingDesk desk;
    const Booking first = desk.bookings.request({weekly_id(1), kPhone, false}, kMonday10);
    CHECK(desk.refusal({weekly_id(1), kPhone, true}, kMonday10) == Reason::AlreadyBooked);
    CHECK(desk.count("SELECT COUNT(*) FROM bookings") == 1);
    CHECK(desk.outbox.depth() == 1);
    // Another number, or another slot, is fine.
    desk.bookings.request({weekly_id(1), kOtherPhone, false}, kMonday10);
    desk.bookings.request({weekly_id(2), kPhone, false}, kMonday10);
    // Once cancelled the number may book the slot again (and the seat it freed is there).
    desk.bookings.cancel(first.id, kPhone, kMonday10);
    CHECK(desk.bookings.request({weekly_id(1), kPhone, false}, kMonday10).state == BookingState::Requested);
    CHECK(desk.refusal({weekly_id(1), kPhone, false}, kMonday10) == Reason::AlreadyBooked);
}

TEST_CASE("booking: the rules refuse a request, with a reason and nothing stored") {
    BookingDesk desk;
    CHECK(desk.refusal({"no-such-slot", kPhone, false}, kMonday10) == Reason::UnknownSlot);
    CHECK(desk.refusal({"phone-class@2026-12-01T11:00", kPhone, false}, kMonday10) == Reason::UnknownSlot);
    CHECK(desk.refusal({weekly_id(8), kPhone, false}, kMonday10) == Reason::ClosedDay);
    CHECK(desk.refusal({weekly_id(15), kPhone, false}, kMonday10) == Reason::TooFarAhead);
    CHECK(desk.refusal({weekly_id(1), kPhone, false}, local(12, 1, 8, 31)) == Reason::TooSoon);
    CHECK(desk.refusal({weekly_id(1), kPhone, false}, local(12, 1, 9, 30)) == Reason::SlotOver);
    CHECK(desk.refusal({weekly_id(1), kPhone, false}, local(12, 1, 12, 0)) == Reason::SlotOver);
    for (const std::string bad : {"", "1381234567", "23812345678", "1381234567x"}) {
        CAPTURE(bad);
        CHECK(desk.refusal({weekly_id(1), bad, false}, kMonday10) == Reason::BadPhone);
    }
    CHECK(desk.count("SELECT COUNT(*) FROM bookings") == 0);
    CHECK(desk.outbox.depth() == 0);
    CHECK_FALSE(SettingsStore(desk.store.db()).get("kiosk.learner_salt").has_value());

    // The messages are plain and say what to do.
    try {
        desk.bookings.request({weekly_id(1), kPhone, false}, local(12, 1, 8, 45));
        FAIL("too soon");
    } catch (const BookingError& error) {
        CHECK(std::string(error.what()).find("1 hour before the start") != std::string::npos);
    }
    try {
        desk.bookings.request({weekly_id(16), kPhone, false}, kMonday10);
        FAIL("too far");
    } catch (const BookingError& error) {
        CHECK(std::string(error.what()).find("up to 14 days ahead") != std::string::npos);
    }
}

TEST_CASE("booking: without a timetable nothing is offered and a request is refused") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    BookingService bookings(store.db(), outbox);
    CHECK(bookings.schedule() == nullptr);
    CHECK(bookings.schedule_problem().empty());
    CHECK(bookings.open_days("phone-class", kMonday10).empty());
    CHECK(bookings.slots_on("phone-class", {2026, 12, 1}, kMonday10).empty());
    try {
        bookings.request({weekly_id(1), kPhone, false}, kMonday10);
        FAIL("no timetable");
    } catch (const BookingError& error) {
        CHECK(error.reason() == Reason::UnknownService);
    }
}

TEST_CASE("booking: the timetable is stored, read back at start-up, and replaced whole, bookings stay") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    std::string booking_id;
    {
        BookingService bookings(store.db(), outbox);
        bookings.load_schedule(parse_schedule(small_services().dump(), "test.json"), "usb:/media/services.json",
                               kMonday10);
        booking_id = bookings.request({weekly_id(1), kPhone, false}, kMonday10).id;
    }
    Statement stored(store.db(), "SELECT source, body, loaded_at FROM schedule");
    REQUIRE(stored.step());
    CHECK(stored.column_text(0) == "usb:/media/services.json");
    CHECK(stored.column_text(1) == small_services().dump());
    CHECK(stored.column_text(2) == "2026-11-30T02:00:00Z");

    BookingService again(store.db(), outbox);
    REQUIRE(again.schedule() != nullptr);
    CHECK(again.schedule()->service("phone-class") != nullptr);
    CHECK(again.slots_on("phone-class", {2026, 12, 1}, kMonday10)[0].seats_left == 1);

    // A new timetable without the class: the booking still shows what it was for.
    nlohmann::json other = small_services();
    other["services"][0]["id"] = "tai-chi";
    other["services"][0]["name"] = {{"zh-CN", "太极拳"}};
    other.erase("slots");
    for (auto& weekly : other["weekly"]) weekly["service"] = "tai-chi";
    again.load_schedule(parse_schedule(other.dump(), "new.json"), "backoffice", kMonday10 + std::chrono::hours(1));
    CHECK(again.schedule()->service("phone-class") == nullptr);
    CHECK(BookingService(store.db(), outbox).schedule()->service("tai-chi") != nullptr);
    const auto booking = again.find(booking_id);
    REQUIRE(booking.has_value());
    CHECK(text_in(booking->service_name, "zh-CN") == "智能手机课堂");
    CHECK(text_in(booking->place, "zh-CN") == "二楼活动室");
    // Its cancel cut-off falls back to the default when its service is gone.
    CHECK(again.cancel_cutoff(*booking) == std::chrono::minutes(120));
}

TEST_CASE("booking: a stored timetable that no longer reads leaves the kiosk without one, and says why") {
    LocalStore store = LocalStore::open_in_memory();
    store.db().exec("INSERT INTO schedule (id, source, body, loaded_at) VALUES (1, 'usb', '{\"format\": 9}', '')");
    Outbox outbox(store.db());
    BookingService bookings(store.db(), outbox);
    CHECK(bookings.schedule() == nullptr);
    CHECK(bookings.schedule_problem().find("could not be read") != std::string::npos);
}
