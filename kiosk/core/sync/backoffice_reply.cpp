#include "core/sync/backoffice_reply.hpp"

#include <nlohmann/json.hpp>

namespace qiao::core {

namespace {

// The error answer's fields, if the body is one ({"error": ..., "message": ...}).
std::pair<std::string, std::string> error_fields(const HttpReply& reply) {
    const nlohmann::json body = nlohmann::json::parse(reply.body, nullptr, false);
    if (!body.is_object()) return {};
    std::pair<std::string, std::string> fields;
    if (auto it = body.find("error"); it != body.end() && it->is_string()) fields.first = it->get<std::string>();
    if (auto it = body.find("message"); it != body.end() && it->is_string()) fields.second = it->get<std::string>();
    return fields;
}

}  // namespace

ReplyVerdict verdict_of(const HttpReply& reply) {
    if (!reply.answered()) return ReplyVerdict::RetryLater;
    const long s = reply.status;
    if (s >= 200 && s < 300) return ReplyVerdict::Success;
    if (s == 401) return ReplyVerdict::Unauthenticated;
    if (s == 400 || s == 413) return ReplyVerdict::RequestRefused;
    if (s == 429 || s >= 500) return ReplyVerdict::RetryLater;
    if (s >= 400) return ReplyVerdict::Refused;
    return ReplyVerdict::RetryLater;  // 1xx/3xx: nothing the protocol sends; try again later
}

std::string error_code_of(const HttpReply& reply) { return error_fields(reply).first; }

std::string describe_failure(std::string_view what, const HttpReply& reply) {
    std::string line(what);
    line += ": ";
    if (!reply.answered()) return line + reply.transport_error;
    line += "the back office answered HTTP " + std::to_string(reply.status);
    const auto [code, message] = error_fields(reply);
    if (!code.empty() || !message.empty()) {
        line += " (" + code;
        if (!code.empty() && !message.empty()) line += ": ";
        // Only a line for a log or a staff screen: a long message is cut.
        line += message.size() > 300 ? message.substr(0, 300) + "..." : message;
        line += ")";
    }
    return line;
}

}  // namespace qiao::core
