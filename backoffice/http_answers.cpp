#include "backoffice/http_answers.hpp"

namespace qiao::backoffice {

void answer(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    // Replace, not dump(): a kiosk's text that is not valid UTF-8 must not make a 500.
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void answer_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
    answer(res, status, {{"error", code}, {"message", message}});
}

nlohmann::json json_body(const httplib::Request& req) {
    try {
        return nlohmann::json::parse(req.body);
    } catch (const nlohmann::json::parse_error& e) {
        throw bad_request(std::string("the body is not JSON: ") + e.what());
    }
}

httplib::Server::Handler guarded(Handler handler) {
    return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
        try {
            handler(req, res);
        } catch (const ApiError& e) {
            answer_error(res, e.status(), e.code(), e.what());
        } catch (const nlohmann::json::exception& e) {
            // A field of the right name but the wrong type, read with get<>().
            answer_error(res, 400, "bad_request", std::string("a field has the wrong type: ") + e.what());
        }
    };
}

}  // namespace qiao::backoffice
