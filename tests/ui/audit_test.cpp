// The rules of the screen, measured: every screen, at all three text sizes, at
// 1920x1080, 1280x800 and 800x1280, in every language. The figures come from the
// rectangles and colours each frame really drew (ui::audit_frame).
#include <doctest/doctest.h>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "kiosk_fixture.hpp"
#include "ui/audit.hpp"

using namespace qiao;
using namespace std::chrono_literals;

namespace {

struct Worst {
    float control_h_ratio = 1e9f, gap_ratio = 1e9f, text_ratio = 1e9f;
    double contrast = 1e9;
    std::string control_where, gap_where, text_where, contrast_where;
};

// Visits a screen the way a visitor would get there.
void visit(test::KioskFixture& f, const std::string& screen) {
    f.kiosk->home();
    f.kiosk->settle(20ms);
    if (screen == "home") return;
    if (screen == "idle") {
        f.kiosk->clock().advance(181s);
        f.kiosk->turn();
        return;
    }
    static const std::map<std::string, std::string> kFromHome = {
        {"learn", "home.learn"}, {"book", "home.book"}, {"help", "home.help"},
        {"text_size", "edge.text_size"}, {"language", "edge.language"}, {"voice", "edge.voice"}};
    f.tap(kFromHome.at(screen));
}

}  // namespace

TEST_CASE("every screen keeps the rules at every size, window and language") {
    const std::vector<std::pair<int, int>> windows = {{1920, 1080}, {1280, 800}, {800, 1280}};
    const std::vector<std::string> screens = {"home", "learn", "book", "help", "text_size", "language", "voice", "idle"};
    std::ostringstream table;
    table << "\nwindow     size     lang   smallest control (rule)  smallest gap (rule)  smallest text (rule)  lowest contrast\n";
    int frames = 0;
    for (const auto& [w, h] : windows) {
        test::KioskFixture f("audit-" + std::to_string(w) + "x" + std::to_string(h), w, h);
        for (auto size : {core::TextSize::Normal, core::TextSize::Large, core::TextSize::Largest}) {
            for (const auto& lang : f.kiosk->catalog().languages()) {
                ui::AuditFigures least;
                least.smallest_control_h = least.smallest_gap = least.smallest_text_px = 1e9f;
                least.lowest_contrast = 1e9;
                for (const std::string& screen : screens) {
                    f.kiosk->set_language(lang.code);
                    f.kiosk->set_text_size(size);
                    visit(f, screen);
                    f.kiosk->draw_frame();
                    REQUIRE(f.kiosk->current_screen() == screen);
                    const ui::AuditFigures a = ui::audit_frame(f.kiosk->last_frame(), f.kiosk->metrics(), w, h);
                    ++frames;
                    INFO(w << "x" << h << " " << std::string(core::to_string(size)) << " " << lang.code << " screen " << screen);
                    for (const auto& p : a.problems) FAIL_CHECK(p);
                    CHECK(a.controls > 0);
                    if (a.controls > 0) least.smallest_control_h = std::min(least.smallest_control_h, a.smallest_control_h);
                    if (a.controls > 1) least.smallest_gap = std::min(least.smallest_gap, a.smallest_gap);
                    least.smallest_text_px = std::min(least.smallest_text_px, a.smallest_text_px);
                    least.lowest_contrast = std::min(least.lowest_contrast, a.lowest_contrast);
                    f.kiosk->still_here();
                }
                const ui::Metrics& m = f.kiosk->metrics();
                table << std::setw(4) << w << "x" << std::setw(4) << h << "  " << std::setw(7) << std::string(core::to_string(size)) << "  "
                      << std::setw(5) << lang.code << "  " << std::setw(7) << least.smallest_control_h << " px (" << m.required_control_h()
                      << ")      " << std::setw(6) << least.smallest_gap << " px (" << m.required_gap() << ")    " << std::setw(5)
                      << least.smallest_text_px << " px (" << m.required_body_px() << ")     " << std::fixed << std::setprecision(1)
                      << least.lowest_contrast << ":1\n"
                      << std::defaultfloat << std::setprecision(6);
            }
        }
        f.kiosk->set_language("zh-CN");
    }
    std::cout << table.str() << frames << " frames audited\n";
    CHECK(frames == 3 * 3 * 3 * 8);
}

TEST_CASE("the audit catches a control that is too small, too close or too faint") {
    const ui::Metrics m = ui::compute_metrics(1920, 1080, core::TextSize::Normal);
    ui::FrameRecords records;
    ui::WidgetRecord ok{"ok", {0, 0, 300, 130}, "ok", true, 40, {{0, 0, 0}, {255, 255, 255}}};
    ui::WidgetRecord small{"small", {310, 0, 300, 100}, "small", true, 30, {{120, 120, 120}, {255, 255, 255}}};
    records.push_back(ok);
    records.push_back(small);
    const ui::AuditFigures a = ui::audit_frame(records, m, 1920, 1080);
    CHECK(a.smallest_control_h == doctest::Approx(100));
    CHECK(a.smallest_gap == doctest::Approx(10));
    CHECK(a.smallest_text_px == doctest::Approx(30));
    CHECK(a.lowest_contrast < 7.0);
    CHECK(a.problems.size() == 4);
}

TEST_CASE("every lesson step keeps the rules too, at every size and window") {
    const std::vector<std::pair<int, int>> windows = {{1920, 1080}, {1280, 800}, {800, 1280}};
    int frames = 0;
    for (const auto& [w, h] : windows) {
        test::KioskFixture f("audit-lessons-" + std::to_string(w) + "x" + std::to_string(h), w, h, {}, true);
        for (auto size : {core::TextSize::Normal, core::TextSize::Large, core::TextSize::Largest}) {
            // English is the longest language; check it where space is tightest.
            std::vector<std::string> languages = {"zh-CN"};
            if (size == core::TextSize::Largest) languages.push_back("en");
            for (const std::string& lang : languages) {
                f.kiosk->set_language(lang);
                f.kiosk->set_text_size(size);
                for (const char* lesson : {"pay-by-qr", "book-hospital", "spot-scams", "video-call"}) {
                    f.kiosk->open_lesson("org.qiao.basics", lesson);
                    // Start from the first step whatever this visitor reached before.
                    while (f.kiosk->lessons().lesson_session()->step_index() > 0) f.kiosk->lesson_back();
                    for (;;) {
                        f.kiosk->draw_frame();
                        const std::string screen = f.kiosk->current_screen();
                        const ui::AuditFigures a = ui::audit_frame(f.kiosk->last_frame(), f.kiosk->metrics(), w, h);
                        ++frames;
                        INFO(w << "x" << h << " " << std::string(core::to_string(size)) << " " << lang << " " << std::string(lesson) << " "
                               << screen << " step " << f.kiosk->lessons().lesson_session()->step_index() + 1);
                        for (const auto& p : a.problems) FAIL_CHECK(p);
                        if (screen == "lesson_done") break;
                        // Answer a choose step so its explanation is audited too.
                        if (f.kiosk->lessons().lesson_session()->step().action.type == core::ActionType::Choose &&
                            !f.kiosk->lessons().lesson_session()->chosen()) {
                            f.kiosk->lesson_choose(0);
                            continue;
                        }
                        f.kiosk->lesson_next();
                    }
                }
            }
            // The phone keypad and its check, with a number typed.
            f.kiosk->home();
            f.kiosk->go("learn");
            f.kiosk->go("phone_entry");
            for (char d : std::string("13812345678")) f.kiosk->phone_key(d);
            for (const char* screen : {"phone_entry", "phone_check"}) {
                if (std::string(screen) == "phone_check") f.kiosk->phone_done();
                f.kiosk->draw_frame();
                REQUIRE(f.kiosk->current_screen() == screen);
                const ui::AuditFigures a = ui::audit_frame(f.kiosk->last_frame(), f.kiosk->metrics(), w, h);
                ++frames;
                INFO(w << "x" << h << " " << std::string(core::to_string(size)) << " " << screen);
                for (const auto& p : a.problems) FAIL_CHECK(p);
            }
            f.kiosk->phone_confirm(false);
            for (int i = 0; i < 11; ++i) f.kiosk->phone_key('<');
            f.kiosk->home();
        }
    }
    std::cout << frames << " lesson frames audited\n";
    CHECK(frames > 300);
}
