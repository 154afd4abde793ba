#pragma once
// StaffLink: the staff screens' live line to the back office (docs/sync-protocol.md,
// "Volunteers and site managers"). The help queue of the whole site and the day's
// bookings live at the back office, not in the kiosk's store, so staff screens ask for
// them while staff wait; these calls never hold up a frame.
//
// Like SyncWorker: one thread of its own with its own HttpClient and its own (read-only
// in use) connection to the store. Before each request it reads the enrolled address and
// device token with load_credentials (sync_credentials.hpp), so an enrolment made or
// replaced while the app runs is used at once and the token never passes through the
// app. Every request acts for one staff member (the one signed in, whose PIN the kiosk
// checked): it goes with the device token and "X-Qiao-Staff: <staff id>".
//
// The UI thread calls send() (queues, returns at once) and take_answers() between frames;
// on_answer wakes its loop. Nothing the UI calls waits for the network. A failure is an
// answer with a stable code (staff_failure::...), never an exception: the screen turns the
// code into words of its catalogue; the back office's own message is kept for staff.
// Destruction (or stop()) cuts a request in flight short and joins; what was still
// queued is dropped without an answer.
//
// A help request's voice message is personal data: it is downloaded into
// <data_dir>/staff-voice/ (folder 0700, file 0600), and removed by forget_voice_files()
// (the app calls it when staff mode ends), at destruction, and at construction (what a
// crash left behind).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/sync/http_client.hpp"
#include "core/sync/staff_tickets.hpp"

namespace qiao::core {

enum class StaffRequestKind {
    HelpList,     // GET  /api/v1/help?status=open|all
    HelpVoice,    // GET  /api/v1/help/{id}/voice, into a 0600 file
    HelpClaim,    // POST /api/v1/help/{id}/claim
    HelpNote,     // POST /api/v1/help/{id}/note      {"text"}
    HelpResolve,  // POST /api/v1/help/{id}/resolve   {} or {"note"}
    DayBookings,  // GET  /api/v1/bookings?date=YYYY-MM-DD
    Attendance,   // POST /api/v1/bookings/{id}/attendance {"outcome", "reason"}
    Rebook,       // POST /api/v1/bookings/{id}/rebook     {"slot_id"}
    Figures,      // GET  /api/v1/figures?format=json[&from=&to=] (site managers)
};

// One call, made with the helpers below.
struct StaffRequest {
    StaffRequestKind kind = StaffRequestKind::HelpList;
    std::string staff_id;    // who acts (X-Qiao-Staff): the signed-in staff member
    std::string subject_id;  // the help request or booking
    std::string text;        // note; resolve's note ("" none); attendance reason ("" none)
    std::string outcome;     // attendance: "attended" | "no_show"
    std::string slot_id;     // rebook: the new slot
    std::string date;        // day's bookings: YYYY-MM-DD, UTC ("" today); figures: from ("" none)
    std::string date_to;     // figures: to ("" none)
    bool include_resolved = false;  // help list: status=all (the 200 latest resolved after the rest)

    static StaffRequest help_list(std::string staff_id, bool include_resolved = false);
    static StaffRequest help_voice(std::string staff_id, std::string help_id);
    static StaffRequest claim(std::string staff_id, std::string help_id);
    static StaffRequest note(std::string staff_id, std::string help_id, std::string text);
    static StaffRequest resolve(std::string staff_id, std::string help_id, std::string note = {});
    static StaffRequest day_bookings(std::string staff_id, std::string date = {});
    static StaffRequest attendance(std::string staff_id, std::string booking_id, std::string outcome,
                                   std::string reason = {});
    static StaffRequest rebook(std::string staff_id, std::string booking_id, std::string slot_id);
    static StaffRequest figures(std::string staff_id, std::string from = {}, std::string to = {});
};

// The stable codes of a failed call; the screen maps each to words of its catalogue.
namespace staff_failure {
inline constexpr const char* kNotEnrolled = "not_enrolled";      // no back office enrolled: nothing was sent
inline constexpr const char* kOffline = "offline";               // no answer: network down, back office down, too slow
inline constexpr const char* kTokenRefused = "token_refused";    // 401: the kiosk must be enrolled again
inline constexpr const char* kForbidden = "forbidden";           // 403: not this staff member (revoked, other site, not a manager)
inline constexpr const char* kNotFound = "not_found";            // 404: no such help request / booking (or no voice message)
inline constexpr const char* kAlreadyClaimed = "already_claimed";  // 409: someone else has it (StaffAnswer::claimed_by)
inline constexpr const char* kSlotFull = "slot_full";            // 409: rebook to a full slot (StaffAnswer::alternatives)
inline constexpr const char* kConflict = "conflict";             // 409: the booking's state does not allow it
inline constexpr const char* kBadRequest = "bad_request";        // 400/413, or refused here before sending (no staff id...)
inline constexpr const char* kTryLater = "try_later";            // 429, 5xx: the back office is busy or failing
inline constexpr const char* kRefused = "refused";               // any other refusal
inline constexpr const char* kBadAnswer = "bad_answer";          // a 2xx whose body is not what the protocol describes
inline constexpr const char* kKioskStorage = "kiosk_storage";    // the kiosk's own store or disk failed
}  // namespace staff_failure

// The stable code for a reply that is not a success ("" for a 2xx).
std::string staff_failure_of(const HttpReply& reply);

struct StaffAnswer {
    std::uint64_t request = 0;  // what send() returned
    StaffRequestKind kind = StaffRequestKind::HelpList;
    std::string staff_id;
    std::string subject_id;  // the request's, echoed

    std::string failure;         // "" when it went well, else a staff_failure code
    std::string office_error;    // the back office's "error" code, as sent ("already_claimed"), if any
    std::string office_message;  // the back office's "message", for staff, if any
    std::string detail;          // one line for the log (English), never for seniors
    bool ok() const { return failure.empty(); }

    std::vector<HelpTicket> tickets;          // HelpList
    std::optional<HelpTicket> ticket;         // HelpClaim, HelpNote, HelpResolve
    std::optional<StaffMemberRef> claimed_by;  // already_claimed: who has it
    std::filesystem::path voice_file;          // HelpVoice: the message, Ogg Vorbis, 0600
    std::string date;                          // DayBookings: the day the back office listed
    std::vector<DayBooking> bookings;          // DayBookings
    std::optional<DayBooking> booking;         // Attendance, Rebook
    std::vector<std::string> alternatives;     // slot_full: free slots offered instead
    nlohmann::json figures;                    // Figures: the whole answer
};

struct StaffLinkOptions {
    std::filesystem::path data_dir;  // holds qiao.db (made by LocalStore) and the token file
    std::string app_version;
    std::string ca_file;  // a site's own CA, trusted besides the system's; "" for none
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds request_timeout{15000};  // staff are waiting: shorter than the sync's
    // Called on the link's thread after an answer was queued. Keep it short and
    // thread-safe (the app wakes its loop: LoopWaker::notify).
    std::function<void()> on_answer;
};

// What a staff screen may show besides the answers (a snapshot).
struct StaffLinkStatus {
    std::size_t waiting = 0;  // requests sent and not yet answered (the one in flight included)
    bool offline = false;     // the last request found no back office (or the kiosk is not enrolled)
    std::optional<std::chrono::system_clock::time_point> last_reached;  // the last answer from the back office
};

class StaffLink {
public:
    // Removes voice files a crash left, then starts the thread.
    StaffLink(StaffLinkOptions options, Log& log);
    ~StaffLink();  // stop(), then forget_voice_files()
    StaffLink(const StaffLink&) = delete;
    StaffLink& operator=(const StaffLink&) = delete;

    // Queues the request; its answer comes back through take_answers() with this number
    // (requests are answered one at a time, in the order sent). Returns at once.
    std::uint64_t send(StaffRequest request);
    // Every answer since the last call, oldest first.
    std::vector<StaffAnswer> take_answers();
    StaffLinkStatus status() const;

    // Removes every downloaded voice file (answers already taken then name files that
    // are gone). Touches the disk only; safe from any thread.
    void forget_voice_files();
    std::filesystem::path voice_folder() const { return options_.data_dir / "staff-voice"; }

    // Wakes the thread, cuts a request in flight short, and joins. Idempotent; requests
    // sent afterwards are answered "offline" at once.
    void stop();

private:
    struct Queued {
        std::uint64_t number;
        StaffRequest request;
    };
    class Worker;  // the thread's own resources (store connection, HTTP client)
    void run();
    void deliver(StaffAnswer answer, bool reached, bool offline);

    StaffLinkOptions options_;
    Log& log_;
    mutable std::mutex mutex_;  // guards everything below but the thread and files_mutex_
    std::condition_variable wake_;
    std::deque<Queued> queue_;
    std::vector<StaffAnswer> answers_;
    std::uint64_t next_number_ = 1;
    bool in_flight_ = false;
    StaffLinkStatus status_;
    std::atomic<bool> stopping_{false};
    std::mutex files_mutex_;  // a voice file is written or removed under it
    std::thread thread_;      // last: starts once everything above exists
};

}  // namespace qiao::core
