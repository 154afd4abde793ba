#pragma once
// What the back office's staff endpoints answer, as typed values for the staff screens
// (docs/sync-protocol.md, "Volunteers and site managers"): a help request as staff see
// it (HelpTicket) and a booking of the day (DayBooking), read from their JSON.
//
// Reading is strict about what the screens rely on (an object, an "id", a "status" or
// "state", every field present of the type described) and tolerant of what a newer back
// office may add (unknown fields are ignored) or leave null (a null optional field reads
// as empty). A body that is not what the protocol describes throws ReplyFormatError
// (backoffice_reply.hpp), which StaffLink answers as "bad_answer".
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/sync/backoffice_reply.hpp"

namespace qiao::core {

// A staff member as a senior may hear of them: the id and the first word of the name.
struct StaffMemberRef {
    std::string id;
    std::string first_name;
    bool operator==(const StaffMemberRef&) const = default;
};

struct HelpNote {
    StaffMemberRef by;
    std::string text;
    std::string at;  // ISO 8601 UTC
};

struct HelpTicket {
    std::string id;
    std::string kiosk_id;
    std::string kiosk_name;
    std::string category;  // "scam", "phone", ... as the kiosk sent it
    bool urgent = false;
    std::string phone;  // the full number: staff only
    bool at_station = false;
    bool has_voice = false;
    std::string created_at;  // ISO 8601 UTC, as sent
    std::string respond_by;  // ISO 8601 UTC, as sent
    std::string status;      // "open", "taken", "resolved"
    std::optional<StaffMemberRef> claimed_by;  // nullopt while open
    std::string claimed_at;                    // "" while open
    std::string resolved_at;                   // "" until resolved
    bool escalated = false;
    std::optional<bool> helped;  // the senior's "did it help?", nullopt until given
    std::vector<HelpNote> notes;  // oldest first
};

struct DayBooking {
    std::string id;
    std::string code;  // "K7P2QA"
    std::string service_id;
    std::string slot_id;
    std::string kiosk_id;
    std::string starts_at;  // ISO 8601 UTC
    std::string ends_at;
    std::string state;   // confirmed, checked_in, waiting, cancelled, attended, no_show
    std::string reason;  // the attendance reason, "" if none
    std::string phone;
    std::string phone_masked;  // "138****5678"
    bool for_someone_else = false;
    std::string checked_in_at;  // "" until checked in
};

// One help request / booking object. Throws ReplyFormatError naming what is wrong.
HelpTicket help_ticket_from_json(const nlohmann::json& request);
DayBooking day_booking_from_json(const nlohmann::json& booking);
StaffMemberRef staff_member_from_json(const nlohmann::json& member);

// Whole answers ({"protocol": 1, ...}); `body` is the answer's text. Each throws
// ReplyFormatError when the body is not JSON, "protocol" is not 1, or a part is wrong.
std::vector<HelpTicket> help_list_from_answer(std::string_view body);         // {"requests": [...]}
HelpTicket help_ticket_from_answer(std::string_view body);                     // {"request": {...}}
std::vector<DayBooking> day_bookings_from_answer(std::string_view body, std::string* date = nullptr);  // {"date", "bookings"}
DayBooking day_booking_from_answer(std::string_view body);                     // {"booking": {...}}
nlohmann::json figures_from_answer(std::string_view body);                     // the whole object, protocol checked

// What a refusal carries besides "error" and "message": the holder of an already
// claimed request ("claimed_by"), the free slots offered instead of a full one
// ("alternatives"). Empty when the body has none or is not JSON; never throws.
std::optional<StaffMemberRef> claimed_by_of_refusal(std::string_view body);
std::vector<std::string> alternatives_of_refusal(std::string_view body);
// The "message" of a JSON error answer; "" if none.
std::string error_message_of(std::string_view body);

// "2026-11-27T08:30:00Z" (fractions of a second allowed, "Z" required) as a time; nullopt
// for anything else. For countdowns: respond_by minus now.
std::optional<std::chrono::system_clock::time_point> parse_utc_time(std::string_view text);

}  // namespace qiao::core
