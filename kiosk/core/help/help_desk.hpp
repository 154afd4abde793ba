#pragma once
// HelpDesk: the help requests a senior makes at the kiosk (issue 4, "Help (帮)"). A
// request is stored at once, with the network up or down: its help_requests row and
// its "help_request" outbox entry are written in one Transaction.
//
// Who calls what once the back office acknowledges a "help_request" outbox entry (the
// sync worker, a later issue):
//   1. HelpDesk::acknowledged(body["id"]): the full number and the voice file go;
//      the row keeps the masked number and the salted hash for "my requests".
//   2. Outbox::acknowledge({entry id}): the entry, which carries the full number and
//      the voice path, goes.
// In that order: if the worker is killed between the two, the entry is resent (the
// back office applies each id once) and no full number outlives the acknowledgement.
//
// Later the back office says who took the request and when it was resolved
// (apply_update), and the senior may answer "did it help?" (record_satisfaction, sent
// as a "help_feedback" outbox entry).
#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/booking/wall_time.hpp"  // WallTime: a moment on the wall clock (system_clock)
#include "core/outbox/outbox.hpp"
#include "core/storage/database.hpp"

namespace qiao::core {

// What the senior wants help with: the icon cards of the first Help screen.
enum class HelpCategory { PhoneOrApp, Scam, Health, DailyLife, Other };

// "phone_or_app", "scam", "health", "daily_life", "other": the words stored and sent.
std::string_view to_string(HelpCategory category);
// The inverse of to_string; throws HelpError for anything else.
HelpCategory parse_help_category(std::string_view text);

// A request the senior can fix: the message is plain, for the screen (and the voice).
class HelpError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct HelpRequestDraft {
    HelpCategory category = HelpCategory::Other;
    std::string phone_digits;  // "" when the senior gives no number
    bool at_station = false;   // "I'm here at the station now"
    std::string voice_path;    // the recorded message; "" for "send without a message"
};

// What the kiosk keeps of a request and may show: never the full number.
struct HelpRequest {
    std::string id;  // client-made, 32 hex digits
    HelpCategory category = HelpCategory::Other;
    bool urgent = false;         // scams go to the top
    std::string contact_masked;  // "138****5678"; "" when only at the station
    bool at_station = false;
    bool has_voice = false;  // a voice message is still held on the kiosk
    std::string status;      // "waiting_to_send", "sent", "taken", "resolved"; "not_sent" if the back office refused it
    std::string created_at;  // ISO 8601 UTC
    std::string respond_by;  // ISO 8601 UTC
    std::string volunteer_first_name;  // once taken; first name only
    std::string satisfaction;          // "helped", "not_helped"; "" until the senior answered
};


class HelpDesk {
public:
    HelpDesk(Database& db, Outbox& outbox) : db_(db), outbox_(outbox) {}

    // Validates the draft (a contact is required: a plausible mobile number, or at the
    // station; a number given must be plausible), then stores the request and its
    // outbox entry together. Status "waiting_to_send". respond_by is the caller's (see
    // core/help/opening_hours: it counts open minutes only) and must not be before now
    // (std::invalid_argument: a programming error).
    // A voice file that is not there (its folder vanished, the disk was wiped) is left
    // out, and the request is stored without it: a recording problem must never lose
    // the request, nor leave the sync worker looking for a file that will not come.
    // Throws HelpError (nothing stored) for a bad draft, StorageError if the store fails
    // (nothing stored either: the transaction rolls back).
    HelpRequest submit(const HelpRequestDraft& draft, WallTime now, WallTime respond_by);

    // One request by id, as "my requests" shows it; nullopt for an unknown id.
    std::optional<HelpRequest> find(const std::string& id) const;

    // "My requests": every request made with this number, newest first. Found by the
    // salted hash, so it works before and after the full number was cleared.
    std::vector<HelpRequest> requests_for_phone(const std::string& digits) const;

    // The back office has this request: delete the voice file, forget the full number
    // and the file path, keep the masked number; "waiting_to_send" becomes "sent".
    // Unknown ids and repeated calls do nothing more. See the top of this file for
    // who calls it, and when.
    void acknowledged(const std::string& request_id);

    // The back office refused the request for good (a push answered "rejected"): it will
    // never reach a volunteer. The full number and the voice file go as for
    // acknowledged(); "waiting_to_send" becomes "not_sent", so "my requests" tells the
    // senior to ask the staff. Called before Outbox::reject, in the same order and for
    // the same reason as acknowledged().
    void refused(const std::string& request_id);

    // Deletes every recording in `folder` that no stored request holds: messages
    // recorded but never sent (the kiosk lost power before the senior finished) must not
    // stay on a shared machine. Returns how many were deleted. Called at start-up.
    int delete_unsent_recordings(const std::filesystem::path& folder);

    // What the back office says about a request:
    //   {"kind": "help", "id": "...", "status": "taken" | "resolved", "volunteer_first_name": "Li"}
    // The name is optional; only its first word, at most 12 characters, is kept (the
    // screen shows "Li will call you", never a full name). A status never goes back:
    // a late "taken" after "resolved" keeps "resolved" (it may still bring the name).
    // Throws HelpError, changing nothing, for another kind, a missing or unknown id, or
    // an unknown status.
    void apply_update(const nlohmann::json& update);

    // The senior's answer to "did it help?", for a resolved request only (HelpError
    // otherwise, or for an unknown id). Stores "helped"/"not_helped" and queues a
    // "help_feedback" outbox entry {id, helped, answered_at} in one Transaction. The
    // first answer stands: answering again changes nothing and queues nothing.
    void record_satisfaction(const std::string& id, bool helped, WallTime now);

private:
    std::string contact_hash(std::string_view digits) const;
    // Deletes the voice file, then runs forget_sql (which clears the number and the path).
    void forget_personal_data(const std::string& request_id, const char* forget_sql);

    Database& db_;
    Outbox& outbox_;
};

}  // namespace qiao::core
