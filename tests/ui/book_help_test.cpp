// Book and Help as a visitor meets them, for what the tours cannot set up: a missing
// microphone, a folder that cannot keep a recording, a store that fails while booking,
// a printer, the idle reset on a half-filled form, and the Help button everywhere.
#include <doctest/doctest.h>

#include <fstream>
#include <thread>

#include "core/storage/database.hpp"
#include "kiosk_fixture.hpp"

using namespace qiao;
using namespace std::chrono_literals;
using test::KioskFixture;

namespace {

void type_number(KioskFixture& f, const std::string& digits) {
    for (char d : digits) f.tap(std::string("phone.key.") + d);
    f.tap("phone.done");
    f.tap("phone.yes");
}

void let_time_pass(KioskFixture& f, std::chrono::milliseconds how_long) {
    for (const auto until = std::chrono::steady_clock::now() + how_long; std::chrono::steady_clock::now() < until;) {
        f.kiosk->turn();
        std::this_thread::sleep_for(10ms);
    }
}

int logged(KioskFixture& f, const std::string& words) {
    int n = 0;
    for (const std::string& line : f.log.lines()) n += line.find(words) != std::string::npos;
    return n;
}

core::KioskConfig with_microphone(const std::string& spec) {
    core::KioskConfig config;
    config.microphone = spec;
    return config;
}

int count_rows(KioskFixture& f, const std::string& table) {
    core::Statement count(f.kiosk->store().db(), "SELECT COUNT(*) FROM " + table);
    count.step();
    return static_cast<int>(count.column_int(0));
}

void to_summary(KioskFixture& f, const std::string& phone) {
    f.kiosk->set_wall_clock("2026-12-01T09:00");
    f.kiosk->load_services("tests/data/services-tour.json");
    f.tap("home.book");
    f.tap("book.service.phone-class");
    f.tap("book.day.2026-12-03");
    f.tap("book.slot.class-thu-am");
    type_number(f, phone);
    REQUIRE(f.kiosk->current_screen() == "book_summary");
}

}  // namespace

TEST_CASE("a station without a microphone says so kindly and the request goes without a message") {
    KioskFixture f("help-no-mic", 1920, 1080, with_microphone("none"));
    f.tap("home.help");
    f.tap("help.cat.health");
    f.tap("help.record");
    CHECK(f.kiosk->current_screen() == "help_record");
    CHECK(f.last_said() == f.kiosk->catalog().text("zh-CN", "help_record.no_mic"));
    CHECK(f.widget("flow.heading").text == f.kiosk->catalog().text("zh-CN", "help_record.no_mic"));
    CHECK(ui::find_widget(f.kiosk->last_frame(), "help.record") == nullptr);  // no button that cannot work
    f.tap("help.no_message");
    f.tap("help.contact.here");
    CHECK(f.kiosk->current_screen() == "help_sent");
    CHECK(count_rows(f, "help_requests") == 1);
    CHECK(logged(f, "the microphone cannot be used") == 1);
}

TEST_CASE("a recording that cannot be kept is said plainly, and the request still goes") {
    KioskFixture f("help-unwritable", 1920, 1080,
                   with_microphone(std::string("file:") + QIAO_SOURCE_DIR + "/tests/data/help-message.ogg"));
    // Where the recordings go is a file, not a folder: nothing can be written there.
    std::ofstream(f.dir / "voice-messages") << "not a folder";
    f.tap("home.help");
    f.tap("help.cat.other");
    f.tap("help.record");
    let_time_pass(f, 1200ms);
    f.tap("help.stop");
    CHECK(f.last_said() == f.kiosk->catalog().text("zh-CN", "help_record.not_saved"));
    CHECK(ui::find_widget(f.kiosk->last_frame(), "help.play") == nullptr);
    f.tap("help.no_message");
    f.tap("help.contact.here");
    CHECK(f.kiosk->current_screen() == "help_sent");
    CHECK(count_rows(f, "help_requests") == 1);
}

TEST_CASE("a store that fails while booking: kind words, the same screen, nothing half stored") {
    KioskFixture f("book-store-fails");
    to_summary(f, "13800001111");
    // The disk is full, say: every insert into the outbox fails from now on.
    f.kiosk->store().db().exec("CREATE TEMP TRIGGER no_room BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    f.tap("book.confirm");
    CHECK(f.kiosk->current_screen() == "book_summary");
    CHECK(f.last_said() == f.kiosk->catalog().text("zh-CN", "flow.went_wrong"));
    CHECK(count_rows(f, "bookings") == 0);
    CHECK(logged(f, "disk is full") >= 1);
    // Room again: the same tap books it, once.
    f.kiosk->store().db().exec("DROP TRIGGER no_room");
    f.tap("book.confirm");
    CHECK(f.kiosk->current_screen() == "book_done");
    CHECK(count_rows(f, "bookings") == 1);
    CHECK(count_rows(f, "outbox") == 1);
}

TEST_CASE("a station with a printer prints the slip as it books") {
    core::KioskConfig config;
    const auto slips = test::fresh_dir("book-printer-slips");
    config.printer = "png:" + slips.string();
    KioskFixture f("book-printer", 1920, 1080, config);
    to_summary(f, "13800002222");
    f.tap("book.confirm");
    REQUIRE(f.kiosk->current_screen() == "book_done");
    const std::string code = f.kiosk->booking().last_booked()->code;
    CHECK(std::filesystem::file_size(slips / ("slip-" + code + ".png")) > 10000);
    CHECK(f.widget("flow.note").text == f.kiosk->catalog().text("zh-CN", "book_done.note_printed"));
    // A jammed or lost slip: once more, the same slip.
    std::filesystem::remove(slips / ("slip-" + code + ".png"));
    f.tap("book.print");
    CHECK(std::filesystem::exists(slips / ("slip-" + code + ".png")));
}

TEST_CASE("the idle reset forgets a half-filled form and deletes an unsent recording") {
    KioskFixture f("help-idle", 1920, 1080, with_microphone(std::string("file:") + QIAO_SOURCE_DIR + "/tests/data/help-message.ogg"));
    f.tap("home.help");
    f.tap("help.cat.phone_or_app");
    f.tap("help.record");
    let_time_pass(f, 1500ms);
    f.tap("help.stop");
    REQUIRE(f.widget("help.play").control);
    const auto recordings = [&] {
        int n = 0;
        for (const auto& e : std::filesystem::directory_iterator(f.dir / "voice-messages")) n += e.path().extension() == ".ogg";
        return n;
    };
    CHECK(recordings() == 1);
    f.kiosk->clock().advance(181s + 31s);
    f.kiosk->turn();
    f.kiosk->turn();
    CHECK(f.kiosk->current_screen() == "home");
    CHECK(recordings() == 0);
    // The next visitor starts Help afresh: nothing of the last one's shows.
    f.tap("home.help");
    f.tap("help.cat.other");
    CHECK(ui::find_widget(f.kiosk->last_frame(), "help.play") == nullptr);
    CHECK(count_rows(f, "help_requests") == 0);
}

TEST_CASE("my bookings shows nothing of the last visitor, and a number with a PIN needs it") {
    KioskFixture f("book-privacy");
    to_summary(f, "13800003333");
    f.tap("book.add_pin");
    for (char d : std::string("1357")) f.tap(std::string("pin.key.") + d);
    f.tap("book.confirm");
    f.kiosk->clock().advance(181s + 31s);
    f.kiosk->turn();
    f.kiosk->turn();
    f.tap("home.book");
    f.tap("book.mine");
    CHECK(f.widget("phone.digits").text.find('1') == std::string::npos);  // an empty keypad
    type_number(f, "13800003333");
    CHECK(f.kiosk->current_screen() == "pin_entry");
    for (char d : std::string("9999")) f.tap(std::string("pin.key.") + d);
    CHECK(f.kiosk->current_screen() == "pin_entry");
    for (char d : std::string("1357")) f.tap(std::string("pin.key.") + d);
    CHECK(f.kiosk->current_screen() == "my_bookings");
    CHECK(f.widget("flow.heading").text.find("138****3333") != std::string::npos);
    // Nowhere on any of these screens was the full number drawn after the keypad.
    for (const auto& r : f.kiosk->last_frame()) CHECK(r.text.find("13800003333") == std::string::npos);
}

TEST_CASE("the Help button is on every screen but home, the idle warning and Help's own") {
    KioskFixture f("help-everywhere");
    for (const char* from_home : {"home.learn", "home.book", "edge.text_size", "edge.language", "edge.voice"}) {
        f.kiosk->home();
        f.tap(from_home);
        INFO(f.kiosk->current_screen());
        CHECK(f.widget("common.help").control);
        f.tap("common.help");
        CHECK(f.kiosk->current_screen() == "help");
        CHECK(ui::find_widget(f.kiosk->last_frame(), "common.help") == nullptr);
        f.tap("common.back");  // back where they were, nothing lost
        CHECK(f.kiosk->current_screen() != "help");
    }
    f.kiosk->home();
    f.kiosk->settle(20ms);
    CHECK(ui::find_widget(f.kiosk->last_frame(), "common.help") == nullptr);
}

TEST_CASE("a message recorded but never sent (the power went) is deleted at the next start") {
    KioskFixture f("help-orphan");
    std::filesystem::create_directories(f.dir / "voice-messages");
    std::ofstream(f.dir / "voice-messages" / "0123456789abcdef0123456789abcdef.ogg") << "OggS";
    core::KioskConfig config;
    config.data_dir = f.dir;
    config.audio = "null";
    f.start(config);
    CHECK(std::filesystem::is_empty(f.dir / "voice-messages"));
    CHECK(logged(f, "never sent") == 1);
}

TEST_CASE("words from the back office (a volunteer's name) are drawn, not shown as boxes") {
    KioskFixture f("help-name-glyphs");
    f.tap("home.help");
    f.tap("help.cat.daily_life");
    f.tap("help.no_message");
    f.tap("help.contact.phone");
    type_number(f, "18600001111");
    // 鑫 is in no catalog string and no lesson: only the name brings it.
    f.kiosk->backoffice_update(R"({"kind": "help", "id": "$LAST_HELP", "status": "taken", "volunteer_first_name": "鑫"})");
    f.tap("help.mine");
    type_number(f, "18600001111");
    REQUIRE(f.kiosk->current_screen() == "my_requests");
    f.kiosk->draw_frame();
    CHECK(f.widget("help.request.1").text.find("鑫") != std::string::npos);
    CHECK(ui::missing_glyphs(*f.kiosk->fonts().body(), U"鑫").empty());
}
