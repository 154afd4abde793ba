// Pulling staff mode's changes: the site's staff, and bookings staff moved.
#include <doctest/doctest.h>

#include <string>

#include "core/staff/staff_roster.hpp"
#include "core/sync/pulled_changes.hpp"
#include "core/sync_test_support.hpp"
#include "core/time/utc_time.hpp"

using nlohmann::json;
using qiao::core::BookingState;
using qiao::core::PulledChanges;
using qiao::core::StaffRoster;
using qiao::test::FakeBackoffice;
using qiao::test::SyncDesk;

namespace {

// An argon2id string in form only: the roster stores it, nothing here checks a PIN.
const std::string kHash = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";

json page(json changes, long long next_after) {
    return {{"protocol", 1}, {"changes", std::move(changes)}, {"next_after", next_after}, {"more", false}};
}
json change(long long seq, const std::string& kind, json data) { return {{"seq", seq}, {"kind", kind}, {"data", std::move(data)}}; }
json staff(const std::string& id, const std::string& role, int hours) {
    return {{"kind", "staff"}, {"id", id}, {"name", "Wang Wei"}, {"role", role}, {"pin_hash", kHash}, {"active", true},
            {"hours_minutes", hours}};
}

}  // namespace

TEST_CASE("Pull: staff changes reach the roster, one with a bad field is logged, skipped and the rest applied") {
    SyncDesk desk;
    json bad = staff("s-wang", "boss", 200);
    FakeBackoffice office;
    office.queue_json(200, page({change(1, "staff", staff("s-wang", "volunteer", 135)),
                                 change(2, "staff", bad),
                                 change(3, "staff", staff("s-li", "manager", 0))},
                                3));
    PulledChanges pull(office, desk.stores, desk.log);
    CHECK(pull.pull_all().done());
    CHECK(pull.cursor() == 3);
    StaffRoster roster(desk.store.db());
    const auto wang = roster.find("s-wang");
    REQUIRE(wang.has_value());
    CHECK(wang->hours_minutes == 135);  // as change 1 left it: change 2 was refused whole
    CHECK_FALSE(wang->is_manager());
    CHECK(roster.find("s-li")->is_manager());
    CHECK(desk.logged("pulled change 2 (staff) skipped: staff change refused: \"role\" for staff s-wang is \"boss\", "
                      "not volunteer or manager"));
    // The hash is never written to the log.
    for (const std::string& line : desk.log.lines()) CHECK(line.find("argon2id$v=19") == std::string::npos);
}

TEST_CASE("Pull: a booking staff moved to another slot is moved here too") {
    SyncDesk desk;
    const auto booking = desk.book();
    FakeBackoffice office;
    office.queue_json(200, page({change(5, "booking",
                                        {{"kind", "booking"},
                                         {"id", booking.id},
                                         {"state", "confirmed"},
                                         {"moved_to",
                                          {{"service_id", "phone-class"},
                                           {"slot_id", "talk-1"},
                                           {"starts_at", qiao::core::iso8601_utc(qiao::test::local(12, 2, 15))},
                                           {"ends_at", qiao::core::iso8601_utc(qiao::test::local(12, 2, 16))}}}})},
                                5));
    PulledChanges pull(office, desk.stores, desk.log);
    const auto step = pull.pull_all();
    CHECK(step.done());
    CHECK(step.changes.bookings);
    const auto after = desk.bookings.find(booking.id);
    CHECK(after->state == BookingState::Confirmed);
    CHECK(after->slot_id == "talk-1");
    CHECK(after->start == qiao::test::local(12, 2, 15));
    CHECK(after->code == booking.code);
}
