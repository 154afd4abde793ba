#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "core/staff/hours_ledger.hpp"
#include "core/staff_test_support.hpp"
#include "core/storage/settings_store.hpp"
#include "core/sync/sync_credentials.hpp"

using namespace qiao::core;
using namespace std::chrono_literals;
using qiao::test::kMonday10;
using qiao::test::staff_change;
using qiao::test::StaffDesk;

TEST_CASE("hours: checking in keeps an open shift, checking in twice changes nothing") {
    StaffDesk desk;
    HoursLedger hours(desk.store.db(), desk.outbox);
    CHECK_FALSE(hours.open_shift("s-wang").has_value());
    CHECK(hours.check_in("s-wang", kMonday10) == kMonday10);
    CHECK(hours.check_in("s-wang", kMonday10 + 1h) == kMonday10);  // the first start stands
    CHECK(hours.open_shift("s-wang") == kMonday10);
    CHECK(desk.count("SELECT COUNT(*) FROM staff_shifts") == 1);
    CHECK(desk.outbox.depth() == 0);  // nothing to report until the check-out
}

TEST_CASE("hours: only an active staff member of the site checks in") {
    StaffDesk desk;
    HoursLedger hours(desk.store.db(), desk.outbox);
    CHECK_THROWS_WITH_AS(hours.check_in("s-nobody", kMonday10),
                         "There is no active staff member s-nobody at this site on this kiosk; ask the site manager, "
                         "or let the kiosk sync first.",
                         std::invalid_argument);
    desk.roster.apply(staff_change("s-li", "Li Na", "volunteer", "", false), kMonday10);
    CHECK_THROWS_AS(hours.check_in("s-li", kMonday10), std::invalid_argument);
    CHECK(desk.count("SELECT COUNT(*) FROM staff_shifts") == 0);
}

TEST_CASE("hours: checking out reports the shift: two ledger rows, the outbox entry and the shift gone, together") {
    StaffDesk desk;
    SettingsStore(desk.store.db()).set(sync_keys::kSiteId, "site-7");
    HoursLedger hours(desk.store.db(), desk.outbox);
    hours.check_in("s-wang", kMonday10);
    const ServedHours served = hours.check_out("s-wang", kMonday10 + 2h + 14min + 31s);  // rounds to 135
    CHECK(served.staff_id == "s-wang");
    CHECK(served.kind == "shift");
    CHECK(served.minutes == 135);
    CHECK_FALSE(served.cut);
    CHECK_FALSE(hours.open_shift("s-wang").has_value());

    const auto batch = desk.outbox.next_batch(10);
    REQUIRE(batch.size() == 1);
    CHECK(batch[0].id == served.entry_id);
    CHECK(batch[0].kind == "hours_served");
    CHECK(batch[0].body == nlohmann::json{{"staff_id", "s-wang"},
                                          {"kind", "shift"},
                                          {"started_at", "2026-11-30T02:00:00Z"},
                                          {"ended_at", "2026-11-30T04:14:31Z"},
                                          {"minutes", 135}});
    CHECK(desk.count("SELECT COUNT(*) FROM hours_ledger WHERE entry_id = '" + served.entry_id + "'") == 2);
    CHECK(desk.count("SELECT minutes FROM hours_ledger WHERE account = 'volunteer:s-wang'") == 135);
    CHECK(desk.count("SELECT minutes FROM hours_ledger WHERE account = 'site:site-7'") == -135);
    CHECK(desk.count("SELECT SUM(minutes) FROM hours_ledger") == 0);  // double entry

    CHECK_THROWS_AS(hours.check_out("s-wang", kMonday10 + 3h), std::invalid_argument);  // no shift open
}

TEST_CASE("hours: a check-out that fails part-way leaves the shift open and reports nothing (kill-safe)") {
    StaffDesk desk;
    HoursLedger hours(desk.store.db(), desk.outbox);
    hours.check_in("s-wang", kMonday10);
    // The second ledger row fails, after the outbox entry and the first row were written:
    // as a kill at that instant would leave it, nothing of the check-out may remain.
    desk.store.db().exec(
        "CREATE TEMP TRIGGER fail_site_row BEFORE INSERT ON hours_ledger WHEN NEW.account LIKE 'site:%' "
        "BEGIN SELECT RAISE(ABORT, 'disk gone'); END");
    CHECK_THROWS_AS(hours.check_out("s-wang", kMonday10 + 1h), StorageError);
    CHECK(hours.open_shift("s-wang") == kMonday10);
    CHECK(desk.outbox.depth() == 0);
    CHECK(desk.count("SELECT COUNT(*) FROM hours_ledger") == 0);

    desk.store.db().exec("DROP TRIGGER fail_site_row");
    CHECK(hours.check_out("s-wang", kMonday10 + 1h).minutes == 60);
    CHECK(desk.outbox.depth() == 1);
    CHECK(desk.count("SELECT COUNT(*) FROM hours_ledger") == 2);
}

TEST_CASE("hours: minutes are rounded, at least 1, and a shift left open past 12 hours is cut and says so") {
    CHECK(served_minutes(kMonday10, kMonday10 + 29s) == std::pair{1, false});
    CHECK(served_minutes(kMonday10, kMonday10 + 89s) == std::pair{1, false});
    CHECK(served_minutes(kMonday10, kMonday10 + 90s) == std::pair{2, false});
    CHECK(served_minutes(kMonday10, kMonday10 + 12h) == std::pair{720, false});
    CHECK(served_minutes(kMonday10, kMonday10 + 12h + 1s) == std::pair{720, true});

    StaffDesk desk;
    HoursLedger hours(desk.store.db(), desk.outbox);
    hours.check_in("s-li", kMonday10);
    const ServedHours forgot = hours.check_out("s-li", kMonday10 + 30h);
    CHECK(forgot.minutes == 720);
    CHECK(forgot.cut);
    CHECK(forgot.ended == kMonday10 + 12h);
    CHECK(desk.outbox.next_batch(1)[0].body["ended_at"] == "2026-11-30T14:00:00Z");

    // A clock set back before the start: 1 minute, and never an end before the start.
    hours.check_in("s-li", kMonday10);
    const ServedHours back = hours.check_out("s-li", kMonday10 - 1h);
    CHECK(back.minutes == 1);
    CHECK(back.ended == back.started);
}

TEST_CASE("hours: own total = the back office's total plus what waits in the outbox, not counted twice") {
    StaffDesk desk;
    HoursLedger hours(desk.store.db(), desk.outbox);
    CHECK(hours.own_total_minutes("s-wang") == 135);
    CHECK(hours.own_total_minutes("s-nobody") == 0);

    hours.check_in("s-wang", kMonday10);
    const ServedHours shift = hours.check_out("s-wang", kMonday10 + 45min);
    const ServedHours lesson = hours.record_class("s-wang", kMonday10 + 1h, kMonday10 + 2h);
    CHECK(lesson.kind == "class");
    CHECK(hours.own_total_minutes("s-wang") == 135 + 45 + 60);
    CHECK(hours.own_total_minutes("s-li") == 0);  // someone else's hours are not theirs

    // The back office has the shift: the total it publishes next includes it.
    desk.outbox.acknowledge({shift.entry_id});
    CHECK(hours.own_total_minutes("s-wang") == 135 + 60);
    desk.roster.apply(staff_change("s-wang", "Wang Wei", "volunteer", qiao::test::staff_pin_hash(), true, 180), kMonday10);
    CHECK(hours.own_total_minutes("s-wang") == 180 + 60);
    desk.outbox.acknowledge({lesson.entry_id});
    desk.roster.apply(staff_change("s-wang", "Wang Wei", "volunteer", qiao::test::staff_pin_hash(), true, 240), kMonday10);
    CHECK(hours.own_total_minutes("s-wang") == 240);
}

TEST_CASE("hours: a class is recorded for an active staff member, not ending before it started") {
    StaffDesk desk;
    HoursLedger hours(desk.store.db(), desk.outbox);
    CHECK_THROWS_AS(hours.record_class("s-wang", kMonday10, kMonday10 - 1min), std::invalid_argument);
    CHECK_THROWS_AS(hours.record_class("s-nobody", kMonday10, kMonday10 + 1h), std::invalid_argument);
    CHECK(desk.outbox.depth() == 0);
    CHECK(desk.count("SELECT COUNT(*) FROM hours_ledger") == 0);
}
