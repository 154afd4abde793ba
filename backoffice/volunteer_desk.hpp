#pragma once
// VolunteerDesk: what volunteers and site managers do with their site's work
// (docs/sync-protocol.md, "Volunteers and site managers"): the help queue (list,
// listen, claim, note, resolve, escalation of what nobody took in time) and the
// day's bookings with their attendance. No HTTP here: the staff routes call it under
// BackOffice::lock. Every answer is one site's data only; another site's request or
// booking is refused as unknown (ApiError 404), so its existence does not leak.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backoffice/booking_desk.hpp"
#include "backoffice/change_feed.hpp"
#include "backoffice/enrolment.hpp"

namespace qiao::backoffice {

// Notes and resolve notes: enough for "called her back, will visit Tuesday", not a file.
inline constexpr std::size_t kMaxNoteCharacters = 2000;
// Staff's words on a no-show ("phoned, she was ill"), sent on to the kiosk.
inline constexpr std::size_t kMaxAttendanceReasonCharacters = 500;
// With ?status=all, only this many resolved requests (the latest) come after the open ones.
inline constexpr int kMaxResolvedListed = 200;

enum class HelpListFilter { Unresolved, All };

// The answer to a claim or a resolve: who has the request now, and the request as the
// list shows it. `ours` false: someone else was first (the caller changed nothing).
struct HelpTakeResult {
    bool ours = false;
    nlohmann::json request;
};

class VolunteerDesk {
public:
    VolunteerDesk(core::Database& db, ChangeFeed& feed, BookingDesk& bookings) : db_(db), feed_(feed), bookings_(bookings) {}

    // Marks every site's unclaimed requests past respond_by as escalated; returns how
    // many became so. The server calls it every 30 s, and before each help list.
    int escalate_overdue(Clock::time_point now);

    // The caller's site's help requests: unresolved ones first (escalated, then urgent,
    // then the earliest respond_by), then with All the latest resolved ones.
    nlohmann::json help_list(const Caller& staff, HelpListFilter filter, Clock::time_point now);
    // The recorded message (Ogg Vorbis bytes). ApiError 404 when there is none.
    std::vector<unsigned char> voice(const Caller& staff, const std::string& request_id);

    // First claim wins; claiming one's own again is fine. Tells the kiosk that made
    // the request "taken" with the volunteer's first name.
    HelpTakeResult claim(const Caller& staff, const std::string& request_id, Clock::time_point now);
    // text: 1 to kMaxNoteCharacters characters (ApiError 400 otherwise).
    nlohmann::json add_note(const Caller& staff, const std::string& request_id, const std::string& text,
                            Clock::time_point now);
    // Claims it first if nobody had it. Another volunteer's request may be resolved by
    // a manager only. An optional note (empty: none) is added with it. Resolving a
    // resolved request again changes nothing (a retried request must not add the note twice).
    HelpTakeResult resolve(const Caller& staff, const std::string& request_id, const std::string& note,
                           Clock::time_point now);

    // The site's bookings whose starts_at falls on `utc_date` (YYYY-MM-DD, a UTC date),
    // declined requests left out, by starting time and then in the order they came.
    nlohmann::json bookings_on(const Caller& staff, const std::string& utc_date);
    // attended or no_show (BookingDesk::record_attendance, which tells the kiosk); the
    // booking as bookings_on shows it.
    nlohmann::json record_attendance(const Caller& staff, const std::string& booking_id, const std::string& outcome,
                                     const std::string& reason, Clock::time_point now);

    // BookingDesk::rebook in one transaction; a moved booking as bookings_on shows it.
    RebookResult rebook(const Caller& staff, const std::string& booking_id, const std::string& slot_id,
                        Clock::time_point now);

private:
    nlohmann::json help_request(const Caller& staff, const std::string& request_id);  // ApiError 404
    nlohmann::json notes_of(const std::string& request_id);
    void write_note(const Caller& staff, const std::string& request_id, const std::string& text, Clock::time_point now);
    // The kiosk that made the request hears its status and the volunteer's first name.
    void tell_kiosk(const Caller& staff, const nlohmann::json& request);
    nlohmann::json booking(const Caller& staff, const std::string& booking_id);

    core::Database& db_;
    ChangeFeed& feed_;
    BookingDesk& bookings_;
};

// Staff's words as given, checked: 1..max_characters Unicode characters, not only
// blanks. ApiError 400 naming `field` otherwise.
std::string checked_staff_text(const std::string& text, const char* field, std::size_t max_characters);

}  // namespace qiao::backoffice
