// Reading a services file: the good ones load, and every kind of mistake a site
// manager can make is named at its field, all of them at once.
#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/booking/schedule.hpp"
#include "core/booking_test_support.hpp"
#include "core/storage_temp_dir.hpp"

using namespace qiao::core;
using qiao::test::small_services;
using json = nlohmann::json;

namespace {

std::vector<ScheduleProblem> problems_of(const std::string& text) {
    try {
        parse_schedule(text, "test.json");
    } catch (const ScheduleError& error) {
        CHECK(error.problems().size() >= 1);
        return error.problems();
    }
    return {};
}

// The small file with one change made to it.
std::vector<ScheduleProblem> problems_after(const std::function<void(json&)>& change) {
    json file = small_services();
    change(file);
    return problems_of(file.dump());
}

std::string listed(const std::vector<ScheduleProblem>& problems) {
    std::string out;
    for (const auto& p : problems) out += "\n  " + p.where + ": " + p.what;
    return out;
}

// Exactly one problem, at `where`, whose words include `words`.
void check_one(const std::vector<ScheduleProblem>& problems, const std::string& where, const std::string& words) {
    INFO("problems:" << listed(problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == where);
    CHECK(problems[0].what.find(words) != std::string::npos);
}

// The first problem is at `where` and says `words` (later ones follow from it).
void check_first(const std::vector<ScheduleProblem>& problems, const std::string& where, const std::string& words) {
    INFO("problems:" << listed(problems));
    REQUIRE(!problems.empty());
    CHECK(problems[0].where == where);
    CHECK(problems[0].what.find(words) != std::string::npos);
}

json weekly_entry(const char* weekday, const char* start, const char* end, const char* place = "二楼活动室") {
    return {{"service", "phone-class"}, {"weekday", weekday}, {"start", start}, {"end", end},
            {"place", {{"zh-CN", place}}}, {"capacity", 2}};
}

}  // namespace

TEST_CASE("schedule: a good file loads with its services, slots and rules") {
    const Schedule schedule = parse_schedule(small_services().dump(), "test.json");
    CHECK(schedule.utc_offset_minutes() == 480);
    REQUIRE(schedule.services().size() == 1);
    const Service* service = schedule.service("phone-class");
    REQUIRE(service != nullptr);
    CHECK(schedule.service("nothing") == nullptr);
    CHECK(service->kind == ServiceKind::Class);
    CHECK(text_in(service->name, "yue") == "智能手機班");
    CHECK(service->rules.min_notice == std::chrono::minutes(60));
    CHECK(service->rules.max_days_ahead == 14);
    CHECK(service->rules.closed_weekdays == std::vector<int>{0});
    REQUIRE(service->rules.closed_dates.size() == 1);
    CHECK(service->rules.closed_dates[0] == LocalDate{2026, 12, 8});
    CHECK(service->rules.cancel_cutoff == std::chrono::minutes(120));

    REQUIRE(schedule.explicit_slots().size() == 1);
    const Slot& talk = schedule.explicit_slots()[0];
    CHECK(talk.id == "talk-1");
    CHECK(talk.start == qiao::test::local(12, 2, 15));
    CHECK(talk.end == qiao::test::local(12, 2, 16));
    CHECK(talk.capacity == 3);
    CHECK(talk.seats_left == 1);
    CHECK(text_in(talk.place, "en") == "Hall");
    REQUIRE(schedule.weekly().size() == 6);
    CHECK(schedule.weekly()[1].weekday == 2);
    CHECK(schedule.weekly()[1].start_minute == 9 * 60 + 30);
    CHECK(schedule.json() == small_services().dump());
}

TEST_CASE("schedule: rules left out take their defaults, seats_left defaults to the capacity") {
    json file = small_services();
    file["services"][0].erase("rules");
    file["slots"][0].erase("seats_left");
    const Schedule schedule = parse_schedule(file.dump(), "test.json");
    const BookingRules& rules = schedule.service("phone-class")->rules;
    CHECK(rules.min_notice == std::chrono::minutes(60));
    CHECK(rules.max_days_ahead == 14);
    CHECK(rules.closed_weekdays.empty());
    CHECK(rules.cancel_cutoff == std::chrono::minutes(120));
    CHECK(schedule.explicit_slots()[0].seats_left == 3);
}

TEST_CASE("schedule: the example file shipped in assets/ loads, four services in three languages") {
    const Schedule schedule = read_schedule_file(qiao::test::example_services_path());
    REQUIRE(schedule.services().size() == 4);
    const std::vector<ServiceKind> kinds = {ServiceKind::Class, ServiceKind::VolunteerHelp, ServiceKind::HealthCheck,
                                            ServiceKind::DropIn};
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        const Service& service = schedule.services()[i];
        CAPTURE(service.id);
        CHECK(service.kind == kinds[i]);
        for (const char* language : {"zh-CN", "yue", "en"}) {
            CHECK(service.name.has(language));
            CHECK(service.description.has(language));
        }
        // Weekly patterns: every service has slots in any coming week.
        int slots_in_week = 0;
        for (int ahead = 1; ahead <= 7; ++ahead)
            slots_in_week += static_cast<int>(
                schedule.slots_on(service.id, add_days(LocalDate{2031, 6, 2}, ahead)).size());
        CHECK(slots_in_week > 0);
    }
}

TEST_CASE("schedule: bad JSON is one problem with its line and column") {
    const auto problems = problems_of("{\n  \"format\": 1,\n  \"utc_offset\" \"+08:00\"\n}");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where.rfind("line 3, column ", 0) == 0);
    CHECK(problems[0].what.find("not valid JSON") != std::string::npos);

    CHECK(problems_of("").size() == 1);
    check_one(problems_of("[1, 2]"), "", "group in { }");
    check_one(problems_of(std::string(100, '[') + std::string(100, ']')), "", "nested");
}

TEST_CASE("schedule: what() names the file, counts the problems and says the first") {
    json file = small_services();
    file["format"] = 2;
    file["services"][0]["kind"] = "party";
    file["slots"][0]["capacity"] = 0;
    try {
        parse_schedule(file.dump(), "usb/services.json");
        FAIL("should not load");
    } catch (const ScheduleError& error) {
        CHECK(error.problems().size() == 3);
        CHECK(std::string(error.what()).rfind("usb/services.json: 3 problems; the first: format: is 2", 0) == 0);
        CHECK(error.source() == "usb/services.json");
    }
}

TEST_CASE("schedule: the top of the file") {
    check_one(problems_after([](json& f) { f["format"] = 2; }), "format", "format 1");
    check_one(problems_after([](json& f) { f.erase("format"); }), "format", "missing");
    check_one(problems_after([](json& f) { f["format"] = "1"; }), "format", "whole number");
    check_one(problems_after([](json& f) { f["utc_offset"] = "+8"; }), "utc_offset", "+08:00");
    check_one(problems_after([](json& f) { f["utc_offset"] = "+15:00"; }), "utc_offset", "+08:00");
    check_one(problems_after([](json& f) { f.erase("utc_offset"); }), "utc_offset", "missing");
    // The slots then name a service that is not there: said too, after.
    check_first(problems_after([](json& f) { f["services"] = json::array(); }), "services", "at least one service");
    check_one(problems_after([](json& f) { f["slots"] = json::object(); }), "slots", "list in [ ]");
    check_one(problems_after([](json& f) { f["weeky"] = json::array(); }), "\"weeky\"", "check the spelling");
}

TEST_CASE("schedule: services: ids, kinds, names") {
    // A missing or refused service id also makes its slots' service unknown: only the
    // service's own problem is reported when the id was present but refused.
    check_one(problems_after([](json& f) { f["services"].push_back(f["services"][0]); }), "services[1].id",
              "already the id of another service");
    check_one(problems_after([](json& f) {
                  json copy = f["services"][0];
                  copy.erase("id");
                  f["services"].push_back(copy);
              }),
              "services[1].id", "missing");
    for (const char* bad : {"phone class", "课堂", "a/b", "x@y", ""}) {
        CAPTURE(bad);
        json file = small_services();
        file["services"][0]["id"] = bad;
        check_first(problems_of(file.dump()), "services[0].id", "A-Z");
    }
    check_first(problems_after([](json& f) { f["services"][0]["id"] = std::string(65, 'a'); }), "services[0].id",
              "at most 64");
    check_one(problems_after([](json& f) { f["services"][0]["kind"] = "party"; }), "services[0].kind",
              "class, volunteer_help, health_check or drop_in");
    check_one(problems_after([](json& f) { f["services"][0]["name"].erase("zh-CN"); }), "services[0].name",
              "zh-CN");
    check_one(problems_after([](json& f) { f["services"][0]["name"]["zh-CN"] = ""; }), "services[0].name", "zh-CN");
    check_one(problems_after([](json& f) { f["services"][0]["name"] = "课堂"; }), "services[0].name",
              "texts per language");
    check_one(problems_after([](json& f) { f["services"][0]["name"]["en"] = 3; }), "services[0].name.en",
              "text in quotes");
    check_one(problems_after([](json& f) { f["services"][0]["description"] = {{"en", "only English"}}; }),
              "services[0].description", "zh-CN");
    check_first(problems_after([](json& f) { f["services"][0] = "phone-class"; }), "services[0]", "group in { }");
}

TEST_CASE("schedule: services: rules") {
    const std::string rules = "services[0].rules.";
    check_one(problems_after([](json& f) { f["services"][0]["rules"]["min_notice_minutes"] = -5; }),
              rules + "min_notice_minutes", "negative");
    check_one(problems_after([](json& f) { f["services"][0]["rules"]["cancel_cutoff_minutes"] = -1; }),
              rules + "cancel_cutoff_minutes", "negative");
    check_one(problems_after([](json& f) { f["services"][0]["rules"]["cancel_cutoff_minutes"] = 100000; }),
              rules + "cancel_cutoff_minutes", "more than a month");
    check_one(problems_after([](json& f) { f["services"][0]["rules"]["max_days_ahead"] = -1; }),
              rules + "max_days_ahead", "negative");
    check_one(problems_after([](json& f) { f["services"][0]["rules"]["max_days_ahead"] = 400; }),
              rules + "max_days_ahead", "at most 365");
    check_one(problems_after([](json& f) { f["services"][0]["rules"]["max_days_ahead"] = 1.5; }),
              rules + "max_days_ahead", "whole number");
    check_one(problems_after([](json& f) { f["services"][0]["rules"]["closed_weekdays"] = {"sat", "sunday"}; }),
              rules + "closed_weekdays[1]", "sun, mon");
    check_one(problems_after([](json& f) { f["services"][0]["rules"]["closed_dates"] = {"2026-12-32"}; }),
              rules + "closed_dates[0]", "2026-12-25");
    check_one(problems_after([](json& f) { f["services"][0]["rules"]["closed_dates"] = {20261225}; }),
              rules + "closed_dates[0]", "2026-12-25");
    check_one(problems_after([](json& f) { f["services"][0]["rules"]["max_day_ahead"] = 3; }),
              "services[0].rules \"max_day_ahead\"", "check the spelling");
    check_one(problems_after([](json& f) { f["services"][0]["rules"] = json::array(); }), "services[0].rules",
              "group in { }");
}

TEST_CASE("schedule: slots: ids, service, times, seats") {
    check_one(problems_after([](json& f) { f["slots"].push_back(f["slots"][0]); }), "slots[1].id",
              "already the id of another slot");
    check_one(problems_after([](json& f) { f["slots"][0]["id"] = "talk 1"; }), "slots[0].id", "A-Z");
    check_one(problems_after([](json& f) { f["slots"][0].erase("id"); }), "slots[0].id", "missing");
    check_one(problems_after([](json& f) { f["slots"][0]["service"] = "yoga"; }), "slots[0].service",
              "not the id of any service");
    for (const char* bad : {"2026-13-01T09:30", "2026-02-30T09:30", "2026-12-02 15:00", "2026-12-02T24:00",
                            "2026-12-02T15:60", "2026-12-2T15:00", "1999-12-02T15:00", "2026-12-02T15:00Z"}) {
        CAPTURE(bad);
        check_one(problems_after([&](json& f) { f["slots"][0]["start"] = bad; }), "slots[0].start",
                  "2026-12-01T09:30");
    }
    check_one(problems_after([](json& f) { f["slots"][0]["end"] = "2026-12-02T15:00"; }), "slots[0].end",
              "after the start");
    check_one(problems_after([](json& f) { f["slots"][0]["end"] = "2026-12-02T14:00"; }), "slots[0].end",
              "after the start");
    check_one(problems_after([](json& f) { f["slots"][0]["end"] = "2026-12-03T08:00"; }), "slots[0].end",
              "longer than 12 hours");
    check_one(problems_after([](json& f) { f["slots"][0]["capacity"] = 0; }), "slots[0].capacity", "at least 1");
    check_one(problems_after([](json& f) { f["slots"][0]["capacity"] = 1000000; }), "slots[0].capacity",
              "at most 10000");
    check_one(problems_after([](json& f) { f["slots"][0]["seats_left"] = 4; }), "slots[0].seats_left",
              "between 0 and the capacity (3)");
    check_one(problems_after([](json& f) { f["slots"][0]["seats_left"] = -1; }), "slots[0].seats_left",
              "between 0");
    check_one(problems_after([](json& f) { f["slots"][0]["place"] = {{"en", "Hall"}}; }), "slots[0].place",
              "zh-CN");
    check_one(problems_after([](json& f) { f["slots"][0]["room"] = "A"; }), "slots[0] \"room\"",
              "check the spelling");
}

TEST_CASE("schedule: slots of one service at one place must not overlap") {
    json other = small_services()["slots"][0];
    other["id"] = "talk-2";
    other["start"] = "2026-12-02T15:30";
    other["end"] = "2026-12-02T16:30";
    check_one(problems_after([&](json& f) { f["slots"].push_back(other); }), "slots[1].start", "overlaps slots[0]");

    // Back to back is fine; so is the same time at another place.
    json after = other;
    after["start"] = "2026-12-02T16:00";
    after["end"] = "2026-12-02T17:00";
    CHECK(problems_after([&](json& f) { f["slots"].push_back(after); }).empty());
    json elsewhere = other;
    elsewhere["place"] = {{"zh-CN", "三楼"}};
    CHECK(problems_after([&](json& f) { f["slots"].push_back(elsewhere); }).empty());

    // A written-out slot over a weekly one on that weekday (Wednesday 09:30-10:30).
    json over_weekly = other;
    over_weekly["start"] = "2026-12-02T10:00";
    over_weekly["end"] = "2026-12-02T11:00";
    over_weekly["place"] = {{"zh-CN", "二楼活动室"}};
    check_one(problems_after([&](json& f) { f["slots"].push_back(over_weekly); }), "slots[1].start",
              "overlaps the weekly slot weekly[2] on 2026-12-02");

    // A slot on a date its service is closed.
    json closed = other;
    closed["start"] = "2026-12-08T15:00";
    closed["end"] = "2026-12-08T16:00";
    check_one(problems_after([&](json& f) { f["slots"].push_back(closed); }), "slots[1].start",
              "2026-12-08 is a day the service \"phone-class\" is closed");
}

TEST_CASE("schedule: weekly patterns") {
    check_one(problems_after([](json& f) { f["weekly"][0]["weekday"] = "monday"; }), "weekly[0].weekday",
              "sun, mon, tue");
    check_one(problems_after([](json& f) { f["weekly"][0]["start"] = "9:30"; }), "weekly[0].start", "09:30");
    check_one(problems_after([](json& f) { f["weekly"][0]["end"] = "24:00"; }), "weekly[0].end", "09:30");
    check_one(problems_after([](json& f) { f["weekly"][0]["end"] = "09:00"; }), "weekly[0].end", "after the start");
    check_one(problems_after([](json& f) { f["weekly"][0]["capacity"] = 0; }), "weekly[0].capacity", "at least 1");
    check_one(problems_after([](json& f) { f["weekly"][0]["service"] = "yoga"; }), "weekly[0].service",
              "not the id of any service");
    check_one(problems_after([](json& f) { f["weekly"].push_back(weekly_entry("mon", "10:00", "11:00")); }),
              "weekly[6].start", "overlaps weekly[0]");
    check_one(problems_after([](json& f) { f["weekly"].push_back(weekly_entry("mon", "09:30", "10:00", "三楼")); }),
              "weekly[6].start", "cannot start at the same time");
    CHECK(problems_after([](json& f) { f["weekly"].push_back(weekly_entry("mon", "10:30", "11:30")); }).empty());
    CHECK(problems_after([](json& f) { f["weekly"].push_back(weekly_entry("mon", "10:00", "11:00", "三楼")); })
              .empty());
}

TEST_CASE("schedule: every problem is listed, not just the first") {
    json file = small_services();
    file["services"][0]["rules"]["max_days_ahead"] = 400;
    file["slots"][0]["end"] = "2026-12-02T14:00";
    file["slots"][0]["seats_left"] = 9;
    file["weekly"][2]["weekday"] = "wednesday";
    file["weekly"][4]["capacity"] = -3;
    const auto problems = problems_of(file.dump());
    INFO(listed(problems));
    REQUIRE(problems.size() == 5);
    CHECK(problems[0].where == "services[0].rules.max_days_ahead");
    CHECK(problems[1].where == "slots[0].end");
    CHECK(problems[2].where == "slots[0].seats_left");
    CHECK(problems[3].where == "weekly[2].weekday");
    CHECK(problems[4].where == "weekly[4].capacity");

    // A file with thousands of mistakes lists a hundred and counts the rest.
    json many = small_services();
    for (int i = 0; i < 300; ++i) many["weekly"].push_back(weekly_entry("someday", "09:30", "10:30"));
    const auto capped = problems_of(many.dump());
    REQUIRE(capped.size() == 101);
    CHECK(capped.back().what.find("200 more problems") != std::string::npos);
}

TEST_CASE("schedule: read_schedule_file refuses what it cannot read or what is too big") {
    qiao::test::StorageTempDir dir("schedule-file");
    CHECK_THROWS_AS(read_schedule_file(dir / "missing.json"), ScheduleError);

    const auto big = dir / "big.json";
    qiao::test::write_bytes(big, std::string(4 * 1024 * 1024 + 1, ' '));
    try {
        read_schedule_file(big);
        FAIL("a file over 4 MiB should be refused");
    } catch (const ScheduleError& error) {
        CHECK(std::string(error.what()).find("4 MiB") != std::string::npos);
        CHECK(error.source() == big.string());
    }

    const auto good = dir / "services.json";
    qiao::test::write_bytes(good, small_services().dump(2));
    const Schedule schedule = read_schedule_file(good);
    CHECK(schedule.source() == good.string());
    CHECK(schedule.json() == small_services().dump(2));
}

TEST_CASE("schedule: the complete example in docs/services-file.md loads") {
    const std::string doc = qiao::test::read_bytes(std::string(QIAO_SOURCE_DIR) + "/docs/services-file.md");
    const auto section = doc.find("## A complete example");
    REQUIRE(section != std::string::npos);
    const auto open = doc.find("```json\n", section);
    REQUIRE(open != std::string::npos);
    const auto close = doc.find("\n```", open + 8);
    REQUIRE(close != std::string::npos);
    const Schedule schedule = parse_schedule(doc.substr(open + 8, close - open - 8), "docs/services-file.md");
    CHECK(schedule.services().size() == 4);
    CHECK(schedule.explicit_slots().size() == 1);
    CHECK(schedule.weekly().size() == 6);
}
