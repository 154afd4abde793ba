// "Who is this?" for lessons: a phone number on a big keypad, read back, and the
// learner's progress kept under it (and only under it: the next visitor starts afresh).
#include <doctest/doctest.h>

#include "core/storage/database.hpp"
#include "kiosk_fixture.hpp"

using namespace qiao;
using namespace std::chrono_literals;
using test::KioskFixture;

namespace {

void type_number(KioskFixture& f, const std::string& digits) {
    for (char d : digits) f.tap(std::string("phone.key.") + d);
}

void identify(KioskFixture& f, const std::string& digits) {
    f.tap("learn.identify");
    REQUIRE(f.kiosk->current_screen() == "phone_entry");
    type_number(f, digits);
    f.tap("phone.done");
    REQUIRE(f.kiosk->current_screen() == "phone_check");
    f.tap("phone.yes");
    REQUIRE(f.kiosk->current_screen() == "learn");
}

void reset_visitor(KioskFixture& f) {
    f.kiosk->clock().advance(215s);
    f.kiosk->turn();
    f.kiosk->turn();
    REQUIRE(f.kiosk->current_screen() == "home");
}

}  // namespace

TEST_CASE("the number is typed on a big keypad, each digit said, and read back in groups") {
    KioskFixture f("identity-keypad", 1920, 1080, {}, true);
    f.tap("home.learn");
    f.tap("learn.identify");
    type_number(f, "1381234567");
    CHECK(f.last_said() == "7");
    f.tap("phone.done");  // ten digits: not a mobile number yet
    CHECK(f.kiosk->current_screen() == "phone_entry");
    CHECK(f.last_said().find("11位") != std::string::npos);
    f.tap("phone.key.9");
    f.tap("phone.delete");
    f.tap("phone.key.8");
    CHECK(f.widget("phone.digits").text == "138 1234 5678");
    f.tap("phone.done");
    CHECK(f.kiosk->current_screen() == "phone_check");
    CHECK(f.last_said() == "您的号码是1 3 8，1 2 3 4，5 6 7 8。对吗？");
    f.tap("phone.fix");
    CHECK(f.kiosk->current_screen() == "phone_entry");
    CHECK(f.widget("phone.digits").text == "138 1234 5678");  // kept, to fix one digit
    f.tap("phone.done");
    f.tap("phone.yes");
    CHECK(f.kiosk->current_screen() == "learn");
    CHECK(f.widget("learn.identify").text == "138****5678");  // masked from now on
    CHECK(f.last_said().find("记住了") != std::string::npos);
}

TEST_CASE("a learner who gives their number picks up where they left off on a later visit") {
    KioskFixture f("identity-progress", 1920, 1080, {}, true);
    f.tap("home.learn");
    identify(f, "13812345678");
    f.tap("lesson.book-hospital");
    f.tap("lesson.next");
    f.tap("lesson.next");
    f.tap("lesson.all");
    reset_visitor(f);

    // Someone else: nothing of the first learner shows.
    f.tap("home.learn");
    CHECK(f.widget("learn.identify").text == f.kiosk->catalog().text("zh-CN", "learn.identify"));
    CHECK(f.widget("lesson.book-hospital").text.find("第3步") == std::string::npos);
    identify(f, "13900000000");
    CHECK(f.widget("lesson.book-hospital").text.find("第3步") == std::string::npos);
    reset_visitor(f);

    // The first learner again.
    f.tap("home.learn");
    identify(f, "13812345678");
    CHECK(f.widget("lesson.book-hospital").text.find("第3步") != std::string::npos);
    f.tap("lesson.book-hospital");
    CHECK(f.kiosk->lessons().lesson_session()->step_index() == 2);

    // The store keeps a salted hash, never the number.
    core::Statement rows(f.kiosk->store().db(), "SELECT learner FROM lesson_progress ORDER BY learner");
    int phone_rows = 0;
    while (rows.step()) {
        const std::string learner = rows.column_text(0);
        CHECK(learner.find("13812345678") == std::string::npos);
        if (learner.rfind("phone:", 0) == 0) ++phone_rows;
    }
    CHECK(phone_rows >= 1);
}
