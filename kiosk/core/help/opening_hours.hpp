#pragma once
// OpeningHours: when the site's staff answer help requests, in the site's local time.
// A volunteer's response deadline counts only minutes when someone is there: a senior
// who asks at 16:00 with 4 hours to answer hears "by 11:00 tomorrow", not "by 20:00",
// and a request made at night starts counting at opening.
//
// The site's offset from UTC is fixed (mainland China keeps no daylight saving time);
// a site that needs one gives the offset it keeps.
#include <array>
#include <chrono>
#include <string_view>

namespace qiao::core {

struct OpeningHours {
    int open_minute = 8 * 60 + 30;   // minutes after local midnight
    int close_minute = 17 * 60 + 30;  // the first minute closed again; after open_minute, at most 24:00
    std::array<bool, 7> open_on{false, true, true, true, true, true, true};  // index 0 = Sunday
    int utc_offset_minutes = 480;     // local time = UTC + this
};

// hours "08:30-17:30" (24:00 may close the day), days "mon-sat", "mon,tue,fri" or both
// mixed ("mon-wed,fri"; a range may wrap: "sat-mon"), utc_offset "+08:00" / "-05:30".
// Spaces around the parts are ignored, letter case too. Throws std::invalid_argument
// with a plain message naming the bad part, e.g. `days "mon-sut": "sut" is not a day
// (use mon, tue, wed, thu, fri, sat, sun)`.
OpeningHours parse_opening_hours(std::string_view hours, std::string_view days, std::string_view utc_offset);

// The moment `deadline` open minutes after `now` have passed. Counting starts at now
// when open, else at the next opening; a deadline that ends exactly at closing time
// ends then (not at the next opening). A zero deadline gives now, or the next opening.
// Throws std::invalid_argument for a negative deadline, or hours that are never open
// (no open day, or open_minute not before close_minute).
std::chrono::system_clock::time_point respond_by(std::chrono::system_clock::time_point now,
                                                 std::chrono::minutes deadline, const OpeningHours& hours);

}  // namespace qiao::core
