#pragma once
// The checks of a services file that need more than one field (used by
// schedule_parse.cpp only): slots that clash with each other, and slots on the days
// their own service says it is closed.
#include <string>
#include <vector>

#include "core/booking/schedule.hpp"
#include "core/booking/schedule_reader.hpp"

namespace qiao::core::schedule_file {

// What was read without problems, with where each slot and pattern came from.
struct ScheduleParts {
    const std::vector<Service>& services;
    const std::vector<Slot>& slots;
    const std::vector<std::string>& slot_where;  // "slots[3]", one per slot
    const std::vector<WeeklySlot>& weekly;
    const std::vector<std::string>& weekly_where;  // "weekly[1]", one per pattern
    int utc_offset_minutes = 0;
};

// Two slots of one service at one place must not overlap (a room cannot hold two
// sittings at once; two lists of seats for one room would overbook it); two weekly
// patterns of one service must not start at the same time on the same weekday (they
// would get the same id); a slot must not fall on a date its service is closed.
void check_slots_fit(const ScheduleParts& parts, Problems& problems);

}  // namespace qiao::core::schedule_file
