#pragma once
// A services file (docs/services-file.md) whose slots lie in the days after today, so
// the real clock finds them bookable: "class-1" .. "class-N" on the next N days at
// 10:00 UTC, each with the given capacity, for the service "phone-class".
#include <string>

namespace qiao::testing {

std::string services_with_future_slots(int slots, int capacity);

}  // namespace qiao::testing
