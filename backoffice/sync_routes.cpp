// The kiosk's endpoints: enroll, push, pull (docs/sync-protocol.md).
#include <httplib.h>

#include <charconv>

#include "backoffice/backoffice_server.hpp"
#include "backoffice/http_answers.hpp"

namespace qiao::backoffice {

namespace {

using json = nlohmann::json;

constexpr int kDefaultPullLimit = 200;
constexpr int kMaxPullLimit = 500;

// A whole number from the query string, or ApiError 400 naming the parameter.
std::int64_t query_number(const httplib::Request& req, const char* name, std::int64_t fallback, std::int64_t low,
                          std::int64_t high) {
    if (!req.has_param(name)) return fallback;
    const std::string text = req.get_param_value(name);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < low || value > high)
        throw bad_request(std::string(name) + " must be a whole number from " + std::to_string(low) + " to " +
                          std::to_string(high) + " (found \"" + text.substr(0, 40) + "\")");
    return value;
}

std::string optional_text(const json& body, const char* name) {
    const auto it = body.find(name);
    if (it == body.end() || it->is_null()) return {};
    if (!it->is_string()) throw bad_request(std::string(name) + " must be text");
    return it->get<std::string>().substr(0, 128);
}

}  // namespace

Caller BackofficeServer::kiosk_caller(const httplib::Request& req) {
    Caller caller = office_.enrolment().authenticate(req.get_header_value("Authorization"));
    if (caller.kind != Caller::Kind::Kiosk) throw forbidden("this endpoint is for enrolled kiosks, not staff tokens");
    return caller;
}

Caller BackofficeServer::staff_caller(const httplib::Request& req) {
    Caller caller = office_.enrolment().authenticate(req.get_header_value("Authorization"));
    const bool acting = req.has_header(kActingStaffHeader);
    if (caller.kind == Caller::Kind::Kiosk) {
        // The kiosk checked the staff member's PIN offline against the hash we sent it,
        // and it is the site's own device: it may speak for its site's staff.
        if (!acting)
            throw forbidden("this endpoint is for staff: a staff token, or a kiosk's token with X-Qiao-Staff naming "
                            "the staff member signed in on it");
        return office_.roster().acting_for(caller, req.get_header_value(kActingStaffHeader));
    }
    // A staff token speaks for its own holder; letting it name another would let a
    // volunteer's token act as the site manager.
    if (acting) throw forbidden("X-Qiao-Staff is for kiosks acting for a staff member, not for staff tokens");
    return caller;
}

void BackofficeServer::add_sync_routes() {
    http_->Post("/api/v1/enroll", guarded([this](const httplib::Request& req, httplib::Response& res) {
        const json body = json_body(req);
        if (!body.is_object()) throw bad_request("the body must be {\"code\": \"XXXX-XXXX-XXXX\"}");
        const std::string code = optional_text(body, "code");
        if (code.empty()) throw bad_request("\"code\" is missing: the one-time enrolment code from the site manager");
        const auto lock = office_.lock();
        const EnrolledKiosk kiosk = office_.enrolment().redeem(code, optional_text(body, "kiosk_name"), Clock::now());
        log_.info("enrolled kiosk " + kiosk.kiosk_id + " at site " + kiosk.site_id);
        answer(res, 200,
               {{"protocol", 1}, {"kiosk_id", kiosk.kiosk_id}, {"site_id", kiosk.site_id}, {"site_name", kiosk.site_name},
                {"token", kiosk.token}});
    }));

    http_->Post("/api/v1/sync/push", guarded([this](const httplib::Request& req, httplib::Response& res) {
        const json body = json_body(req);
        const auto lock = office_.lock();
        const Caller kiosk = kiosk_caller(req);
        answer(res, 200, office_.intake().push(kiosk, body, Clock::now()));
    }));

    http_->Get("/api/v1/sync/pull", guarded([this](const httplib::Request& req, httplib::Response& res) {
        const std::int64_t after = query_number(req, "after", 0, 0, INT64_MAX);
        const int limit = static_cast<int>(query_number(req, "limit", kDefaultPullLimit, 1, kMaxPullLimit));
        const auto lock = office_.lock();
        const Caller kiosk = kiosk_caller(req);
        const FeedPage page = office_.feed().read(kiosk.site_id, kiosk.id, after, limit);
        answer(res, 200, {{"protocol", 1}, {"changes", page.changes}, {"next_after", page.next_after}, {"more", page.more}});
    }));
}

}  // namespace qiao::backoffice
