#pragma once
// How every route answers: JSON bodies, errors as {"error", "message"} with the
// protocol's codes, and one wrapper that turns ApiError and unreadable JSON into those
// answers so a handler only says what it does.
#include <httplib.h>

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "backoffice/api_error.hpp"

namespace qiao::backoffice {

void answer(httplib::Response& res, int status, const nlohmann::json& body);
void answer_error(httplib::Response& res, int status, const std::string& code, const std::string& message);

// The request body as JSON, or ApiError 400 naming where it stopped making sense.
nlohmann::json json_body(const httplib::Request& req);

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
// Runs the handler; ApiError becomes its status and code. Anything else is left to the
// server's exception handler (a logged 500).
httplib::Server::Handler guarded(Handler handler);

}  // namespace qiao::backoffice
