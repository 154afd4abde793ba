#include "backoffice/backoffice_server.hpp"

#include <httplib.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "backoffice/http_answers.hpp"

namespace qiao::backoffice {

namespace {

std::string error_code_for(int status) {
    switch (status) {
        case 404: return "not_found";
        case 413: return "payload_too_large";
        case 416: return "range_not_satisfiable";
        case 400: return "bad_request";
        default: return status >= 500 ? "internal" : "error";
    }
}

}  // namespace

BackofficeServer::BackofficeServer(ServerOptions options, core::Log& log)
    : options_(std::move(options)), log_(log), office_(options_.db), http_(std::make_unique<httplib::Server>()) {
    http_->set_payload_max_length(kMaxRequestBytes);
    // httplib writes an answer's head and body apart; with Nagle on, a kept-alive
    // connection (a kiosk's round, curl reuses it) waits ~40 ms for the delayed ACK
    // before the body goes: every push and pull of a round paid it.
    http_->set_tcp_nodelay(true);
    // A kiosk on a bad line may stall; it must not hold a worker thread for long.
    http_->set_read_timeout(15, 0);
    http_->set_write_timeout(15, 0);
    add_routes();
}

BackofficeServer::~BackofficeServer() = default;

void BackofficeServer::add_routes() {
    http_->Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
        answer(res, 200, {{"status", "ok"}, {"version", QIAO_VERSION}, {"protocol", 1}});
    });
    add_sync_routes();
    add_staff_routes();
    add_report_routes();
    add_pack_routes();
    // Whatever went wrong, the caller gets JSON it can show or log.
    http_->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (res.status == 404 && res.body.empty())
            answer_error(res, 404, "not_found", "there is nothing at " + req.path + "; the API is under /api/v1/");
        else if (res.body.empty())
            answer_error(res, res.status, error_code_for(res.status),
                         res.status == 413 ? "the request is over " + std::to_string(kMaxRequestBytes) + " bytes; send smaller batches"
                                           : "the request could not be served (HTTP " + std::to_string(res.status) + ")");
    });
    http_->set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown error";
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        log_.error(req.method + " " + req.path + " failed: " + what);
        answer_error(res, 500, "internal", "the server could not do this; it is logged");
    });
}

int BackofficeServer::bind() {
    const int port = options_.port == 0 ? http_->bind_to_any_port(options_.host) : (http_->bind_to_port(options_.host, options_.port) ? options_.port : -1);
    if (port < 0)
        throw std::runtime_error("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                                 " (in use, or not an address of this machine)");
    return port;
}

void BackofficeServer::run() {
    // The thread lives exactly as long as serving does: stop() ends listen_after_bind,
    // and jthread's destructor then asks the watcher to stop and joins it.
    std::jthread deadline_watch([this](std::stop_token stop) { watch_help_deadlines(stop); });
    http_->listen_after_bind();
}

void BackofficeServer::watch_help_deadlines(std::stop_token stop) {
    std::mutex mutex;
    std::condition_variable_any wake;  // woken only by the stop request
    std::unique_lock<std::mutex> waiting(mutex);
    while (!stop.stop_requested()) {
        try {
            const auto lock = office_.lock();
            const int escalated = office_.volunteers().escalate_overdue(Clock::now());
            if (escalated > 0) log_.info("escalated " + std::to_string(escalated) + " help request(s) nobody claimed in time");
        } catch (const std::exception& e) {
            log_.error(std::string("checking help requests' deadlines failed: ") + e.what() + "; trying again in " +
                       std::to_string(kHelpDeadlineCheck.count()) + " s");
        }
        wake.wait_for(waiting, stop, kHelpDeadlineCheck, [] { return false; });
    }
}

void BackofficeServer::stop() { http_->stop(); }

}  // namespace qiao::backoffice
