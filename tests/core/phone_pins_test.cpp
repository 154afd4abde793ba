#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "core/booking_test_support.hpp"
#include "core/identity/phone_number.hpp"
#include "core/identity/phone_pins.hpp"
#include "core/storage/local_store.hpp"
#include "core/storage/settings_store.hpp"

using namespace qiao::core;
using qiao::test::kMonday10;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

const std::string kPhone = "13812345678";
const std::string kOtherPhone = "13900001111";

std::string pin_row(LocalStore& store, const std::string& contact_hash, const char* column) {
    Statement statement(store.db(), std::string("SELECT ") + column + " FROM phone_pins WHERE contact_hash = ?");
    statement.bind(1, contact_hash);
    REQUIRE(statement.step());
    return statement.column_text(0);
}

}  // namespace

TEST_CASE("phone pins: set, then checked right and wrong, only a keyed hash is stored") {
    LocalStore store = LocalStore::open_in_memory();
    PhonePins pins(store.db());
    CHECK_FALSE(pins.has_pin(kPhone));
    CHECK(pins.check(kPhone, "1234", kMonday10) == PinCheck::Wrong);  // no PIN: nothing is right

    pins.set_pin(kPhone, "3071");
    CHECK(pins.has_pin(kPhone));
    CHECK_FALSE(pins.has_pin(kOtherPhone));
    CHECK(pins.check(kPhone, "3071", kMonday10) == PinCheck::Right);
    CHECK(pins.check(kPhone, "3072", kMonday10) == PinCheck::Wrong);
    CHECK(pins.check(kPhone, "307", kMonday10) == PinCheck::Wrong);
    CHECK(pins.check(kOtherPhone, "3071", kMonday10) == PinCheck::Wrong);

    // Keyed by the number's salted hash, the same one bookings and lessons use.
    const auto salt = SettingsStore(store.db()).get("kiosk.learner_salt");
    REQUIRE(salt.has_value());
    const std::string contact_hash = learner_id_for_phone(kPhone, *salt);
    const std::string hash = pin_row(store, contact_hash, "pin_hash");
    CHECK(hash.size() == 64);
    CHECK(hash.find("3071") == std::string::npos);
    Statement everything(store.db(), "SELECT contact_hash || pin_hash || locked_until FROM phone_pins");
    while (everything.step()) CHECK(everything.column_text(0).find(kPhone) == std::string::npos);

    // The same PIN on another number hashes differently.
    pins.set_pin(kOtherPhone, "3071");
    CHECK(pin_row(store, learner_id_for_phone(kOtherPhone, *salt), "pin_hash") != hash);
}

TEST_CASE("phone pins: a new PIN replaces the old one") {
    LocalStore store = LocalStore::open_in_memory();
    PhonePins pins(store.db());
    pins.set_pin(kPhone, "1111");
    pins.set_pin(kPhone, "2222");
    CHECK(pins.check(kPhone, "1111", kMonday10) == PinCheck::Wrong);
    CHECK(pins.check(kPhone, "2222", kMonday10) == PinCheck::Right);
    Statement rows(store.db(), "SELECT COUNT(*) FROM phone_pins");
    REQUIRE(rows.step());
    CHECK(rows.column_int(0) == 1);

    pins.remove_pin(kPhone);
    CHECK_FALSE(pins.has_pin(kPhone));
}

TEST_CASE("phone pins: only exactly 4 digits, said plainly") {
    LocalStore store = LocalStore::open_in_memory();
    PhonePins pins(store.db());
    for (const std::string bad : {"", "123", "12345", "12a4", " 123", "１２３４"}) {
        CAPTURE(bad);
        try {
            pins.set_pin(kPhone, bad);
            FAIL("should be refused");
        } catch (const std::invalid_argument& error) {
            CHECK(std::string(error.what()).find("4 digits") != std::string::npos);
        }
    }
    CHECK_THROWS_AS(pins.set_pin("12345", "1234"), std::invalid_argument);
    CHECK_FALSE(pins.has_pin(kPhone));
    // Nothing was stored, not even the salt.
    CHECK_FALSE(SettingsStore(store.db()).get("kiosk.learner_salt").has_value());
}

TEST_CASE("phone pins: a right PIN resets the count of wrong ones") {
    LocalStore store = LocalStore::open_in_memory();
    PhonePins pins(store.db());
    pins.set_pin(kPhone, "3071");
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 4; ++i) CHECK(pins.check(kPhone, "0000", kMonday10) == PinCheck::Wrong);
        CHECK(pins.check(kPhone, "3071", kMonday10) == PinCheck::Right);
    }
}

TEST_CASE("phone pins: five wrong in a row lock the number for 15 minutes, then it opens again") {
    LocalStore store = LocalStore::open_in_memory();
    PhonePins pins(store.db());
    pins.set_pin(kPhone, "3071");
    pins.set_pin(kOtherPhone, "3071");
    for (int i = 0; i < 4; ++i) CHECK(pins.check(kPhone, "0000", kMonday10) == PinCheck::Wrong);
    CHECK(pins.check(kPhone, "0000", kMonday10) == PinCheck::Locked);  // the fifth

    const auto lock_end = kMonday10 + minutes(15);
    CHECK(pins.check(kPhone, "3071", kMonday10 + minutes(1)) == PinCheck::Locked);  // even the right one
    CHECK(pins.check(kPhone, "0000", lock_end - seconds(1)) == PinCheck::Locked);
    CHECK(pins.check(kOtherPhone, "3071", kMonday10) == PinCheck::Right);  // other numbers are not locked
    CHECK(pins.has_pin(kPhone));

    // Tries while locked did not extend the lock; at 15 minutes it opens.
    CHECK(pins.check(kPhone, "3071", lock_end) == PinCheck::Right);

    // And after a lock has run out, five fresh tries again.
    for (int i = 0; i < 4; ++i) CHECK(pins.check(kPhone, "0000", lock_end) == PinCheck::Wrong);
    CHECK(pins.check(kPhone, "0000", lock_end) == PinCheck::Locked);
    const auto second_end = lock_end + minutes(15);
    CHECK(pins.check(kPhone, "0000", second_end) == PinCheck::Wrong);  // counted from one again
    CHECK(pins.check(kPhone, "3071", second_end) == PinCheck::Right);
}

TEST_CASE("phone pins: setting a PIN again clears a lock") {
    LocalStore store = LocalStore::open_in_memory();
    PhonePins pins(store.db());
    pins.set_pin(kPhone, "3071");
    for (int i = 0; i < 5; ++i) pins.check(kPhone, "0000", kMonday10);
    CHECK(pins.check(kPhone, "3071", kMonday10) == PinCheck::Locked);
    pins.set_pin(kPhone, "4096");
    CHECK(pins.check(kPhone, "4096", kMonday10) == PinCheck::Right);
}
