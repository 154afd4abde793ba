#pragma once
// ApiError: a refusal the caller can act on, with the HTTP status and the protocol's
// error code (docs/sync-protocol.md, "Errors"). Thrown by the back office's services and
// turned into a JSON answer at the edge, so no handler writes its own error bodies.
#include <stdexcept>
#include <string>

namespace qiao::backoffice {

class ApiError : public std::runtime_error {
public:
    ApiError(int status, std::string code, const std::string& message)
        : std::runtime_error(message), status_(status), code_(std::move(code)) {}
    int status() const { return status_; }
    const std::string& code() const { return code_; }

private:
    int status_;
    std::string code_;
};

inline ApiError bad_request(const std::string& message) { return ApiError(400, "bad_request", message); }
inline ApiError forbidden(const std::string& message) { return ApiError(403, "forbidden", message); }
inline ApiError not_found(const std::string& message) { return ApiError(404, "not_found", message); }

}  // namespace qiao::backoffice
