#pragma once
// Times written to the store and the outbox: UTC, ISO 8601, to the second or the
// millisecond (the outbox orders entries by it).
#include <chrono>
#include <string>

namespace qiao::core {

std::string iso8601_utc(std::chrono::system_clock::time_point time);     // 2026-11-27T10:23:35Z
std::string iso8601_utc_ms(std::chrono::system_clock::time_point time);  // 2026-11-27T10:23:35.123Z

}  // namespace qiao::core
