// The staff screens against the staff rules (docs/staff-mode.md, ui::staff_rules): every
// screen a site manager can reach without a back office, filled in (lessons installed, a
// timetable, a shift, a setting's values, the enrolment keyboard), at three windows, in
// Mandarin and in English. And the privacy of leaving: sign out forgets what was shown.
#include <doctest/doctest.h>

#include <set>

#include "kiosk_fixture.hpp"
#include "ui/audit.hpp"

using namespace qiao;
using namespace std::chrono_literals;

namespace {

constexpr const char* kManager =
    R"({"kind": "staff", "id": "s-min", "name": "Min Chen", "role": "manager", "pin": "135790", "active": true, "hours_minutes": 75})";

void sign_in(test::KioskFixture& f) {
    f.tap("staff.enter");
    f.tap("staff.name.1");
    for (char d : std::string("135790")) f.tap(std::string("pin.key.") + d);
    REQUIRE(f.kiosk->current_screen() == "staff_home");
}

struct StaffAudit {
    test::KioskFixture& f;
    int w, h;
    std::string where;
    std::set<std::string> seen;

    void check(const std::string& screen) {
        f.kiosk->settle(20ms);
        f.kiosk->draw_frame();
        REQUIRE_MESSAGE(f.kiosk->current_screen() == screen, where << ": expected " << screen);
        const ui::AuditFigures a = ui::audit_frame(f.kiosk->last_frame(), ui::staff_rules(f.kiosk->metrics()), w, h);
        INFO(where << " screen " << screen);
        for (const auto& p : a.problems) FAIL_CHECK(p);
        CHECK(a.controls > 0);
        seen.insert(screen);
    }
};

}  // namespace

TEST_CASE("every staff screen keeps the staff rules, filled in, in every window and language") {
    const std::vector<std::pair<int, int>> windows = {{1920, 1080}, {1280, 800}, {1080, 1920}};
    std::set<std::string> seen;
    for (const auto& [w, h] : windows) {
        test::KioskFixture f("staff-audit-" + std::to_string(w) + "x" + std::to_string(h), w, h, {}, true);
        f.kiosk->set_wall_clock("2026-12-01T09:00");
        f.kiosk->load_services("tests/data/services-tour.json");
        f.kiosk->backoffice_update(kManager);
        for (const char* lang : {"zh-CN", "en"}) {
            f.kiosk->home();
            f.kiosk->set_language(lang);
            StaffAudit audit{f, w, h, std::to_string(w) + "x" + std::to_string(h) + " " + lang};
            f.tap("staff.enter");
            audit.check("staff_sign_in");
            f.tap("staff.name.1");
            audit.check("staff_pin");
            for (char d : std::string("135790")) f.tap(std::string("pin.key.") + d);
            audit.check("staff_home");

            f.tap("staff.open.hours");
            audit.check("staff_hours");
            f.tap("staff.hours.check_in");
            audit.check("staff_hours");
            f.kiosk->clock().advance(std::chrono::minutes(2));
            f.tap("staff.hours.check_out");
            audit.check("staff_hours");
            f.tap("staff.menu");

            f.tap("staff.open.health");
            audit.check("staff_health");
            f.tap("staff.health.today");
            audit.check("staff_health_today");
            f.tap("staff.menu");

            // Without a back office the live screens say so, plainly.
            f.tap("staff.open.help");
            audit.check("staff_help");
            f.tap("staff.menu");
            f.tap("staff.open.bookings");
            audit.check("staff_bookings");
            f.tap("staff.menu");

            f.tap("staff.open.class");
            audit.check("staff_class");
            f.tap("staff.class.lesson.org.qiao.basics/pay-by-qr");
            audit.check("staff_class_run");
            f.tap("staff.class.attendance");
            audit.check("staff_attendance");
            f.tap("common.back");
            f.tap("staff.class.finish");
            audit.check("staff_class_finish");
            f.tap("staff.class.finish_yes");
            audit.check("staff_class_done");

            f.tap("staff.menu");
            f.tap("staff.open.packs");
            audit.check("staff_packs");
            f.tap("staff.packs.item.1");
            audit.check("staff_pack_detail");
            f.tap("staff.menu");

            f.tap("staff.open.settings");
            audit.check("staff_settings");
            f.tap("staff.settings.key.home_buttons");
            audit.check("staff_setting_value");
            f.tap("common.back");
            f.tap("staff.settings.enrol");
            audit.check("staff_keyboard");
            f.tap("staff.keyboard.done");  // the address as it stands: on to the code
            audit.check("staff_keyboard");
            f.tap("staff.sign_out");
            REQUIRE(f.kiosk->current_screen() == "home");
            seen.insert(audit.seen.begin(), audit.seen.end());
        }
    }
    CHECK(seen.size() == 18);
}

TEST_CASE("signing out, or leaving staff mode alone, forgets what it showed and the next visitor starts afresh") {
    test::KioskFixture f("staff-leaves", 1280, 800);
    f.kiosk->backoffice_update(kManager);
    f.kiosk->set_language("en");
    sign_in(f);
    f.tap("staff.open.hours");
    f.tap("staff.hours.check_in");
    CHECK(f.kiosk->staff().page("staff_hours") != nullptr);
    f.tap("staff.sign_out");
    CHECK(f.kiosk->current_screen() == "home");
    CHECK_FALSE(f.kiosk->staff().signed_in());
    CHECK(f.kiosk->staff().page("staff_hours") == nullptr);
    CHECK(f.kiosk->visitor().language == "zh-CN");  // the site's default again

    // Untouched for the staff idle minutes (5 by default): closed, without a word.
    sign_in(f);
    f.tap("staff.open.hours");
    f.kiosk->clock().advance(std::chrono::minutes(4));
    f.kiosk->turn();
    CHECK(f.kiosk->current_screen() == "staff_hours");
    f.kiosk->clock().advance(std::chrono::seconds(61));
    f.kiosk->turn();
    CHECK(f.kiosk->current_screen() == "home");
    CHECK_FALSE(f.kiosk->staff().signed_in());
    // The shift started before stays open for the next sign-in (it is in the store).
    sign_in(f);
    f.tap("staff.open.hours");
    CHECK(ui::find_widget(f.kiosk->last_frame(), "staff.hours.check_out") != nullptr);
}
