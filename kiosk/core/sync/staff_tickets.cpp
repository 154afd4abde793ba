#include "core/sync/staff_tickets.hpp"

#include <cctype>
#include <ctime>

namespace qiao::core {

namespace {

using json = nlohmann::json;

[[noreturn]] void bad(const std::string& what) {
    throw ReplyFormatError("the back office's answer is not what the protocol describes: " + what);
}

const json& object(const json& value, const std::string& what) {
    if (!value.is_object()) bad(what + " is not a JSON object");
    return value;
}

// A required text field.
std::string text(const json& o, const char* name, const std::string& what) {
    const auto it = o.find(name);
    if (it == o.end() || !it->is_string()) bad(what + " has no text \"" + name + "\"");
    return it->get<std::string>();
}

// An optional text field: "" when missing or null.
std::string optional_text(const json& o, const char* name, const std::string& what) {
    const auto it = o.find(name);
    if (it == o.end() || it->is_null()) return {};
    if (!it->is_string()) bad(what + ": \"" + name + "\" is not text");
    return it->get<std::string>();
}

// An optional true/false field: false when missing or null.
bool flag(const json& o, const char* name, const std::string& what) {
    const auto it = o.find(name);
    if (it == o.end() || it->is_null()) return false;
    if (!it->is_boolean()) bad(what + ": \"" + name + "\" is not true or false");
    return it->get<bool>();
}

json parse_answer(std::string_view body) {
    json answer = json::parse(body, nullptr, false);
    if (answer.is_discarded() || !answer.is_object()) bad("it is not a JSON object");
    const auto protocol = answer.find("protocol");
    if (protocol == answer.end() || !protocol->is_number_integer() || protocol->get<long long>() != 1)
        bad("\"protocol\" is not 1");
    return answer;
}

const json& member(const json& answer, const char* name) {
    const auto it = answer.find(name);
    if (it == answer.end()) bad(std::string("it has no \"") + name + "\"");
    return *it;
}

json parse_quietly(std::string_view body) {
    json answer = json::parse(body, nullptr, false);
    return answer.is_object() ? answer : json();
}

}  // namespace

StaffMemberRef staff_member_from_json(const json& value) {
    const json& o = object(value, "a staff member");
    StaffMemberRef ref;
    ref.id = text(o, "id", "a staff member");
    ref.first_name = text(o, "first_name", "a staff member");
    if (ref.id.empty()) bad("a staff member's \"id\" is empty");
    return ref;
}

HelpTicket help_ticket_from_json(const json& value) {
    const std::string what = "a help request";
    const json& o = object(value, what);
    HelpTicket t;
    t.id = text(o, "id", what);
    if (t.id.empty()) bad("a help request's \"id\" is empty");
    t.status = text(o, "status", what);
    if (t.status.empty()) bad("a help request's \"status\" is empty");
    t.kiosk_id = optional_text(o, "kiosk_id", what);
    t.kiosk_name = optional_text(o, "kiosk_name", what);
    t.category = optional_text(o, "category", what);
    t.urgent = flag(o, "urgent", what);
    t.phone = optional_text(o, "phone", what);
    t.at_station = flag(o, "at_station", what);
    t.has_voice = flag(o, "has_voice", what);
    t.created_at = optional_text(o, "created_at", what);
    t.respond_by = optional_text(o, "respond_by", what);
    if (const auto it = o.find("claimed_by"); it != o.end() && !it->is_null()) t.claimed_by = staff_member_from_json(*it);
    t.claimed_at = optional_text(o, "claimed_at", what);
    t.resolved_at = optional_text(o, "resolved_at", what);
    t.escalated = flag(o, "escalated", what);
    if (const auto it = o.find("helped"); it != o.end() && !it->is_null()) {
        if (!it->is_boolean()) bad("a help request's \"helped\" is not true, false or null");
        t.helped = it->get<bool>();
    }
    if (const auto it = o.find("notes"); it != o.end() && !it->is_null()) {
        if (!it->is_array()) bad("a help request's \"notes\" is not a list");
        for (const json& n : *it) {
            const json& note = object(n, "a note");
            HelpNote parsed;
            parsed.by = staff_member_from_json(member(note, "by"));
            parsed.text = text(note, "text", "a note");
            parsed.at = optional_text(note, "at", "a note");
            t.notes.push_back(std::move(parsed));
        }
    }
    return t;
}

DayBooking day_booking_from_json(const json& value) {
    const std::string what = "a booking";
    const json& o = object(value, what);
    DayBooking b;
    b.id = text(o, "id", what);
    if (b.id.empty()) bad("a booking's \"id\" is empty");
    b.state = text(o, "state", what);
    if (b.state.empty()) bad("a booking's \"state\" is empty");
    b.code = optional_text(o, "code", what);
    b.service_id = optional_text(o, "service_id", what);
    b.slot_id = optional_text(o, "slot_id", what);
    b.kiosk_id = optional_text(o, "kiosk_id", what);
    b.starts_at = optional_text(o, "starts_at", what);
    b.ends_at = optional_text(o, "ends_at", what);
    b.reason = optional_text(o, "reason", what);
    b.phone = optional_text(o, "phone", what);
    b.phone_masked = optional_text(o, "phone_masked", what);
    b.for_someone_else = flag(o, "for_someone_else", what);
    b.checked_in_at = optional_text(o, "checked_in_at", what);
    return b;
}

std::vector<HelpTicket> help_list_from_answer(std::string_view body) {
    const json answer = parse_answer(body);
    const json& requests = member(answer, "requests");
    if (!requests.is_array()) bad("\"requests\" is not a list");
    std::vector<HelpTicket> tickets;
    tickets.reserve(requests.size());
    for (const json& request : requests) tickets.push_back(help_ticket_from_json(request));
    return tickets;
}

HelpTicket help_ticket_from_answer(std::string_view body) {
    return help_ticket_from_json(member(parse_answer(body), "request"));
}

std::vector<DayBooking> day_bookings_from_answer(std::string_view body, std::string* date) {
    const json answer = parse_answer(body);
    const json& bookings = member(answer, "bookings");
    if (!bookings.is_array()) bad("\"bookings\" is not a list");
    if (date) *date = optional_text(answer, "date", "the answer");
    std::vector<DayBooking> day;
    day.reserve(bookings.size());
    for (const json& booking : bookings) day.push_back(day_booking_from_json(booking));
    return day;
}

DayBooking day_booking_from_answer(std::string_view body) {
    return day_booking_from_json(member(parse_answer(body), "booking"));
}

json figures_from_answer(std::string_view body) { return parse_answer(body); }

std::optional<StaffMemberRef> claimed_by_of_refusal(std::string_view body) {
    const json answer = parse_quietly(body);
    if (!answer.is_object()) return std::nullopt;
    const auto it = answer.find("claimed_by");
    if (it == answer.end()) return std::nullopt;
    try {
        return staff_member_from_json(*it);
    } catch (const ReplyFormatError&) {
        return std::nullopt;
    }
}

std::vector<std::string> alternatives_of_refusal(std::string_view body) {
    const json answer = parse_quietly(body);
    std::vector<std::string> slots;
    if (!answer.is_object()) return slots;
    const auto it = answer.find("alternatives");
    if (it == answer.end() || !it->is_array()) return slots;
    for (const json& slot : *it)
        if (slot.is_string()) slots.push_back(slot.get<std::string>());
    return slots;
}

std::string error_message_of(std::string_view body) {
    const json answer = parse_quietly(body);
    if (!answer.is_object()) return {};
    const auto it = answer.find("message");
    return it != answer.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::chrono::system_clock::time_point> parse_utc_time(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SS[.fff...]Z
    const auto digits = [&](std::size_t at, std::size_t count, int& out) {
        if (at + count > s.size()) return false;
        out = 0;
        for (std::size_t i = at; i < at + count; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (s.size() < 20 || !digits(0, 4, year) || s[4] != '-' || !digits(5, 2, month) || s[7] != '-' ||
        !digits(8, 2, day) || (s[10] != 'T' && s[10] != 't') || !digits(11, 2, hour) || s[13] != ':' ||
        !digits(14, 2, minute) || s[16] != ':' || !digits(17, 2, second))
        return std::nullopt;
    std::size_t at = 19;
    long long millis = 0;
    if (s[at] == '.') {
        ++at;
        const std::size_t start = at;
        int scale = 100;
        while (at < s.size() && std::isdigit(static_cast<unsigned char>(s[at]))) {
            millis += (s[at] - '0') * scale;
            scale /= 10;
            ++at;
        }
        if (at == start) return std::nullopt;
    }
    if (at + 1 != s.size() || (s[at] != 'Z' && s[at] != 'z')) return std::nullopt;
    using namespace std::chrono;
    const year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                             std::chrono::day(static_cast<unsigned>(day))};
    if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    return sys_days(ymd) + hours(hour) + minutes(minute) + seconds(second) + milliseconds(millis);
}

}  // namespace qiao::core
