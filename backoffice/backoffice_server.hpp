#pragma once
// BackofficeServer: qiao-backoffice's HTTP side (docs/sync-protocol.md). Every answer
// is JSON; an unknown path or a failure inside a handler is a JSON error with a plain
// message, never a bare page or a dropped connection. Requests are served one at a
// time against the data (BackOffice::lock), by cpp-httplib's worker threads.
#include <chrono>
#include <memory>
#include <stop_token>
#include <string>

#include "backoffice/back_office.hpp"
#include "backoffice/server_options.hpp"
#include "core/log.hpp"

namespace httplib {
class Server;
struct Request;
}

namespace qiao::backoffice {

// Bodies bigger than this are refused with 413 before they are read whole.
inline constexpr std::size_t kMaxRequestBytes = 8u * 1024u * 1024u;
// How often unclaimed help requests are checked against their respond_by. The help
// list checks again before it answers, so a volunteer never sees a stale flag.
inline constexpr std::chrono::seconds kHelpDeadlineCheck{30};

class BackofficeServer {
public:
    // Opens (or makes) the database file. Throws core::StorageError with its name.
    BackofficeServer(ServerOptions options, core::Log& log);
    ~BackofficeServer();
    BackofficeServer(const BackofficeServer&) = delete;
    BackofficeServer& operator=(const BackofficeServer&) = delete;

    // Binds the listening socket; returns the port (the one picked, for port 0).
    // Throws std::runtime_error naming the address when it cannot.
    int bind();
    // Answers requests until stop(); call bind() first. While it runs, a second thread
    // escalates help requests nobody claimed by their deadline (every
    // kHelpDeadlineCheck); it ends with run(), so a server only constructed keeps none.
    void run();
    // From any thread (a signal handler's thread): run() returns soon after, its
    // deadline thread woken and joined on the way out.
    void stop();

    BackOffice& office() { return office_; }

private:
    void add_routes();
    void add_sync_routes();    // sync_routes.cpp: enroll, push, pull
    void add_staff_routes();   // staff_routes.cpp: volunteers' help queue and day's bookings
    void add_report_routes();  // report_routes.cpp: heartbeat, figures and their export
    void add_pack_routes();    // pack_routes.cpp: lesson pack downloads
    // The caller of a request, or ApiError 401/403 when it may not call this route.
    Caller kiosk_caller(const httplib::Request& req);
    Caller staff_caller(const httplib::Request& req);  // a volunteer or a site manager
    // Runs on run()'s deadline thread until asked to stop; one failed check is logged
    // and the next one tried in time.
    void watch_help_deadlines(std::stop_token stop);

    ServerOptions options_;
    core::Log& log_;
    BackOffice office_;
    std::unique_ptr<httplib::Server> http_;
};

}  // namespace qiao::backoffice
