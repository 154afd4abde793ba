#include "backoffice/backoffice_server.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

namespace qiao::backoffice {

namespace {

void answer(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

void answer_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
    answer(res, status, {{"error", code}, {"message", message}});
}

}  // namespace

BackofficeServer::BackofficeServer(ServerOptions options, core::Log& log)
    : options_(std::move(options)), log_(log), db_(core::Database::open(options_.db)), http_(std::make_unique<httplib::Server>()) {
    add_routes();
}

BackofficeServer::~BackofficeServer() = default;

void BackofficeServer::add_routes() {
    http_->Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
        answer(res, 200, {{"status", "ok"}, {"version", QIAO_VERSION}});
    });
    // Whatever went wrong, the caller gets JSON it can show or log.
    http_->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (res.status == 404)
            answer_error(res, 404, "not_found", "there is nothing at " + req.path + "; the API is under /api/v1/");
        else if (res.body.empty())
            answer_error(res, res.status, "error", "the request could not be served (HTTP " + std::to_string(res.status) + ")");
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

void BackofficeServer::run() { http_->listen_after_bind(); }

void BackofficeServer::stop() { http_->stop(); }

}  // namespace qiao::backoffice
