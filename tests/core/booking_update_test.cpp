// What the back office decided: confirmed, declined with other times to choose,
// attended, no-show, a seat from the waiting list; and what it may not say.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/booking/booking_rules.hpp"
#include "core/booking/booking_service.hpp"
#include "core/booking_test_support.hpp"

using namespace qiao::core;
using qiao::test::BookingDesk;
using qiao::test::kMonday10;
using qiao::test::local;
using qiao::test::weekly_id;
using json = nlohmann::json;

namespace {

const std::string kPhone = "13812345678";

json update(const std::string& id, const char* state) { return {{"kind", "booking"}, {"id", id}, {"state", state}}; }

// The update is refused as BadUpdate and the row is left exactly as it was.
void check_refused(BookingDesk& desk, const std::string& id, const json& bad) {
    CAPTURE(bad.dump());
    const std::string before = desk.column(id, "state") + "|" + desk.column(id, "decline_reason") + "|" +
                               desk.column(id, "alternatives") + "|" + desk.column(id, "updated_at");
    try {
        desk.bookings.apply_update(bad, kMonday10 + std::chrono::hours(5));
        FAIL("the update should have been refused");
    } catch (const BookingError& error) {
        CHECK(error.reason() == BookingError::Reason::BadUpdate);
        CHECK(std::string(error.what()).find("booking update refused") == 0);
    }
    const std::string after = desk.column(id, "state") + "|" + desk.column(id, "decline_reason") + "|" +
                              desk.column(id, "alternatives") + "|" + desk.column(id, "updated_at");
    CHECK(after == before);
}

}  // namespace

TEST_CASE("booking update: confirmed, then attended") {
    BookingDesk desk;
    const Booking booking = desk.bookings.request({weekly_id(1), kPhone, false}, kMonday10);
    desk.bookings.apply_update(update(booking.id, "confirmed"), kMonday10 + std::chrono::minutes(3));
    CHECK(desk.bookings.find(booking.id)->state == BookingState::Confirmed);
    CHECK(desk.column(booking.id, "updated_at") == "2026-11-30T02:03:00Z");
    desk.bookings.apply_update(update(booking.id, "confirmed"), kMonday10);  // resent: no harm
    desk.bookings.apply_update(update(booking.id, "attended"), local(12, 1, 11));
    CHECK(desk.bookings.find(booking.id)->state == BookingState::Attended);
    // The back office's updates are not sent back to it.
    CHECK(desk.outbox.depth() == 1);
}

TEST_CASE("booking update: declined with a reason and other times, alternatives() offers those still bookable") {
    BookingDesk desk;
    const Booking booking = desk.bookings.request({weekly_id(2), kPhone, false}, kMonday10);
    json declined = update(booking.id, "declined");
    declined["reason"] = "老师生病了";
    // Thursday's class, the talk, a slot gone from the timetable, Monday's class (already
    // started), a Sunday, and the booking's own slot.
    declined["alternatives"] = {weekly_id(3), "talk-1", "gone-slot", "phone-class@2026-11-30T09:30", weekly_id(6),
                                weekly_id(2)};
    desk.bookings.apply_update(declined, kMonday10);

    const Booking stored = *desk.bookings.find(booking.id);
    CHECK(stored.state == BookingState::Declined);
    CHECK(stored.decline_reason == "老师生病了");
    CHECK(stored.alternative_slot_ids.size() == 6);
    const auto choices = desk.bookings.alternatives(stored, kMonday10);
    REQUIRE(choices.size() == 2);
    CHECK(choices[0].slot.id == weekly_id(3));
    CHECK(choices[0].seats_left == 2);
    CHECK(choices[1].slot.id == "talk-1");
    CHECK(choices[1].seats_left == 1);
    // Half an hour before the talk it can no longer be booked: only Thursday is left.
    const auto later = desk.bookings.alternatives(stored, local(12, 2, 14, 30));
    REQUIRE(later.size() == 1);
    CHECK(later[0].slot.id == weekly_id(3));

    // Declined is final.
    check_refused(desk, booking.id, update(booking.id, "confirmed"));
    CHECK_THROWS_AS(desk.bookings.cancel(booking.id, kPhone, kMonday10), BookingError);
}

TEST_CASE("booking update: no-show, and a seat from the waiting list") {
    BookingDesk desk;
    const Booking first = desk.bookings.request({"talk-1", "13800000001", false}, kMonday10);
    const Booking second = desk.bookings.request({"talk-1", kPhone, false}, kMonday10);
    REQUIRE(second.state == BookingState::Waiting);

    desk.bookings.apply_update(update(first.id, "confirmed"), kMonday10);
    desk.bookings.apply_update(update(first.id, "cancelled"), kMonday10);  // the back office cancelled it
    desk.bookings.apply_update(update(second.id, "requested"), kMonday10);  // the freed seat, offered
    CHECK(desk.bookings.find(second.id)->state == BookingState::Requested);
    desk.bookings.apply_update(update(second.id, "confirmed"), kMonday10);
    desk.bookings.apply_update(update(second.id, "no_show"), local(12, 2, 17));
    CHECK(desk.bookings.find(second.id)->state == BookingState::NoShow);
    check_refused(desk, second.id, update(second.id, "attended"));

    // Another kiosk got the last seat first: a request goes to the waiting list.
    const Booking third = desk.bookings.request({weekly_id(1), kPhone, false}, kMonday10);
    desk.bookings.apply_update(update(third.id, "waiting"), kMonday10);
    CHECK(desk.bookings.find(third.id)->state == BookingState::Waiting);
}

TEST_CASE("booking update: a stale confirmation after check-in is ignored") {
    BookingDesk desk;
    const Booking booking = desk.bookings.request({weekly_id(1), kPhone, false}, kMonday10);
    desk.bookings.check_in(booking.id, kPhone, local(12, 1, 9, 20), std::chrono::minutes(30));
    desk.bookings.apply_update(update(booking.id, "confirmed"), kMonday10);
    CHECK(desk.bookings.find(booking.id)->state == BookingState::CheckedIn);
    desk.bookings.apply_update(update(booking.id, "attended"), kMonday10);
    CHECK(desk.bookings.find(booking.id)->state == BookingState::Attended);
}

TEST_CASE("booking update: illegal transitions, unknown ids and malformed updates change nothing") {
    BookingDesk desk;
    const Booking booking = desk.bookings.request({weekly_id(1), kPhone, false}, kMonday10);
    desk.bookings.cancel(booking.id, kPhone, kMonday10);
    check_refused(desk, booking.id, update(booking.id, "confirmed"));
    check_refused(desk, booking.id, update(booking.id, "attended"));
    check_refused(desk, booking.id, update(booking.id, "requested"));

    const Booking live = desk.bookings.request({weekly_id(2), kPhone, false}, kMonday10);
    check_refused(desk, live.id, update(live.id, "checked_in"));  // only the kiosk checks in
    check_refused(desk, live.id, update(live.id, "finished"));
    check_refused(desk, live.id, update("no-such-booking", "confirmed"));
    json wrong_kind = update(live.id, "confirmed");
    wrong_kind["kind"] = "help_request";
    check_refused(desk, live.id, wrong_kind);
    json no_kind = update(live.id, "confirmed");
    no_kind.erase("kind");
    check_refused(desk, live.id, no_kind);
    json number_id = update(live.id, "confirmed");
    number_id["id"] = 7;
    check_refused(desk, live.id, number_id);
    json bad_alternatives = update(live.id, "declined");
    bad_alternatives["alternatives"] = {weekly_id(3), 4};
    check_refused(desk, live.id, bad_alternatives);
    json bad_reason = update(live.id, "declined");
    bad_reason["reason"] = json::array();
    check_refused(desk, live.id, bad_reason);
    check_refused(desk, live.id, json::array());
    check_refused(desk, live.id, json("confirmed"));

    desk.bookings.apply_update(update(live.id, "confirmed"), kMonday10);
    check_refused(desk, live.id, update(live.id, "waiting"));
    check_refused(desk, live.id, update(live.id, "declined"));
}

TEST_CASE("booking rules: the transitions the back office may make") {
    using S = BookingState;
    CHECK(update_allowed(S::Requested, S::Confirmed));
    CHECK(update_allowed(S::Requested, S::Declined));
    CHECK(update_allowed(S::Waiting, S::Requested));
    CHECK(update_allowed(S::Confirmed, S::NoShow));
    CHECK(update_allowed(S::Confirmed, S::Confirmed));
    CHECK_FALSE(update_allowed(S::Declined, S::Confirmed));
    CHECK_FALSE(update_allowed(S::Attended, S::NoShow));
    CHECK_FALSE(update_allowed(S::NoShow, S::Attended));
    CHECK_FALSE(update_allowed(S::Cancelled, S::Requested));
    CHECK_FALSE(update_allowed(S::Confirmed, S::Requested));
    CHECK(plain_minutes(std::chrono::minutes(60)) == "1 hour");
    CHECK(plain_minutes(std::chrono::minutes(120)) == "2 hours");
    CHECK(plain_minutes(std::chrono::minutes(90)) == "90 minutes");
    CHECK(plain_minutes(std::chrono::minutes(1)) == "1 minute");
    CHECK(plain_minutes(std::chrono::minutes(0)) == "0 minutes");
}
