// The rules of the screen on every Book and Help screen, filled in as a senior would
// fill them (a timetable loaded, a class booked and declined with alternatives, a
// recorded help message), at every text size and window, in Mandarin and in English
// (the longest words).
#include <doctest/doctest.h>

#include <functional>
#include <set>
#include <thread>

#include "kiosk_fixture.hpp"
#include "ui/audit.hpp"

using namespace qiao;
using namespace std::chrono_literals;

namespace {

void type_number(test::KioskFixture& f, const std::string& digits) {
    for (char d : digits) f.tap(std::string("phone.key.") + d);
    f.tap("phone.done");
    f.tap("phone.yes");
}

struct FlowAudit {
    test::KioskFixture& f;
    int w, h;
    std::string where;
    std::set<std::string> seen;
    int frames = 0;

    void check(const std::string& screen) {
        f.kiosk->settle(20ms);
        f.kiosk->draw_frame();
        REQUIRE_MESSAGE(f.kiosk->current_screen() == screen, where << ": expected " << screen);
        const ui::AuditFigures a = ui::audit_frame(f.kiosk->last_frame(), f.kiosk->metrics(), w, h);
        INFO(where << " screen " << screen);
        for (const auto& p : a.problems) FAIL_CHECK(p);
        CHECK(a.controls > 0);
        seen.insert(screen);
        ++frames;
    }
};

}  // namespace

TEST_CASE("every Book and Help screen keeps the rules, filled in, at every size and window") {
    const std::vector<std::pair<int, int>> windows = {{1920, 1080}, {1280, 800}, {800, 1280}};
    int frames = 0;
    std::set<std::string> seen;
    for (const auto& [w, h] : windows) {
        core::KioskConfig config;
        config.microphone = std::string("file:") + QIAO_SOURCE_DIR + "/tests/data/help-message.ogg";
        test::KioskFixture f("flow-audit-" + std::to_string(w) + "x" + std::to_string(h), w, h, config);
        f.kiosk->set_wall_clock("2026-12-01T09:00");
        f.kiosk->load_services("tests/data/services-tour.json");
        int n = 0;
        for (auto size : {core::TextSize::Normal, core::TextSize::Large, core::TextSize::Largest})
            for (const char* lang : {"zh-CN", "en"}) {
                // The hardest cases everywhere (largest text, the longest words); normal and
                // large once, on the reference screen: the whole walk is slow on a software renderer.
                if (size != core::TextSize::Largest && (std::string(lang) == "en" || w != 1920)) continue;
                f.kiosk->home();
                f.kiosk->set_language(lang);
                f.kiosk->set_text_size(size);
                FlowAudit audit{f, w, h, std::to_string(w) + "x" + std::to_string(h) + " " + std::string(core::to_string(size)) + " " + lang};
                // A distinct number each round: each round books afresh.
                const std::string phone = "1390000" + std::to_string(1000 + n++);

                // Book, for someone else, with a PIN; then the slip.
                f.tap("home.book");
                audit.check("book");
                f.tap("book.someone_else");
                f.tap("book.service.phone-class");
                audit.check("book_day");
                f.tap("book.day.2026-12-02");
                audit.check("book_time");
                f.tap("book.slot.class-wed-pm");
                audit.check("phone_entry");
                for (char d : phone) f.tap(std::string("phone.key.") + d);
                f.tap("phone.done");
                audit.check("phone_check");
                f.tap("phone.yes");
                audit.check("book_summary");
                f.tap("book.add_pin");
                audit.check("pin_entry");
                for (char d : std::string("2468")) f.tap(std::string("pin.key.") + d);
                f.tap("book.confirm");
                audit.check("book_done");

                // Declined with alternatives; asked once more before cancelling.
                f.kiosk->backoffice_update(R"({"kind": "booking", "id": "$LAST_BOOKING", "state": "declined",
                    "reason": "老师生病了，这节课取消 / the teacher is ill", "alternatives": ["class-thu-am", "class-wed-am"]})");
                f.tap("book.mine");
                type_number(f, phone);
                for (char d : std::string("2468")) f.tap(std::string("pin.key.") + d);
                audit.check("my_bookings");
                f.tap("book.booking.1");
                audit.check("booking_detail");
                f.tap("book.other_times");
                audit.check("book_alternatives");
                f.tap("common.home");
                f.tap("home.book");
                f.tap("book.service.phone-class");
                f.tap("book.day.2026-12-03");
                f.tap("book.slot.class-thu-am");
                type_number(f, phone);
                f.tap("book.confirm");
                f.tap("book.mine");
                type_number(f, phone);
                for (char d : std::string("2468")) f.tap(std::string("pin.key.") + d);
                f.tap("book.booking.1");
                f.tap("book.cancel");
                audit.check("book_cancel");

                // Help: a scam, a recorded message, a number; then its status and the faces.
                f.tap("common.home");
                f.tap("home.help");
                audit.check("help");
                f.tap("help.cat.scam");
                audit.check("help_scam");
                f.tap("help.scam_next");
                audit.check("help_record");
                f.tap("help.record");
                for (const auto until = std::chrono::steady_clock::now() + 1500ms; std::chrono::steady_clock::now() < until;) {
                    f.kiosk->turn();
                    std::this_thread::sleep_for(10ms);
                }
                audit.check("help_record");
                f.tap("help.stop");
                audit.check("help_record");
                f.tap("help.next");
                audit.check("help_contact");
                f.tap("help.contact.phone");
                type_number(f, phone);
                audit.check("help_sent");
                f.kiosk->backoffice_update(R"({"kind": "help", "id": "$LAST_HELP", "status": "resolved", "volunteer_first_name": "Wang"})");
                f.tap("help.mine");
                type_number(f, phone);
                for (char d : std::string("2468")) f.tap(std::string("pin.key.") + d);
                audit.check("my_requests");
                f.tap("help.request.1");
                audit.check("request_detail");
                frames += audit.frames;
                seen.insert(audit.seen.begin(), audit.seen.end());
            }
    }
    MESSAGE(frames << " frames of Book and Help audited");
    // Every screen of both flows was looked at.
    for (const char* screen : {"book", "book_day", "book_time", "book_summary", "book_done", "my_bookings", "booking_detail",
                               "book_cancel", "book_alternatives", "pin_entry", "help", "help_scam", "help_record", "help_contact", "help_sent",
                               "my_requests", "request_detail"})
        CHECK_MESSAGE(seen.count(screen) == 1, screen << " was not audited");
}
