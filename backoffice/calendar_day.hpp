#pragma once
// Calendar days as the figures and heartbeats write them: "YYYY-MM-DD", a date on a
// site's own clock (so a class at 09:00 in Beijing counts on that day, not the UTC one).
#include <chrono>
#include <string>
#include <string_view>

namespace qiao::backoffice {

// True for a real date written YYYY-MM-DD (2026-02-30 is not one).
bool is_calendar_day(std::string_view text);

// The date of `moment` on a clock `utc_offset_minutes` ahead of UTC.
std::string calendar_day_of(std::chrono::system_clock::time_point moment, int utc_offset_minutes);

}  // namespace qiao::backoffice
