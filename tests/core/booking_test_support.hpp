#pragma once
// What the booking and schedule tests share: a fixed "now", a small services file as
// JSON (each test changes the field it is about), and a store with a BookingService.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/booking/booking_service.hpp"
#include "core/booking/schedule.hpp"
#include "core/outbox/outbox.hpp"
#include "core/storage/local_store.hpp"

namespace qiao::test {

using namespace std::chrono_literals;

// Monday 2026-11-30, 10:00 at the site (+08:00) = 02:00Z.
inline const core::WallTime kMonday10 = std::chrono::system_clock::from_time_t(1796004000);

// Site-local wall time on a date of December 2026 (or 30 November), +08:00.
inline core::WallTime local(int month, int day, int hour, int minute = 0) {
    const std::chrono::sys_days date{std::chrono::year(2026) / std::chrono::month(static_cast<unsigned>(month)) /
                                     std::chrono::day(static_cast<unsigned>(day))};
    return core::WallTime(date) + std::chrono::hours(hour - 8) + std::chrono::minutes(minute);
}

// One class, weekly Monday to Saturday 09:30-10:30 for 2 people, closed on Sundays and
// on Tuesday 2026-12-08; and one slot written out, Wednesday 2 December 15:00-16:00,
// 3 seats of which 1 is left.
inline nlohmann::json small_services() {
    return nlohmann::json::parse(R"({
      "format": 1,
      "utc_offset": "+08:00",
      "services": [
        {"id": "phone-class", "kind": "class",
         "name": {"zh-CN": "智能手机课堂", "yue": "智能手機班", "en": "Smartphone class"},
         "rules": {"min_notice_minutes": 60, "max_days_ahead": 14, "closed_weekdays": ["sun"],
                   "closed_dates": ["2026-12-08"], "cancel_cutoff_minutes": 120}}
      ],
      "slots": [
        {"id": "talk-1", "service": "phone-class", "start": "2026-12-02T15:00", "end": "2026-12-02T16:00",
         "place": {"zh-CN": "一楼礼堂", "en": "Hall"}, "capacity": 3, "seats_left": 1}
      ],
      "weekly": [
        {"service": "phone-class", "weekday": "mon", "start": "09:30", "end": "10:30", "place": {"zh-CN": "二楼活动室", "en": "Activity room"}, "capacity": 2},
        {"service": "phone-class", "weekday": "tue", "start": "09:30", "end": "10:30", "place": {"zh-CN": "二楼活动室", "en": "Activity room"}, "capacity": 2},
        {"service": "phone-class", "weekday": "wed", "start": "09:30", "end": "10:30", "place": {"zh-CN": "二楼活动室", "en": "Activity room"}, "capacity": 2},
        {"service": "phone-class", "weekday": "thu", "start": "09:30", "end": "10:30", "place": {"zh-CN": "二楼活动室", "en": "Activity room"}, "capacity": 2},
        {"service": "phone-class", "weekday": "fri", "start": "09:30", "end": "10:30", "place": {"zh-CN": "二楼活动室", "en": "Activity room"}, "capacity": 2},
        {"service": "phone-class", "weekday": "sat", "start": "09:30", "end": "10:30", "place": {"zh-CN": "二楼活动室", "en": "Activity room"}, "capacity": 2}
      ]
    })");
}

inline std::string example_services_path() {
    return std::string(QIAO_SOURCE_DIR) + "/assets/services/example-services.json";
}

// A fresh in-memory store with the small services file loaded.
struct BookingDesk {
    core::LocalStore store = core::LocalStore::open_in_memory();
    core::Outbox outbox{store.db()};
    core::BookingService bookings{store.db(), outbox};

    explicit BookingDesk(const nlohmann::json& services = small_services()) {
        bookings.load_schedule(core::parse_schedule(services.dump(), "test.json"), "test", kMonday10);
    }

    std::int64_t count(const std::string& sql) {
        core::Statement statement(store.db(), sql);
        REQUIRE(statement.step());
        return statement.column_int(0);
    }
    std::string column(const std::string& booking_id, const std::string& name) {
        core::Statement statement(store.db(), "SELECT " + name + " FROM bookings WHERE id = ?");
        statement.bind(1, booking_id);
        REQUIRE(statement.step());
        return statement.column_text(0);
    }
    core::BookingError::Reason refusal(const core::BookingDraft& draft, core::WallTime now) {
        try {
            bookings.request(draft, now);
        } catch (const core::BookingError& error) {
            CHECK(std::string(error.what()).size() > 10);  // a sentence, not a code
            return error.reason();
        }
        FAIL("request should have been refused");
        return core::BookingError::Reason::BadUpdate;
    }
};

// The weekly slot's id on a December 2026 date.
inline std::string weekly_id(int day) {
    return "phone-class@2026-12-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + "T09:30";
}

}  // namespace qiao::test
