// A booking staff moved to another slot (POST /api/v1/bookings/{id}/rebook): the kiosk
// hears it as a booking change with "moved_to".
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/booking/booking_service.hpp"
#include "core/booking_test_support.hpp"
#include "core/time/utc_time.hpp"

using namespace qiao::core;
using qiao::test::BookingDesk;
using qiao::test::kMonday10;
using qiao::test::local;
using qiao::test::weekly_id;
using json = nlohmann::json;

namespace {

const std::string kPhone = "13812345678";

json moved(const std::string& id, const std::string& slot_id, WallTime start, WallTime end,
           const std::string& service_id = "phone-class") {
    return {{"kind", "booking"},
            {"id", id},
            {"state", "confirmed"},
            {"moved_to",
             {{"service_id", service_id}, {"slot_id", slot_id}, {"starts_at", iso8601_utc(start)}, {"ends_at", iso8601_utc(end)}}}};
}

}  // namespace

TEST_CASE("booking move: the booking keeps its id and code and gets the new slot, times and place") {
    BookingDesk desk;
    const Booking booking = desk.bookings.request({weekly_id(2), kPhone, false}, kMonday10);
    desk.bookings.apply_update(moved(booking.id, "talk-1", local(12, 2, 15), local(12, 2, 16)), kMonday10);
    const auto after = desk.bookings.find(booking.id);
    REQUIRE(after.has_value());
    CHECK(after->code == booking.code);
    CHECK(after->state == BookingState::Confirmed);
    CHECK(after->service_id == "phone-class");
    CHECK(after->slot_id == "talk-1");
    CHECK(after->start == local(12, 2, 15));
    CHECK(after->end == local(12, 2, 16));
    CHECK(after->place.in("en") == "Hall");  // the new slot's place, from the timetable
    CHECK(after->service_name.in("en") == "Smartphone class");
    CHECK(desk.bookings.bookings_for_phone(kPhone, kMonday10).size() == 1);

    // The same move again (a resent change) changes nothing.
    desk.bookings.apply_update(moved(booking.id, "talk-1", local(12, 2, 15), local(12, 2, 16)), kMonday10);
    CHECK(desk.bookings.find(booking.id)->slot_id == "talk-1");
}

TEST_CASE("booking move: a slot this kiosk's timetable does not know keeps the words it showed") {
    BookingDesk desk;
    const Booking booking = desk.bookings.request({weekly_id(2), kPhone, false}, kMonday10);
    desk.bookings.apply_update(moved(booking.id, "extra-9", local(12, 3, 14), local(12, 3, 15)), kMonday10);
    const auto after = desk.bookings.find(booking.id);
    CHECK(after->slot_id == "extra-9");
    CHECK(after->start == local(12, 3, 14));
    CHECK(after->place.in("en") == "Activity room");
}

TEST_CASE("booking move: a checked-in booking is confirmed again at its new time") {
    BookingDesk desk;
    const Booking booking = desk.bookings.request({weekly_id(2), kPhone, false}, kMonday10);
    desk.bookings.apply_update({{"kind", "booking"}, {"id", booking.id}, {"state", "confirmed"}}, kMonday10);
    desk.bookings.check_in(booking.id, kPhone, local(12, 2, 9, 15), std::chrono::minutes(30));
    REQUIRE(desk.bookings.find(booking.id)->state == BookingState::CheckedIn);
    desk.bookings.apply_update(moved(booking.id, weekly_id(3), local(12, 3, 9, 30), local(12, 3, 10, 30)), local(12, 2, 9, 20));
    CHECK(desk.bookings.find(booking.id)->state == BookingState::Confirmed);
    CHECK(desk.bookings.find(booking.id)->slot_id == weekly_id(3));
}

TEST_CASE("booking move: bad moves are refused and change nothing") {
    BookingDesk desk;
    const Booking booking = desk.bookings.request({weekly_id(2), kPhone, false}, kMonday10);
    const auto refused = [&](const json& update, const std::string& words) {
        CAPTURE(update.dump());
        try {
            desk.bookings.apply_update(update, kMonday10);
            FAIL("the move should have been refused");
        } catch (const BookingError& error) {
            CHECK(error.reason() == BookingError::Reason::BadUpdate);
            CHECK(std::string(error.what()).find(words) != std::string::npos);
        }
        CHECK(desk.bookings.find(booking.id)->slot_id == weekly_id(2));
    };
    json waiting = moved(booking.id, "talk-1", local(12, 2, 15), local(12, 2, 16));
    waiting["state"] = "waiting";
    refused(waiting, "a booking moved to another slot is confirmed, not waiting");
    json backwards = moved(booking.id, "talk-1", local(12, 2, 16), local(12, 2, 15));
    refused(backwards, "\"moved_to\" ends before it starts");
    json no_slot = moved(booking.id, "talk-1", local(12, 2, 15), local(12, 2, 16));
    no_slot["moved_to"].erase("slot_id");
    refused(no_slot, "it has no \"slot_id\"");
    json bad_time = moved(booking.id, "talk-1", local(12, 2, 15), local(12, 2, 16));
    bad_time["moved_to"]["starts_at"] = "Wednesday afternoon";
    refused(bad_time, "not an ISO 8601 UTC time");
    json text_move = moved(booking.id, "talk-1", local(12, 2, 15), local(12, 2, 16));
    text_move["moved_to"] = "talk-1";
    refused(text_move, "\"moved_to\" is not an object");

    desk.bookings.cancel(booking.id, kPhone, kMonday10);
    refused(moved(booking.id, "talk-1", local(12, 2, 15), local(12, 2, 16)), "is cancelled and cannot be moved");
}
