// The site's calendar: local dates and times at the file's offset, weekly patterns
// expanded on the day asked about, closed weekdays and dates honoured.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/booking/schedule.hpp"
#include "core/booking_test_support.hpp"

using namespace qiao::core;
using qiao::test::kMonday10;
using qiao::test::local;
using qiao::test::small_services;
using qiao::test::weekly_id;

namespace {

Schedule small_schedule() { return parse_schedule(small_services().dump(), "test.json"); }

}  // namespace

TEST_CASE("schedule: LocalDate knows its weekday, writes and reads ISO dates, adds days") {
    CHECK(LocalDate{2026, 11, 30}.weekday() == 1);  // Monday
    CHECK(LocalDate{2026, 12, 6}.weekday() == 0);   // Sunday
    CHECK(LocalDate{2026, 12, 1}.iso() == "2026-12-01");
    CHECK(parse_local_date("2026-12-01") == LocalDate{2026, 12, 1});
    CHECK(parse_local_date("2028-02-29") == LocalDate{2028, 2, 29});
    CHECK_FALSE(parse_local_date("2027-02-29").has_value());
    CHECK_FALSE(parse_local_date("2026-1-01").has_value());
    CHECK_FALSE(parse_local_date("2026-12-01x").has_value());
    CHECK(add_days(LocalDate{2026, 12, 30}, 3) == LocalDate{2027, 1, 2});
    CHECK(add_days(LocalDate{2026, 3, 1}, -1) == LocalDate{2026, 2, 28});
    CHECK(LocalDate{2026, 12, 1} < LocalDate{2026, 12, 2});
    CHECK(LocalDate{2026, 11, 30} < LocalDate{2026, 12, 1});
}

TEST_CASE("schedule: local time at the file's offset, across UTC midnight") {
    const Schedule schedule = small_schedule();
    CHECK(schedule.local_date(kMonday10) == LocalDate{2026, 11, 30});
    CHECK(schedule.local_minute_of_day(kMonday10) == 10 * 60);
    // 07:00 on Tuesday at the site is still Monday in UTC.
    const WallTime early = schedule.at_local({2026, 12, 1}, 7 * 60);
    CHECK(early == kMonday10 + std::chrono::hours(21));
    CHECK(schedule.local_date(early) == LocalDate{2026, 12, 1});
    CHECK(schedule.local_minute_of_day(early) == 7 * 60);
    CHECK(schedule.local_minute_of_day(schedule.at_local({2026, 12, 1}, 0)) == 0);
    CHECK(schedule.local_date(schedule.at_local({2026, 12, 1}, 0) - std::chrono::seconds(1)) == LocalDate{2026, 11, 30});

    nlohmann::json west = small_services();
    west["utc_offset"] = "-05:30";
    const Schedule other = parse_schedule(west.dump(), "west.json");
    CHECK(other.utc_offset_minutes() == -330);
    CHECK(other.local_date(kMonday10) == LocalDate{2026, 11, 29});  // 02:00Z is 20:30 the day before
    CHECK(other.local_minute_of_day(kMonday10) == 20 * 60 + 30);
}

TEST_CASE("schedule: text_in falls back to Chinese, then to any language, then to nothing") {
    LocalText text;
    CHECK(text_in(text, "en").empty());
    text.by_language["en"] = "Hall";
    CHECK(text_in(text, "yue") == "Hall");
    text.by_language["zh-CN"] = "礼堂";
    CHECK(text_in(text, "yue") == "礼堂");
    CHECK(text_in(text, "en") == "Hall");
    text.by_language["yue"] = "";
    CHECK(text_in(text, "yue") == "礼堂");  // empty counts as missing
}

TEST_CASE("schedule: weekly patterns become slots on every matching date, written-out slots join them") {
    const Schedule schedule = small_schedule();
    const auto tuesday = schedule.slots_on("phone-class", {2026, 12, 1});
    REQUIRE(tuesday.size() == 1);
    CHECK(tuesday[0].id == "phone-class@2026-12-01T09:30");
    CHECK(tuesday[0].service_id == "phone-class");
    CHECK(tuesday[0].start == local(12, 1, 9, 30));
    CHECK(tuesday[0].end == local(12, 1, 10, 30));
    CHECK(tuesday[0].capacity == 2);
    CHECK(tuesday[0].seats_left == 2);
    CHECK(text_in(tuesday[0].place, "en") == "Activity room");

    const auto wednesday = schedule.slots_on("phone-class", {2026, 12, 2});
    REQUIRE(wednesday.size() == 2);
    CHECK(wednesday[0].id == weekly_id(2));  // 09:30 before 15:00: sorted by start
    CHECK(wednesday[1].id == "talk-1");
    CHECK(wednesday[1].seats_left == 1);

    CHECK(schedule.slots_on("nothing", {2026, 12, 1}).empty());
    // Far in the future the same file still offers its weekly slots.
    const auto later = schedule.slots_on("phone-class", {2031, 6, 3});
    REQUIRE(later.size() == 1);
    CHECK(later[0].id == "phone-class@2031-06-03T09:30");
}

TEST_CASE("schedule: no slots on closed weekdays and closed dates") {
    const Schedule schedule = small_schedule();
    const Service& service = *schedule.service("phone-class");
    CHECK(schedule.slots_on("phone-class", {2026, 12, 6}).empty());  // Sunday
    CHECK(schedule.closed_on(service, {2026, 12, 6}));
    CHECK(schedule.slots_on("phone-class", {2026, 12, 8}).empty());  // the closed Tuesday
    CHECK(schedule.closed_on(service, {2026, 12, 8}));
    CHECK(schedule.slots_on("phone-class", {2026, 12, 15}).size() == 1);  // the Tuesday after
    CHECK_FALSE(schedule.closed_on(service, {2026, 12, 15}));
}

TEST_CASE("schedule: slot() finds written-out and weekly slots by id, near now, and not on closed days") {
    const Schedule schedule = small_schedule();
    const Slot* talk = schedule.slot("talk-1", kMonday10);
    REQUIRE(talk != nullptr);
    CHECK(talk->seats_left == 1);

    const Slot* weekly = schedule.slot(weekly_id(1), kMonday10);
    REQUIRE(weekly != nullptr);
    CHECK(weekly->start == local(12, 1, 9, 30));
    CHECK(schedule.slot(weekly_id(1), kMonday10) == weekly);  // the same one, not a new copy

    CHECK(schedule.slot(weekly_id(8), kMonday10) == nullptr);                  // closed date
    CHECK(schedule.slot(weekly_id(6), kMonday10) == nullptr);                  // Sunday
    CHECK(schedule.slot("phone-class@2026-12-01T10:00", kMonday10) == nullptr);  // no pattern at 10:00
    CHECK(schedule.slot("yoga@2026-12-01T09:30", kMonday10) == nullptr);
    CHECK(schedule.slot("phone-class@2026-12-01", kMonday10) == nullptr);
    CHECK(schedule.slot("phone-class@2026-13-01T09:30", kMonday10) == nullptr);
    CHECK(schedule.slot("nothing", kMonday10) == nullptr);
    CHECK(schedule.slot("", kMonday10) == nullptr);
    // More than a year from now it is not honoured; a year on, it is again.
    CHECK(schedule.slot("phone-class@2028-12-05T09:30", kMonday10) == nullptr);
    CHECK(schedule.slot("phone-class@2028-12-05T09:30", kMonday10 + std::chrono::days(700)) != nullptr);
    CHECK(schedule.slot(weekly_id(1), kMonday10 + std::chrono::days(800)) == nullptr);  // found before, now too old
}
