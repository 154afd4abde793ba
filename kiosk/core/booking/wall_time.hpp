#pragma once
// WallTime: a moment on the wall clock (system_clock), as bookings, slots and PIN locks
// use it. Stored in the local store as ISO 8601 UTC text (utc_time.hpp writes it);
// reading it back is here, since only what the booking core stores is ever read back.
#include <chrono>
#include <optional>
#include <string_view>

namespace qiao::core {

using WallTime = std::chrono::system_clock::time_point;

// "2026-11-27T10:23:35Z" or "2026-11-27T10:23:35.123Z" (what iso8601_utc and
// iso8601_utc_ms write); nullopt for anything else.
std::optional<WallTime> parse_utc_text(std::string_view text);

}  // namespace qiao::core
