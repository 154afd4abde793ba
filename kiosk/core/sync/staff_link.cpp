#include "core/sync/staff_link.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <system_error>
#include <utility>

#include "core/lessons/durable_fs.hpp"
#include "core/storage/database.hpp"
#include "core/storage/local_store.hpp"
#include "core/storage/settings_store.hpp"
#include "core/sync/backoffice_reply.hpp"
#include "core/sync/sync_credentials.hpp"

namespace qiao::core {

namespace fs = std::filesystem;
using json = nlohmann::json;

// ---- requests ------------------------------------------------------------------------

StaffRequest StaffRequest::help_list(std::string staff_id, bool include_resolved) {
    StaffRequest r;
    r.kind = StaffRequestKind::HelpList;
    r.staff_id = std::move(staff_id);
    r.include_resolved = include_resolved;
    return r;
}

StaffRequest StaffRequest::help_voice(std::string staff_id, std::string help_id) {
    StaffRequest r;
    r.kind = StaffRequestKind::HelpVoice;
    r.staff_id = std::move(staff_id);
    r.subject_id = std::move(help_id);
    return r;
}

StaffRequest StaffRequest::claim(std::string staff_id, std::string help_id) {
    StaffRequest r;
    r.kind = StaffRequestKind::HelpClaim;
    r.staff_id = std::move(staff_id);
    r.subject_id = std::move(help_id);
    return r;
}

StaffRequest StaffRequest::note(std::string staff_id, std::string help_id, std::string text) {
    StaffRequest r;
    r.kind = StaffRequestKind::HelpNote;
    r.staff_id = std::move(staff_id);
    r.subject_id = std::move(help_id);
    r.text = std::move(text);
    return r;
}

StaffRequest StaffRequest::resolve(std::string staff_id, std::string help_id, std::string note) {
    StaffRequest r;
    r.kind = StaffRequestKind::HelpResolve;
    r.staff_id = std::move(staff_id);
    r.subject_id = std::move(help_id);
    r.text = std::move(note);
    return r;
}

StaffRequest StaffRequest::day_bookings(std::string staff_id, std::string date) {
    StaffRequest r;
    r.kind = StaffRequestKind::DayBookings;
    r.staff_id = std::move(staff_id);
    r.date = std::move(date);
    return r;
}

StaffRequest StaffRequest::attendance(std::string staff_id, std::string booking_id, std::string outcome,
                                      std::string reason) {
    StaffRequest r;
    r.kind = StaffRequestKind::Attendance;
    r.staff_id = std::move(staff_id);
    r.subject_id = std::move(booking_id);
    r.outcome = std::move(outcome);
    r.text = std::move(reason);
    return r;
}

StaffRequest StaffRequest::rebook(std::string staff_id, std::string booking_id, std::string slot_id) {
    StaffRequest r;
    r.kind = StaffRequestKind::Rebook;
    r.staff_id = std::move(staff_id);
    r.subject_id = std::move(booking_id);
    r.slot_id = std::move(slot_id);
    return r;
}

StaffRequest StaffRequest::figures(std::string staff_id, std::string from, std::string to) {
    StaffRequest r;
    r.kind = StaffRequestKind::Figures;
    r.staff_id = std::move(staff_id);
    r.date = std::move(from);
    r.date_to = std::move(to);
    return r;
}

// ---- failures ------------------------------------------------------------------------

std::string staff_failure_of(const HttpReply& reply) {
    if (!reply.answered()) return staff_failure::kOffline;
    const long s = reply.status;
    if (s >= 200 && s < 300) return {};
    if (s == 401) return staff_failure::kTokenRefused;
    if (s == 403) return staff_failure::kForbidden;
    if (s == 404) return staff_failure::kNotFound;
    if (s == 409) {
        const std::string code = error_code_of(reply);
        if (code == "already_claimed") return staff_failure::kAlreadyClaimed;
        if (code == "slot_full") return staff_failure::kSlotFull;
        return staff_failure::kConflict;
    }
    if (s == 400 || s == 413) return staff_failure::kBadRequest;
    if (s == 429 || s >= 500) return staff_failure::kTryLater;
    return staff_failure::kRefused;
}

namespace {

const char* kind_name(StaffRequestKind kind) {
    switch (kind) {
    case StaffRequestKind::HelpList: return "help list";
    case StaffRequestKind::HelpVoice: return "help voice message";
    case StaffRequestKind::HelpClaim: return "help claim";
    case StaffRequestKind::HelpNote: return "help note";
    case StaffRequestKind::HelpResolve: return "help resolve";
    case StaffRequestKind::DayBookings: return "day's bookings";
    case StaffRequestKind::Attendance: return "attendance";
    case StaffRequestKind::Rebook: return "rebook";
    case StaffRequestKind::Figures: return "figures";
    }
    return "staff request";
}

bool needs_subject(StaffRequestKind kind) {
    return kind != StaffRequestKind::HelpList && kind != StaffRequestKind::DayBookings &&
           kind != StaffRequestKind::Figures;
}

bool printable(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u != 0x7F;
    });
}

// One path segment or query value, percent-encoded (RFC 3986 unreserved kept).
std::string encoded(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 0x0F];
        }
    }
    return out;
}

// Why the request cannot be sent as it is; "" when it can. Checked here, so that a
// staff id or a path that could not go out is never mistaken for a network failure.
std::string request_problem(const StaffRequest& r) {
    if (r.staff_id.empty()) return "no staff member is named (sign in first)";
    if (r.staff_id.size() > 64 || !printable(r.staff_id)) return "the staff id is not one the back office gives";
    if (needs_subject(r.kind) && r.subject_id.empty()) return "no help request or booking is named";
    if (r.subject_id.size() > 64 || !printable(r.subject_id)) return "the help request or booking id is not valid";
    if (r.kind == StaffRequestKind::Rebook && r.slot_id.empty()) return "no slot is named to move the booking to";
    if (r.kind == StaffRequestKind::Attendance && r.outcome != "attended" && r.outcome != "no_show")
        return "the outcome is attended or no_show";
    return {};
}

// Removes what is in the voice folder; the folder stays.
void remove_voice_files(const fs::path& folder, Log& log) {
    std::error_code ec;
    if (!fs::exists(folder, ec)) return;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code rm;
        fs::remove_all(it->path(), rm);
        if (rm) log.warning("staff: a voice message file could not be removed: " + it->path().string() + ": " + rm.message());
    }
    if (ec) log.warning("staff: the voice message folder could not be read: " + folder.string() + ": " + ec.message());
}

}  // namespace

// ---- the thread's own resources --------------------------------------------------------

class StaffLink::Worker {
public:
    Worker(const StaffLinkOptions& options, std::function<bool()> should_stop)
        : options_(options), client_(http_options(options, std::move(should_stop))) {}

    // Answers one request; `reached` tells whether the back office answered at all.
    StaffAnswer answer(std::uint64_t number, const StaffRequest& request, const fs::path& voice_folder,
                       std::mutex& files_mutex, bool& reached) {
        StaffAnswer a;
        a.request = number;
        a.kind = request.kind;
        a.staff_id = request.staff_id;
        a.subject_id = request.subject_id;
        reached = false;

        if (const std::string problem = request_problem(request); !problem.empty()) {
            a.failure = staff_failure::kBadRequest;
            a.detail = std::string("staff ") + kind_name(request.kind) + ": not sent: " + problem;
            return a;
        }
        std::optional<SyncCredentials> credentials;
        try {
            credentials = read_credentials();
        } catch (const std::exception& e) {
            a.failure = staff_failure::kKioskStorage;
            a.detail = std::string("staff ") + kind_name(request.kind) + ": the kiosk's store could not be read: " + e.what();
            return a;
        }
        if (!credentials) {
            a.failure = staff_failure::kNotEnrolled;
            a.detail = std::string("staff ") + kind_name(request.kind) +
                       ": this kiosk is not enrolled at a back office (qiao-kiosk --enroll URL CODE)";
            return a;
        }

        std::string base = credentials->url;
        while (!base.empty() && base.back() == '/') base.pop_back();
        const HttpHeaders headers = {{"X-Qiao-Staff", request.staff_id}};
        const std::string id = encoded(request.subject_id);
        HttpReply reply;
        switch (request.kind) {
        case StaffRequestKind::HelpList:
            reply = client_.get(base + "/api/v1/help?status=" + (request.include_resolved ? "all" : "open"),
                                credentials->token, headers);
            break;
        case StaffRequestKind::HelpVoice:
            reply = client_.get(base + "/api/v1/help/" + id + "/voice", credentials->token, headers);
            break;
        case StaffRequestKind::HelpClaim:
            reply = client_.post_json(base + "/api/v1/help/" + id + "/claim", "{}", credentials->token, headers);
            break;
        case StaffRequestKind::HelpNote:
            reply = client_.post_json(base + "/api/v1/help/" + id + "/note", body({{"text", request.text}}),
                                      credentials->token, headers);
            break;
        case StaffRequestKind::HelpResolve: {
            json b = json::object();
            if (!request.text.empty()) b["note"] = request.text;
            reply = client_.post_json(base + "/api/v1/help/" + id + "/resolve", body(b), credentials->token, headers);
            break;
        }
        case StaffRequestKind::DayBookings: {
            std::string url = base + "/api/v1/bookings";
            if (!request.date.empty()) url += "?date=" + encoded(request.date);
            reply = client_.get(url, credentials->token, headers);
            break;
        }
        case StaffRequestKind::Attendance: {
            json b = {{"outcome", request.outcome}};
            if (!request.text.empty()) b["reason"] = request.text;
            reply = client_.post_json(base + "/api/v1/bookings/" + id + "/attendance", body(b), credentials->token,
                                      headers);
            break;
        }
        case StaffRequestKind::Rebook:
            reply = client_.post_json(base + "/api/v1/bookings/" + id + "/rebook", body({{"slot_id", request.slot_id}}),
                                      credentials->token, headers);
            break;
        case StaffRequestKind::Figures: {
            std::string url = base + "/api/v1/figures?format=json";
            if (!request.date.empty()) url += "&from=" + encoded(request.date);
            if (!request.date_to.empty()) url += "&to=" + encoded(request.date_to);
            reply = client_.get(url, credentials->token, headers);
            break;
        }
        }
        reached = reply.answered();
        if (reply.stopped) {
            a.failure = staff_failure::kOffline;
            a.detail = "stopped";
            return a;
        }
        a.failure = staff_failure_of(reply);
        if (!a.ok()) {
            a.office_error = error_code_of(reply);
            a.office_message = error_message_of(reply.body);
            a.detail = describe_failure(std::string("staff ") + kind_name(request.kind), reply);
            if (a.failure == staff_failure::kAlreadyClaimed) a.claimed_by = claimed_by_of_refusal(reply.body);
            if (a.failure == staff_failure::kSlotFull) a.alternatives = alternatives_of_refusal(reply.body);
            return a;
        }
        try {
            read_success(request, reply, a, voice_folder, files_mutex);
        } catch (const ReplyFormatError& e) {
            a.failure = staff_failure::kBadAnswer;
            a.detail = std::string("staff ") + kind_name(request.kind) + ": " + e.what();
        } catch (const std::exception& e) {  // the voice file could not be written
            a.failure = staff_failure::kKioskStorage;
            a.detail = std::string("staff ") + kind_name(request.kind) + ": " + e.what();
        }
        return a;
    }

private:
    static HttpOptions http_options(const StaffLinkOptions& options, std::function<bool()> should_stop) {
        HttpOptions http;
        http.ca_file = options.ca_file;
        http.connect_timeout = options.connect_timeout;
        http.request_timeout = options.request_timeout;
        http.user_agent = "qiao-kiosk/" + options.app_version;
        http.should_stop = std::move(should_stop);
        return http;
    }

    static std::string body(const json& value) {
        return value.dump(-1, ' ', false, json::error_handler_t::replace);
    }

    // The enrolment as it is now. The store is opened once, and only if it exists: a
    // folder without a store is a kiosk never started, so never enrolled.
    std::optional<SyncCredentials> read_credentials() {
        if (!db_) {
            const fs::path file = options_.data_dir / LocalStore::kFileName;
            std::error_code ec;
            if (!fs::exists(file, ec)) return std::nullopt;
            db_ = std::make_unique<Database>(Database::open(file));
            settings_ = std::make_unique<SettingsStore>(*db_);
        }
        return load_credentials(options_.data_dir, *settings_);
    }

    void read_success(const StaffRequest& request, const HttpReply& reply, StaffAnswer& a, const fs::path& voice_folder,
                      std::mutex& files_mutex) {
        switch (request.kind) {
        case StaffRequestKind::HelpList: a.tickets = help_list_from_answer(reply.body); break;
        case StaffRequestKind::HelpClaim:
        case StaffRequestKind::HelpNote:
        case StaffRequestKind::HelpResolve: a.ticket = help_ticket_from_answer(reply.body); break;
        case StaffRequestKind::DayBookings: a.bookings = day_bookings_from_answer(reply.body, &a.date); break;
        case StaffRequestKind::Attendance:
        case StaffRequestKind::Rebook: a.booking = day_booking_from_answer(reply.body); break;
        case StaffRequestKind::Figures: a.figures = figures_from_answer(reply.body); break;
        case StaffRequestKind::HelpVoice: {
            if (reply.body.empty()) throw ReplyFormatError("the back office sent an empty voice message");
            std::lock_guard lock(files_mutex);
            create_directories_durably(voice_folder);
            // Only the kiosk's user may list or read them.
            ::chmod(voice_folder.c_str(), 0700);
            a.voice_file = voice_folder / ("help-" + std::to_string(a.request) + ".ogg");
            write_file_atomically(a.voice_file, reply.body, 0600);
            break;
        }
        }
    }

    const StaffLinkOptions& options_;
    HttpClient client_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<SettingsStore> settings_;
};

// ---- the link ------------------------------------------------------------------------

StaffLink::StaffLink(StaffLinkOptions options, Log& log) : options_(std::move(options)), log_(log) {
    forget_voice_files();  // what a crash left behind
    thread_ = std::thread([this] { run(); });
}

StaffLink::~StaffLink() {
    stop();
    forget_voice_files();
}

std::uint64_t StaffLink::send(StaffRequest request) {
    std::uint64_t number = 0;
    bool stopped = false;
    {
        std::lock_guard lock(mutex_);
        number = next_number_++;
        stopped = stopping_.load();
        if (stopped) {
            StaffAnswer a;
            a.request = number;
            a.kind = request.kind;
            a.staff_id = request.staff_id;
            a.subject_id = request.subject_id;
            a.failure = staff_failure::kOffline;
            a.detail = "the staff link has stopped";
            answers_.push_back(std::move(a));
        } else {
            queue_.push_back({number, std::move(request)});
            ++status_.waiting;
        }
    }
    if (stopped) {
        if (options_.on_answer) options_.on_answer();
    } else {
        wake_.notify_all();
    }
    return number;
}

std::vector<StaffAnswer> StaffLink::take_answers() {
    std::lock_guard lock(mutex_);
    return std::exchange(answers_, {});
}

StaffLinkStatus StaffLink::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

void StaffLink::forget_voice_files() {
    std::lock_guard lock(files_mutex_);
    remove_voice_files(voice_folder(), log_);
}

void StaffLink::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void StaffLink::deliver(StaffAnswer answer, bool reached, bool offline) {
    {
        std::lock_guard lock(mutex_);
        if (status_.waiting > 0) --status_.waiting;
        if (reached) status_.last_reached = std::chrono::system_clock::now();
        status_.offline = offline;
        answers_.push_back(std::move(answer));
    }
    if (options_.on_answer) options_.on_answer();
}

void StaffLink::run() {
    std::unique_ptr<Worker> worker;
    try {
        worker = std::make_unique<Worker>(options_, [this] { return stopping_.load(); });
    } catch (const std::exception& e) {
        log_.error(std::string("staff: the link to the back office could not start: ") + e.what());
    }
    std::string quiet_failure;  // offline or not_enrolled, already logged
    for (;;) {
        Queued next;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_.load() || !queue_.empty(); });
            if (stopping_) return;
            next = std::move(queue_.front());
            queue_.pop_front();
        }
        StaffAnswer answer;
        bool reached = false;
        if (worker) {
            answer = worker->answer(next.number, next.request, voice_folder(), files_mutex_, reached);
        } else {
            answer.request = next.number;
            answer.kind = next.request.kind;
            answer.staff_id = next.request.staff_id;
            answer.subject_id = next.request.subject_id;
            answer.failure = staff_failure::kOffline;
            answer.detail = "staff: the link to the back office could not start";
        }
        if (stopping_) return;  // cut short: nobody is left to read it
        const bool offline = answer.failure == staff_failure::kOffline || answer.failure == staff_failure::kNotEnrolled;
        // Refusals that are part of the work (someone else has it, the slot is full) are
        // not problems; being offline or not enrolled is logged once, not at every poll.
        const bool ordinary = answer.failure == staff_failure::kAlreadyClaimed ||
                              answer.failure == staff_failure::kSlotFull || answer.failure == staff_failure::kConflict;
        if (!answer.ok() && !ordinary && !(offline && answer.failure == quiet_failure)) log_.warning(answer.detail);
        if (offline) {
            quiet_failure = answer.failure;
        } else {
            if (!quiet_failure.empty() && reached) log_.info("staff: the back office answers again");
            quiet_failure.clear();
        }
        deliver(std::move(answer), reached, offline);
    }
}

}  // namespace qiao::core
