// The volunteers' and site managers' endpoints: the help queue and the day's bookings
// (docs/sync-protocol.md, "Volunteers and site managers"). Each handler checks the
// caller first (a staff token, or a kiosk acting for its signed-in staff member), under
// the data lock, then what was sent, then asks VolunteerDesk.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <string_view>

#include "backoffice/backoffice_server.hpp"
#include "backoffice/calendar_day.hpp"
#include "backoffice/http_answers.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::backoffice {

namespace {

using json = nlohmann::json;

// Ids are the kiosks' (32 hex digits; any text of at most 64 is taken by push) or ours.
constexpr std::size_t kMaxIdSize = 64;

// The id captured from the path, checked before it reaches SQL or a message.
std::string path_id(const httplib::Request& req, const std::string& what) {
    const std::string id = req.matches.size() > 1 ? req.matches[1].str() : std::string();
    const bool printable = std::all_of(id.begin(), id.end(), [](unsigned char c) { return c >= 0x20 && c != 0x7F; });
    if (id.empty() || id.size() > kMaxIdSize || !printable)
        throw bad_request("the " + what + " id in the path must be 1 to " + std::to_string(kMaxIdSize) +
                          " characters without control characters");
    return id;
}

// The body as a JSON object. An empty body stands for {} where every field is optional.
json object_body(const httplib::Request& req, bool may_be_empty, const std::string& shape) {
    if (may_be_empty && req.body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
    const json body = json_body(req);
    if (!body.is_object()) throw bad_request("the body must be a JSON object: " + shape);
    return body;
}

// A text field: "" when optional and missing or null; ApiError 400 when not text.
std::string text_field(const json& body, const char* name, bool required) {
    const auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
        if (required) throw bad_request(std::string("\"") + name + "\" is missing");
        return {};
    }
    if (!it->is_string()) throw bad_request(std::string("\"") + name + "\" must be text");
    std::string text = it->get<std::string>();
    if (required && text.empty()) throw bad_request(std::string("\"") + name + "\" is empty");
    return text;
}

HelpListFilter help_filter(const httplib::Request& req) {
    if (!req.has_param("status")) return HelpListFilter::Unresolved;
    const std::string status = req.get_param_value("status");
    if (status == "open") return HelpListFilter::Unresolved;
    if (status == "all") return HelpListFilter::All;
    throw bad_request("status is open or all (found \"" + status.substr(0, 40) + "\")");
}

// ?date=YYYY-MM-DD, a real calendar date; today (UTC) when it is not given.
std::string utc_date(const httplib::Request& req, Clock::time_point now) {
    if (!req.has_param("date")) return core::iso8601_utc(now).substr(0, 10);
    const std::string text = req.get_param_value("date");
    if (!is_calendar_day(text))
        throw bad_request("date must be a day written YYYY-MM-DD (found \"" + text.substr(0, 40) + "\")");
    return text;
}

// A claim or resolve: the request when the caller has it, else 409 naming who has.
// already_claimed is the one error that carries a field besides error and message.
void answer_take(httplib::Response& res, const HelpTakeResult& result) {
    if (result.ours) {
        answer(res, 200, {{"protocol", 1}, {"request", result.request}});
        return;
    }
    const json& holder = result.request["claimed_by"];
    const std::string done = result.request["status"] == "resolved" ? " resolved this request already" : " has taken this request";
    answer(res, 409,
           {{"error", "already_claimed"},
            {"message", holder["first_name"].get<std::string>() + done + "; ask them, or the site manager"},
            {"claimed_by", holder}});
}

// A rebook: the booking where it is now, or 409 slot_full with other slots of the
// service that have a seat. slot_full is the other error with a field of its own.
void answer_rebook(httplib::Response& res, const RebookResult& result) {
    if (result.moved) {
        answer(res, 200, {{"protocol", 1}, {"booking", result.booking}});
        return;
    }
    answer(res, 409,
           {{"error", "slot_full"},
            {"message", result.alternatives.empty() ? "that slot is full, and no later one of the service has a seat"
                                                    : "that slot is full; the alternatives have a seat"},
            {"alternatives", result.alternatives}});
}

}  // namespace

void BackofficeServer::add_staff_routes() {
    http_->Get("/api/v1/help", guarded([this](const httplib::Request& req, httplib::Response& res) {
        const auto lock = office_.lock();
        const Caller staff = staff_caller(req);
        const HelpListFilter filter = help_filter(req);
        answer(res, 200, {{"protocol", 1}, {"requests", office_.volunteers().help_list(staff, filter, Clock::now())}});
    }));

    http_->Get(R"(/api/v1/help/([^/]+)/voice)", guarded([this](const httplib::Request& req, httplib::Response& res) {
        const auto lock = office_.lock();
        const Caller staff = staff_caller(req);
        const std::vector<unsigned char> voice = office_.volunteers().voice(staff, path_id(req, "help request"));
        res.status = 200;
        // A senior's voice is personal data: no cache on the way may keep it.
        res.set_header("Cache-Control", "no-store");
        res.set_content(std::string(voice.begin(), voice.end()), "audio/ogg");
    }));

    http_->Post(R"(/api/v1/help/([^/]+)/claim)", guarded([this](const httplib::Request& req, httplib::Response& res) {
        const auto lock = office_.lock();
        const Caller staff = staff_caller(req);
        answer_take(res, office_.volunteers().claim(staff, path_id(req, "help request"), Clock::now()));
    }));

    http_->Post(R"(/api/v1/help/([^/]+)/note)", guarded([this](const httplib::Request& req, httplib::Response& res) {
        const auto lock = office_.lock();
        const Caller staff = staff_caller(req);
        const std::string id = path_id(req, "help request");
        const json body = object_body(req, false, "{\"text\": \"...\"}");
        const json request = office_.volunteers().add_note(staff, id, text_field(body, "text", true), Clock::now());
        answer(res, 200, {{"protocol", 1}, {"request", request}});
    }));

    http_->Post(R"(/api/v1/help/([^/]+)/resolve)", guarded([this](const httplib::Request& req, httplib::Response& res) {
        const auto lock = office_.lock();
        const Caller staff = staff_caller(req);
        const std::string id = path_id(req, "help request");
        const json body = object_body(req, true, "{\"note\": \"...\"} or nothing");
        answer_take(res, office_.volunteers().resolve(staff, id, text_field(body, "note", false), Clock::now()));
    }));

    http_->Get("/api/v1/bookings", guarded([this](const httplib::Request& req, httplib::Response& res) {
        const auto lock = office_.lock();
        const Caller staff = staff_caller(req);
        const std::string date = utc_date(req, Clock::now());
        answer(res, 200, {{"protocol", 1}, {"date", date}, {"bookings", office_.volunteers().bookings_on(staff, date)}});
    }));

    http_->Post(R"(/api/v1/bookings/([^/]+)/attendance)", guarded([this](const httplib::Request& req, httplib::Response& res) {
        const auto lock = office_.lock();
        const Caller staff = staff_caller(req);
        const std::string id = path_id(req, "booking");
        const json body = object_body(req, false, "{\"outcome\": \"attended\" | \"no_show\", \"reason\": \"...\"}");
        const json booking = office_.volunteers().record_attendance(staff, id, text_field(body, "outcome", true),
                                                                    text_field(body, "reason", false), Clock::now());
        answer(res, 200, {{"protocol", 1}, {"booking", booking}});
    }));

    http_->Post(R"(/api/v1/bookings/([^/]+)/rebook)", guarded([this](const httplib::Request& req, httplib::Response& res) {
        const auto lock = office_.lock();
        const Caller staff = staff_caller(req);
        const std::string id = path_id(req, "booking");
        const json body = object_body(req, false, "{\"slot_id\": \"...\"}");
        answer_rebook(res, office_.volunteers().rebook(staff, id, text_field(body, "slot_id", true), Clock::now()));
    }));
}

}  // namespace qiao::backoffice
