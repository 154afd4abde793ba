// parse_schedule on thousands of mutated and truncated services files: the only thing
// it may do with garbage is throw ScheduleError with a message; what it does accept
// must then be usable (slots asked for, ids looked up) without surprises.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/booking/schedule.hpp"
#include "core/booking_test_support.hpp"
#include "core/fuzz_support.hpp"
#include "core/storage_temp_dir.hpp"

using namespace qiao::core;
using qiao::test::mutate;
using qiao::test::Random;

namespace {

// Everything a kiosk does with a loaded timetable.
void use(const Schedule& schedule) {
    const LocalDate today = schedule.local_date(qiao::test::kMonday10);
    for (const Service& service : schedule.services()) {
        (void)text_in(service.name, "yue");
        for (int ahead = 0; ahead < 8; ++ahead) {
            for (const Slot& slot : schedule.slots_on(service.id, add_days(today, ahead))) {
                REQUIRE(slot.end > slot.start);
                REQUIRE(slot.seats_left >= 0);
                REQUIRE(slot.seats_left <= slot.capacity);
                REQUIRE(schedule.slot(slot.id, qiao::test::kMonday10) != nullptr);
            }
        }
    }
}

}  // namespace

TEST_CASE("fuzz: parse_schedule throws only ScheduleError, and what loads can be used") {
    const std::vector<std::string> corpus = {
        qiao::test::read_bytes(qiao::test::example_services_path()),
        qiao::test::small_services().dump(),
        qiao::test::small_services().dump(1),
    };
    REQUIRE(corpus[0].size() > 1000);
    Random random(0x5C4EDull);
    int runs = 0, refused = 0;
    std::vector<std::string> failures;
    for (int i = 0; i < 4000; ++i) {
        const std::string input = mutate(random, corpus);
        ++runs;
        try {
            use(parse_schedule(input, "fuzz.json"));
        } catch (const ScheduleError& error) {
            ++refused;
            if (error.problems().empty() || std::string(error.what()).empty())
                failures.push_back("ScheduleError without a problem for input of " + std::to_string(input.size()) +
                                   " bytes");
        } catch (const std::exception& error) {
            failures.push_back(std::string("undocumented exception: ") + error.what());
        }
        if (failures.size() >= 10) break;
    }
    MESSAGE("parse_schedule: " << runs << " inputs, " << refused << " refused with a plain error");
    for (const auto& failure : failures) MESSAGE(failure);
    CHECK(failures.empty());
    CHECK(refused < runs);  // some mutations (inside texts) still load: the use() path is tested too
    CHECK(refused > runs / 2);
}
