// After booking: cancelling, checking in, "my bookings", and the full number leaving
// once the back office has it.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/booking/booking_service.hpp"
#include "core/booking_test_support.hpp"

using namespace qiao::core;
using qiao::test::BookingDesk;
using qiao::test::kMonday10;
using qiao::test::local;
using qiao::test::weekly_id;
using Reason = BookingError::Reason;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

const std::string kPhone = "13812345678";
const std::string kOtherPhone = "13900001111";

template <typename Call>
Reason reason_of(Call call) {
    try {
        call();
    } catch (const BookingError& error) {
        return error.reason();
    }
    FAIL("the call should have been refused");
    return Reason::BadUpdate;
}

void set_state(BookingDesk& desk, const std::string& id, const char* state) {
    desk.bookings.apply_update({{"kind", "booking"}, {"id", id}, {"state", state}}, kMonday10);
}

}  // namespace

TEST_CASE("booking: cancel only by the number that booked it, only once, only until the cut-off") {
    BookingDesk desk;
    // Tuesday 09:30; the cut-off is 120 minutes: cancelling closes at 07:30.
    const Booking booking = desk.bookings.request({weekly_id(1), kPhone, false}, kMonday10);
    const WallTime cutoff = local(12, 1, 7, 30);

    CHECK(reason_of([&] { desk.bookings.cancel(booking.id, kOtherPhone, kMonday10); }) == Reason::NotYours);
    CHECK(reason_of([&] { desk.bookings.cancel(booking.id, "", kMonday10); }) == Reason::NotYours);
    CHECK(reason_of([&] { desk.bookings.cancel("no-such-booking", kPhone, kMonday10); }) == Reason::NotYours);
    CHECK(reason_of([&] { desk.bookings.cancel(booking.id, kPhone, cutoff + seconds(1)); }) ==
          Reason::PastCancelCutoff);
    CHECK(desk.column(booking.id, "state") == "requested");
    CHECK(desk.outbox.depth() == 1);

    CHECK(desk.bookings.can_cancel(booking, cutoff));
    CHECK_FALSE(desk.bookings.can_cancel(booking, cutoff + seconds(1)));
    desk.bookings.cancel(booking.id, kPhone, cutoff);  // the minute of the cut-off still counts
    CHECK(desk.column(booking.id, "state") == "cancelled");
    const auto entries = desk.outbox.next_batch(10);
    REQUIRE(entries.size() == 2);
    CHECK(entries[1].kind == "booking_cancel");
    CHECK(entries[1].body["id"] == booking.id);
    CHECK(entries[1].body["code"] == booking.code);
    CHECK(entries[1].body["cancelled_at"] == "2026-11-30T23:30:00Z");

    CHECK(reason_of([&] { desk.bookings.cancel(booking.id, kPhone, kMonday10); }) == Reason::WrongState);
    CHECK(desk.outbox.depth() == 2);
    CHECK_FALSE(desk.bookings.can_cancel(*desk.bookings.find(booking.id), kMonday10));
}

TEST_CASE("booking: waiting and confirmed bookings can be cancelled, attended and declined ones cannot") {
    BookingDesk desk;
    const Booking waiting = desk.bookings.request({"talk-1", kPhone, false}, kMonday10);
    const Booking second = desk.bookings.request({"talk-1", kOtherPhone, false}, kMonday10);
    REQUIRE(second.state == BookingState::Waiting);
    desk.bookings.cancel(second.id, kOtherPhone, kMonday10);

    const Booking confirmed = desk.bookings.request({weekly_id(1), kPhone, false}, kMonday10);
    set_state(desk, confirmed.id, "confirmed");
    desk.bookings.cancel(confirmed.id, kPhone, kMonday10);
    CHECK(desk.column(confirmed.id, "state") == "cancelled");

    const Booking declined = desk.bookings.request({weekly_id(2), kPhone, false}, kMonday10);
    set_state(desk, declined.id, "declined");
    CHECK(reason_of([&] { desk.bookings.cancel(declined.id, kPhone, kMonday10); }) == Reason::WrongState);
    (void)waiting;
}

TEST_CASE("booking: check-in opens `window` before the start and closes at the end") {
    BookingDesk desk;
    const Booking booking = desk.bookings.request({weekly_id(1), kPhone, false}, kMonday10);
    const minutes window{30};
    const WallTime opens = local(12, 1, 9, 0), ends = local(12, 1, 10, 30);

    CHECK_FALSE(desk.bookings.check_in_open(booking, opens - seconds(1), window));
    CHECK(desk.bookings.check_in_open(booking, opens, window));
    CHECK(desk.bookings.check_in_open(booking, ends - seconds(1), window));
    CHECK_FALSE(desk.bookings.check_in_open(booking, ends, window));

    CHECK(reason_of([&] { desk.bookings.check_in(booking.id, kPhone, opens - seconds(1), window); }) ==
          Reason::CheckInNotOpen);
    CHECK(reason_of([&] { desk.bookings.check_in(booking.id, kPhone, ends, window); }) == Reason::CheckInNotOpen);
    CHECK(reason_of([&] { desk.bookings.check_in(booking.id, kOtherPhone, opens, window); }) == Reason::NotYours);
    CHECK(desk.column(booking.id, "state") == "requested");

    desk.bookings.check_in(booking.id, kPhone, opens, window);
    CHECK(desk.column(booking.id, "state") == "checked_in");
    const auto entries = desk.outbox.next_batch(10);
    REQUIRE(entries.size() == 2);
    CHECK(entries[1].kind == "booking_check_in");
    CHECK(entries[1].body["id"] == booking.id);
    CHECK(entries[1].body["checked_in_at"] == "2026-12-01T01:00:00Z");

    CHECK(reason_of([&] { desk.bookings.check_in(booking.id, kPhone, opens, window); }) == Reason::WrongState);
    CHECK_FALSE(desk.bookings.check_in_open(*desk.bookings.find(booking.id), opens, window));
}

TEST_CASE("booking: a confirmed booking checks in up to the last second, a waiting one cannot") {
    BookingDesk desk;
    const Booking confirmed = desk.bookings.request({weekly_id(1), kPhone, false}, kMonday10);
    set_state(desk, confirmed.id, "confirmed");
    desk.bookings.check_in(confirmed.id, kPhone, local(12, 1, 10, 30) - seconds(1), minutes(15));
    CHECK(desk.column(confirmed.id, "state") == "checked_in");

    desk.bookings.request({"talk-1", kOtherPhone, false}, kMonday10);
    const Booking waiting = desk.bookings.request({"talk-1", kPhone, false}, kMonday10);
    REQUIRE(waiting.state == BookingState::Waiting);
    CHECK(reason_of([&] { desk.bookings.check_in(waiting.id, kPhone, local(12, 2, 15, 0), minutes(15)); }) ==
          Reason::WrongState);
}

TEST_CASE("booking: my bookings: upcoming soonest first, then the last 90 days newest first") {
    nlohmann::json services = qiao::test::small_services();
    services["services"][0]["rules"]["max_days_ahead"] = 365;
    BookingDesk desk(services);
    // Made at different times, so that "now" later sees some of them as past.
    const Booking old = desk.bookings.request({weekly_id(1), kPhone, false}, kMonday10);  // 1 Dec
    const Booking mid = desk.bookings.request({weekly_id(3), kPhone, false}, kMonday10);  // 3 Dec
    const Booking next = desk.bookings.request({weekly_id(10), kPhone, false}, kMonday10);
    const Booking later = desk.bookings.request({"phone-class@2026-12-31T09:30", kPhone, false}, kMonday10);
    const Booking soon = desk.bookings.request({weekly_id(9), kPhone, false}, kMonday10);
    const Booking far_past = desk.bookings.request({weekly_id(2), kPhone, false}, kMonday10);  // 2 Dec
    desk.bookings.request({weekly_id(1), kOtherPhone, false}, kMonday10);

    // Seen on 5 December: 1, 2 and 3 December are past.
    const auto ids = [](const std::vector<Booking>& bookings) {
        std::vector<std::string> out;
        for (const Booking& b : bookings) out.push_back(b.id);
        return out;
    };
    const WallTime now = local(12, 5, 12);
    CHECK(ids(desk.bookings.bookings_for_phone(kPhone, now)) ==
          std::vector<std::string>{soon.id, next.id, later.id, mid.id, far_past.id, old.id});
    CHECK(desk.bookings.bookings_for_phone(kOtherPhone, now).size() == 1);
    CHECK(desk.bookings.bookings_for_phone("13800000000", now).empty());
    CHECK(desk.bookings.bookings_for_phone("not a number", now).empty());

    // A booking still running counts as upcoming.
    const auto during = desk.bookings.bookings_for_phone(kPhone, local(12, 1, 10, 0));
    REQUIRE(!during.empty());
    CHECK(during[0].id == old.id);

    // 90 days after 2 December, 1 December is gone from the list but 2 December is not.
    const WallTime ninety = local(12, 2, 9, 30) + std::chrono::days(90);
    const auto after = ids(desk.bookings.bookings_for_phone(kPhone, ninety));
    CHECK(std::find(after.begin(), after.end(), old.id) == after.end());
    CHECK(std::find(after.begin(), after.end(), far_past.id) != after.end());
    CHECK(after.back() == far_past.id);
}

TEST_CASE("booking: acknowledged drops the full number, my bookings still finds it, masked") {
    BookingDesk desk;
    const Booking booking = desk.bookings.request({weekly_id(1), kPhone, false}, kMonday10);
    const Booking other = desk.bookings.request({weekly_id(2), kPhone, false}, kMonday10);
    CHECK(desk.column(booking.id, "contact_phone") == kPhone);

    desk.bookings.acknowledged(booking.id);
    CHECK(desk.column(booking.id, "contact_phone").empty());
    CHECK(desk.column(booking.id, "contact_masked") == "138****5678");
    CHECK(desk.column(other.id, "contact_phone") == kPhone);  // not acknowledged yet

    const auto found = desk.bookings.bookings_for_phone(kPhone, kMonday10);
    REQUIRE(found.size() == 2);
    CHECK(found[0].id == booking.id);
    CHECK(found[0].contact_masked == "138****5678");
    // And the number can still cancel it: the hash is what is compared.
    desk.bookings.cancel(booking.id, kPhone, kMonday10);

    desk.bookings.acknowledged(booking.id);  // again: nothing more
    desk.bookings.acknowledged("no-such-booking");
    CHECK(desk.count("SELECT COUNT(*) FROM bookings") == 2);
}

TEST_CASE("booking: a Booking never carries the full number") {
    BookingDesk desk;
    const Booking made = desk.bookings.request({weekly_id(1), kPhone, true}, kMonday10);
    std::vector<Booking> seen = {made, *desk.bookings.find(made.id)};
    for (const Booking& b : desk.bookings.bookings_for_phone(kPhone, kMonday10)) seen.push_back(b);
    for (const Booking& b : seen) {
        std::string all = b.id + b.code + b.service_id + b.slot_id + b.contact_masked + b.decline_reason;
        for (const auto& [language, words] : b.service_name.by_language) all += words;
        for (const auto& [language, words] : b.place.by_language) all += words;
        for (const auto& id : b.alternative_slot_ids) all += id;
        CHECK(all.find(kPhone) == std::string::npos);
        CHECK(all.find("12345678") == std::string::npos);
        CHECK(b.contact_masked == "138****5678");
    }
}
