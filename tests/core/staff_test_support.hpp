#pragma once
// What the staff tests share: one argon2id hash of a known PIN (each hash costs about
// 0.1-0.5 s and 64 MiB, so it is made once per test run and reused), a "staff" change as
// the back office publishes it, and a store with the site's staff in it.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/booking_test_support.hpp"
#include "core/outbox/outbox.hpp"
#include "core/staff/staff_pin_hash.hpp"
#include "core/staff/staff_roster.hpp"
#include "core/storage/local_store.hpp"

namespace qiao::test {

inline const std::string kStaffPin = "246810";

inline const std::string& staff_pin_hash() {
    static const std::string hash = core::hash_staff_pin(kStaffPin);
    return hash;
}

inline nlohmann::json staff_change(const std::string& id, const std::string& name, const std::string& role = "volunteer",
                                   const std::string& pin_hash = staff_pin_hash(), bool active = true, int hours_minutes = 0) {
    return {{"kind", "staff"},     {"id", id},         {"name", name},  {"role", role},
            {"pin_hash", pin_hash}, {"active", active}, {"hours_minutes", hours_minutes}};
}

// An in-memory store holding two volunteers with PINs (Wang Wei with 135 minutes served),
// a manager, and a volunteer without a PIN.
struct StaffDesk {
    core::LocalStore store = core::LocalStore::open_in_memory();
    core::Outbox outbox{store.db()};
    core::StaffRoster roster{store.db()};

    StaffDesk() {
        roster.apply(staff_change("s-wang", "Wang Wei", "volunteer", staff_pin_hash(), true, 135), kMonday10);
        roster.apply(staff_change("s-li", "Li Na", "volunteer"), kMonday10);
        roster.apply(staff_change("s-chen", "Chen Jie", "manager"), kMonday10);
        roster.apply(staff_change("s-zhao", "Zhao Min", "volunteer", ""), kMonday10);
    }

    std::int64_t count(const std::string& sql) {
        core::Statement statement(store.db(), sql);
        REQUIRE(statement.step());
        return statement.column_int(0);
    }
};

}  // namespace qiao::test
