#include "core/time/utc_time.hpp"

#include <cstdio>
#include <ctime>

namespace qiao::core {

namespace {

std::string seconds_part(std::chrono::system_clock::time_point time) {
    const std::time_t seconds =
        std::chrono::system_clock::to_time_t(std::chrono::time_point_cast<std::chrono::seconds>(time));
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    return text;
}

}  // namespace

std::string iso8601_utc(std::chrono::system_clock::time_point time) { return seconds_part(time) + "Z"; }

std::string iso8601_utc_ms(std::chrono::system_clock::time_point time) {
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count() % 1000;
    char out[8];
    std::snprintf(out, sizeof out, ".%03dZ", static_cast<int>(millis));
    return seconds_part(time) + out;
}

}  // namespace qiao::core
