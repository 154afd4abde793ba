#pragma once
// What a back office's answer means for the kiosk (docs/sync-protocol.md, "Errors" and
// "Retry rule"), and how to say it in plain words for staff and the log.
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/sync/http_client.hpp"

namespace qiao::core {

enum class ReplyVerdict {
    Success,          // 2xx: the caller still checks the body is the JSON described
    RetryLater,       // no answer, a timeout, 5xx, 429 (or an unexpected status): back off, resend as is
    Unauthenticated,  // 401 (unauthenticated, token_revoked): stop until enrolled again
    RequestRefused,   // 400, 413: the request itself is wrong; never resend it as is
    Refused,          // 403, 404 and other 4xx: staff must look; back off
};

ReplyVerdict verdict_of(const HttpReply& reply);

// The "error" code of a JSON error answer ("token_revoked"); "" if the body has none.
std::string error_code_of(const HttpReply& reply);

// One line: what was asked, and what came back. "push: the back office answered
// HTTP 503 (unavailable: the server is starting)", or the transport error.
std::string describe_failure(std::string_view what, const HttpReply& reply);

// A 2xx answer whose body is not the JSON the protocol describes: counts as a failed
// send, to be retried (the message says what was wrong with it).
class ReplyFormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace qiao::core
