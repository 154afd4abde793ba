#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "core/help/opening_hours.hpp"
#include "core/time/utc_time.hpp"

using qiao::core::OpeningHours;
using qiao::core::parse_opening_hours;
using namespace std::chrono;

namespace {

// Site-local wall time at +08:00 (the default), as the UTC instant it is.
system_clock::time_point beijing(int year, unsigned month, unsigned day, int hour, int minute) {
    const sys_days date = year_month_day{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
    return date + hours(hour) + minutes(minute) - hours(8);
}

std::string iso(system_clock::time_point t) { return qiao::core::iso8601_utc(t); }

std::string parse_error(std::string_view hours, std::string_view days, std::string_view offset) {
    try {
        parse_opening_hours(hours, days, offset);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    FAIL("parse_opening_hours should have refused " << hours << " / " << days << " / " << offset);
    return {};
}

}  // namespace

// 2026-11-27 is a Friday, 2026-11-28 a Saturday, 2026-11-29 a Sunday.

TEST_CASE("parse_opening_hours: the defaults and the usual ways of writing them") {
    const OpeningHours site = parse_opening_hours("08:30-17:30", "mon-sat", "+08:00");
    const OpeningHours defaults;
    CHECK(site.open_minute == defaults.open_minute);
    CHECK(site.close_minute == defaults.close_minute);
    CHECK(site.open_on == defaults.open_on);
    CHECK(site.utc_offset_minutes == defaults.utc_offset_minutes);

    const OpeningHours list = parse_opening_hours(" 9:00 - 24:00 ", "Mon, wed,FRI", "-05:30");
    CHECK(list.open_minute == 9 * 60);
    CHECK(list.close_minute == 24 * 60);
    CHECK(list.open_on == std::array<bool, 7>{false, true, false, true, false, true, false});
    CHECK(list.utc_offset_minutes == -(5 * 60 + 30));

    CHECK(parse_opening_hours("08:00-12:00", "mon-wed,fri", "+00:00").open_on ==
          std::array<bool, 7>{false, true, true, true, false, true, false});
    // A range may wrap past Saturday.
    CHECK(parse_opening_hours("08:00-12:00", "sat-mon", "+08:00").open_on ==
          std::array<bool, 7>{true, true, false, false, false, false, true});
    CHECK(parse_opening_hours("08:00-12:00", "sun", "+14:00").open_on ==
          std::array<bool, 7>{true, false, false, false, false, false, false});
}

TEST_CASE("parse_opening_hours: a bad part is named in plain words") {
    CHECK(parse_error("08:30 to 17:30", "mon-sat", "+08:00") ==
          "hours \"08:30 to 17:30\": write opening and closing time as HH:MM-HH:MM, e.g. 08:30-17:30");
    CHECK(parse_error("0830-1730", "mon-sat", "+08:00").find("hours \"0830-1730\": \"0830\" is not a time of day") == 0);
    CHECK(parse_error("8:30-25:00", "mon-sat", "+08:00").find("\"25:00\" is not a time of day") != std::string::npos);
    CHECK(parse_error("8:60-17:00", "mon-sat", "+08:00").find("\"8:60\" is not a time of day") != std::string::npos);
    CHECK(parse_error("24:00-24:00", "mon-sat", "+08:00").find("\"24:00\" is not a time of day") != std::string::npos);
    CHECK(parse_error("17:30-08:30", "mon-sat", "+08:00").find("closing time must be later than opening time") !=
          std::string::npos);
    CHECK(parse_error("08:30-08:30", "mon-sat", "+08:00").find("closing time must be later") != std::string::npos);
    CHECK(parse_error("08:30-17:30", "mon-sut", "+08:00") ==
          "days \"mon-sut\": \"sut\" is not a day (use mon, tue, wed, thu, fri, sat, sun)");
    CHECK(parse_error("08:30-17:30", "monday", "+08:00").find("\"monday\" is not a day") != std::string::npos);
    CHECK(parse_error("08:30-17:30", "", "+08:00").find("name at least one day") != std::string::npos);
    CHECK(parse_error("08:30-17:30", "mon,,fri", "+08:00").find("empty entry") != std::string::npos);
    CHECK(parse_error("08:30-17:30", "mon-sat", "8").find("utc_offset \"8\": write the site's offset from UTC as +HH:MM") == 0);
    CHECK(parse_error("08:30-17:30", "mon-sat", "+0800").find("utc_offset \"+0800\"") == 0);
    CHECK(parse_error("08:30-17:30", "mon-sat", "+15:00").find("from -12:00 to +14:00") != std::string::npos);
    CHECK(parse_error("08:30-17:30", "mon-sat", "UTC+8").find("utc_offset") == 0);
}

TEST_CASE("respond_by counts only open minutes") {
    const OpeningHours site;  // 08:30-17:30, Monday to Saturday, +08:00

    // The example: Friday 16:00 with 4 hours -> 1.5 h today, 2.5 h Saturday -> 11:00.
    CHECK(iso(respond_by(beijing(2026, 11, 27, 16, 0), minutes(240), site)) == iso(beijing(2026, 11, 28, 11, 0)));
    // Within the day.
    CHECK(iso(respond_by(beijing(2026, 11, 27, 9, 0), minutes(240), site)) == iso(beijing(2026, 11, 27, 13, 0)));
    // Ending exactly at closing time ends then, not at the next opening.
    CHECK(iso(respond_by(beijing(2026, 11, 27, 16, 0), minutes(90), site)) == iso(beijing(2026, 11, 27, 17, 30)));
    // At night: counting starts at the next opening.
    CHECK(iso(respond_by(beijing(2026, 11, 27, 22, 15), minutes(60), site)) == iso(beijing(2026, 11, 28, 9, 30)));
    CHECK(iso(respond_by(beijing(2026, 11, 28, 3, 0), minutes(60), site)) == iso(beijing(2026, 11, 28, 9, 30)));
    // Before opening on the same day.
    CHECK(iso(respond_by(beijing(2026, 11, 27, 7, 0), minutes(30), site)) == iso(beijing(2026, 11, 27, 9, 0)));
    // Saturday afternoon -> closed Sunday -> Monday.
    CHECK(iso(respond_by(beijing(2026, 11, 28, 17, 0), minutes(240), site)) == iso(beijing(2026, 11, 30, 12, 0)));
    // Sunday (closed all day) -> Monday.
    CHECK(iso(respond_by(beijing(2026, 11, 29, 10, 0), minutes(15), site)) == iso(beijing(2026, 11, 30, 8, 45)));
    // At closing time exactly: closed.
    CHECK(iso(respond_by(beijing(2026, 11, 27, 17, 30), minutes(15), site)) == iso(beijing(2026, 11, 28, 8, 45)));
    // Zero: now when open, else the next opening.
    CHECK(iso(respond_by(beijing(2026, 11, 27, 10, 0), minutes(0), site)) == iso(beijing(2026, 11, 27, 10, 0)));
    CHECK(iso(respond_by(beijing(2026, 11, 29, 10, 0), minutes(0), site)) == iso(beijing(2026, 11, 30, 8, 30)));
    // A week of open minutes (6 days x 9 h = 54 h): the same time a week later.
    CHECK(iso(respond_by(beijing(2026, 11, 27, 10, 0), minutes(54 * 60), site)) == iso(beijing(2026, 12, 4, 10, 0)));
}

TEST_CASE("respond_by keeps seconds, and works across the UTC date line of the site") {
    const OpeningHours site;
    const auto now = beijing(2026, 11, 27, 16, 0) + seconds(42);
    CHECK(respond_by(now, minutes(30), site) == now + minutes(30));

    // A site at -05:00 that opens 09:00-17:00 on weekdays: 16:00 Friday local is 21:00Z.
    const OpeningHours west = parse_opening_hours("09:00-17:00", "mon-fri", "-05:00");
    const sys_days friday = year_month_day{std::chrono::year(2026), November, std::chrono::day(27)};
    const auto local_four_pm = friday + hours(16) + hours(5);  // as UTC
    // 1 h on Friday, 1 h on Monday from 09:00 -> Monday 10:00 local = 15:00Z.
    CHECK(iso(respond_by(local_four_pm, minutes(120), west)) == "2026-11-30T15:00:00Z");
}

TEST_CASE("respond_by refuses hours that are never open, and a negative deadline") {
    OpeningHours never;
    never.open_on = {};
    CHECK_THROWS_AS(respond_by(system_clock::now(), minutes(60), never), std::invalid_argument);
    OpeningHours backwards;
    backwards.open_minute = 18 * 60;
    backwards.close_minute = 9 * 60;
    CHECK_THROWS_AS(respond_by(system_clock::now(), minutes(60), backwards), std::invalid_argument);
    CHECK_THROWS_AS(respond_by(system_clock::now(), minutes(-1), OpeningHours{}), std::invalid_argument);
}
