#include "core/help/opening_hours.hpp"

#include <cctype>
#include <stdexcept>
#include <string>

#include "core/booking/schedule_reader.hpp"

namespace qiao::core {

namespace {

constexpr std::string_view kDayNames[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
constexpr int kMinutesPerDay = 24 * 60;

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

bool all_digits(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
}

// "8:30" or "08:30" -> minutes after midnight (24:00 allowed); -1 when it is not a time.
int clock_minutes(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) return -1;
    const std::string_view h = text.substr(0, colon);
    const std::string_view m = text.substr(colon + 1);
    if (!all_digits(h) || h.size() > 2 || !all_digits(m) || m.size() != 2) return -1;
    const int hour = std::stoi(std::string(h));
    const int minute = std::stoi(std::string(m));
    if (hour > 24 || minute > 59 || (hour == 24 && minute != 0)) return -1;
    return hour * 60 + minute;
}

void parse_hours(std::string_view text, OpeningHours& out) {
    const std::string_view hours = trim(text);
    const auto dash = hours.find('-');
    const std::string what = "hours " + quoted(hours);
    if (dash == std::string_view::npos) {
        throw std::invalid_argument(what + ": write opening and closing time as HH:MM-HH:MM, e.g. 08:30-17:30");
    }
    const std::string_view open_text = trim(hours.substr(0, dash));
    const std::string_view close_text = trim(hours.substr(dash + 1));
    const int open = clock_minutes(open_text);
    const int close = clock_minutes(close_text);
    if (open < 0 || open >= kMinutesPerDay) {
        throw std::invalid_argument(what + ": " + quoted(open_text) + " is not a time of day (use HH:MM, 00:00 to 23:59)");
    }
    if (close < 0) {
        throw std::invalid_argument(what + ": " + quoted(close_text) + " is not a time of day (use HH:MM, 00:00 to 24:00)");
    }
    if (close <= open) {
        throw std::invalid_argument(what + ": closing time must be later than opening time on the same day");
    }
    out.open_minute = open;
    out.close_minute = close;
}

int day_index(std::string_view name, std::string_view whole) {
    const std::string key = lower(trim(name));
    for (int i = 0; i < 7; ++i) {
        if (kDayNames[i] == key) return i;
    }
    throw std::invalid_argument("days " + quoted(whole) + ": " + quoted(trim(name)) +
                                " is not a day (use mon, tue, wed, thu, fri, sat, sun)");
}

void parse_days(std::string_view text, OpeningHours& out) {
    const std::string_view days = trim(text);
    if (days.empty()) throw std::invalid_argument("days \"\": name at least one day, e.g. mon-sat or mon,wed,fri");
    std::array<bool, 7> open_on{};
    std::string_view rest = days;
    while (true) {
        const auto comma = rest.find(',');
        const std::string_view part = trim(rest.substr(0, comma));
        if (part.empty()) {
            throw std::invalid_argument("days " + quoted(days) + ": an empty entry between commas");
        }
        const auto dash = part.find('-');
        if (dash == std::string_view::npos) {
            open_on[day_index(part, days)] = true;
        } else {
            // A range may wrap past Saturday: "sat-mon" is Saturday, Sunday, Monday.
            const int first = day_index(part.substr(0, dash), days);
            const int last = day_index(part.substr(dash + 1), days);
            for (int d = first;; d = (d + 1) % 7) {
                open_on[d] = true;
                if (d == last) break;
            }
        }
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
    }
    out.open_on = open_on;
}

void parse_offset(std::string_view text, OpeningHours& out) {
    // One reading of "+08:00" for the whole kiosk: the services file's.
    const std::string_view offset = trim(text);
    const auto minutes = schedule_file::parse_utc_offset(offset);
    if (!minutes)
        throw std::invalid_argument("utc_offset " + quoted(offset) +
                                    ": write the site's offset from UTC as +HH:MM or -HH:MM, from -12:00 to +14:00, e.g. +08:00");
    out.utc_offset_minutes = *minutes;
}

}  // namespace

OpeningHours parse_opening_hours(std::string_view hours, std::string_view days, std::string_view utc_offset) {
    OpeningHours out;
    parse_hours(hours, out);
    parse_days(days, out);
    parse_offset(utc_offset, out);
    return out;
}

std::chrono::system_clock::time_point respond_by(std::chrono::system_clock::time_point now,
                                                 std::chrono::minutes deadline, const OpeningHours& hours) {
    using namespace std::chrono;
    if (deadline < minutes(0)) throw std::invalid_argument("respond_by: the deadline must not be negative");
    bool any_day = false;
    for (bool open : hours.open_on) any_day = any_day || open;
    if (!any_day || hours.open_minute < 0 || hours.close_minute > kMinutesPerDay ||
        hours.open_minute >= hours.close_minute) {
        throw std::invalid_argument("respond_by: the opening hours are never open (no open day, or opening not before closing)");
    }

    // Work in the site's local time as if it were UTC, so days and weekdays fall right.
    const minutes offset(hours.utc_offset_minutes);
    auto local = now + offset;
    auto remaining = duration_cast<system_clock::duration>(deadline);
    // At most a week of closed days lies between two open minutes; deadlines are
    // bounded by the config (a week at most), so this walks a few dozen days at worst.
    while (true) {
        const sys_days day = floor<days>(local);
        const auto opens = day + minutes(hours.open_minute);
        const auto closes = day + minutes(hours.close_minute);
        if (hours.open_on[weekday(day).c_encoding()] && local < closes) {
            if (local < opens) local = opens;
            const auto available = closes - local;
            if (remaining <= available) return local + remaining - offset;
            remaining -= available;
        }
        local = day + days(1);
    }
}

}  // namespace qiao::core
