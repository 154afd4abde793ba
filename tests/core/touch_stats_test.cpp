#include <doctest/doctest.h>

#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/storage/local_store.hpp"
#include "core/storage/touch_stats.hpp"

using qiao::core::LocalStore;
using qiao::core::ScreenTouchFigures;
using qiao::core::TouchStats;

TEST_CASE("TouchStats: add() accumulates per day and screen (UPSERT)") {
    LocalStore store = LocalStore::open_in_memory();
    TouchStats stats(store.db());

    stats.add("2024-05-01", "home", 10, 2);
    stats.add("2024-05-01", "home", 5, 1);
    stats.add("2024-05-01", "lesson", 3, 0);
    stats.add("2024-04-30", "home", 7, 7);

    const std::vector<ScreenTouchFigures> rows = stats.all();
    REQUIRE(rows.size() == 3);
    // Ordered by day, then screen.
    CHECK(rows[0].day == "2024-04-30");
    CHECK(rows[0].screen == "home");
    CHECK(rows[0].taps == 7);
    CHECK(rows[0].mis_touches == 7);
    CHECK(rows[1].day == "2024-05-01");
    CHECK(rows[1].screen == "home");
    CHECK(rows[1].taps == 15);
    CHECK(rows[1].mis_touches == 3);
    CHECK(rows[1].mis_touch_rate() == doctest::Approx(0.2));
    CHECK(rows[2].screen == "lesson");
    CHECK(rows[2].taps == 3);
    CHECK(rows[2].mis_touch_rate() == doctest::Approx(0.0));
}

TEST_CASE("TouchStats: totals per screen add up every day") {
    LocalStore store = LocalStore::open_in_memory();
    TouchStats stats(store.db());
    stats.add("2024-05-01", "lesson", 4, 1);
    stats.add("2024-05-01", "home", 10, 2);
    stats.add("2024-05-02", "home", 30, 3);

    const auto totals = stats.totals_by_screen();
    REQUIRE(totals.size() == 2);
    CHECK(totals[0].screen == "home");
    CHECK(totals[0].day.empty());
    CHECK(totals[0].taps == 40);
    CHECK(totals[0].mis_touches == 5);
    CHECK(totals[0].mis_touch_rate() == doctest::Approx(0.125));
    CHECK(totals[1].screen == "lesson");
    CHECK(totals[1].taps == 4);
    CHECK(totals[1].mis_touches == 1);
}

TEST_CASE("TouchStats: counts larger than 32 bits do not wrap") {
    LocalStore store = LocalStore::open_in_memory();
    TouchStats stats(store.db());
    const std::int64_t big = std::int64_t{3} << 31;
    stats.add("2024-05-01", "home", big, 1);
    stats.add("2024-05-01", "home", big, 1);
    CHECK(stats.all().at(0).taps == 2 * big);
}

TEST_CASE("TouchStats: a flush with nothing in it writes no row") {
    LocalStore store = LocalStore::open_in_memory();
    TouchStats stats(store.db());
    stats.add("2024-05-01", "home", 0, 0);
    CHECK(stats.all().empty());
}

TEST_CASE("TouchStats: bad figures are refused and nothing is written") {
    LocalStore store = LocalStore::open_in_memory();
    TouchStats stats(store.db());
    CHECK_THROWS_AS(stats.add("2024-5-1", "home", 1, 0), std::invalid_argument);
    CHECK_THROWS_AS(stats.add("", "home", 1, 0), std::invalid_argument);
    CHECK_THROWS_AS(stats.add("2024-05-01", "", 1, 0), std::invalid_argument);
    CHECK_THROWS_AS(stats.add("2024-05-01", "home", -1, 0), std::invalid_argument);
    CHECK_THROWS_AS(stats.add("2024-05-01", "home", 1, 2), std::invalid_argument);
    CHECK(stats.all().empty());
}

TEST_CASE("TouchStats: add() inside a caller's transaction becomes part of it") {
    LocalStore store = LocalStore::open_in_memory();
    TouchStats stats(store.db());
    {
        qiao::core::Transaction outer(store.db());
        stats.add("2024-05-01", "home", 1, 0);  // its own transaction is a savepoint here
    }  // the caller did not commit: the add goes with it
    CHECK(stats.all().empty());
    {
        qiao::core::Transaction outer(store.db());
        stats.add("2024-05-01", "home", 2, 1);
        outer.commit();
    }
    REQUIRE(stats.all().size() == 1);
    CHECK(stats.all()[0].taps == 2);
}

TEST_CASE("local_date_today: YYYY-MM-DD of the local calendar") {
    const std::string today = qiao::core::local_date_today();
    CHECK(std::regex_match(today, std::regex(R"(\d{4}-\d{2}-\d{2})")));
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    CHECK(std::stoi(today.substr(0, 4)) == local.tm_year + 1900);
}
