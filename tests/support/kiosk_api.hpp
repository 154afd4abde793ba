#pragma once
// KioskApi: the back office's HTTP API as a test calls it by hand (httplib's client),
// to check the server's answers themselves; the kiosk's real client is core/sync.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace qiao::testing {

struct ApiAnswer {
    int status = -1;  // -1: no answer at all
    std::string text;
    nlohmann::json json() const { return nlohmann::json::parse(text); }
};

class KioskApi {
public:
    KioskApi(int port, std::string token) : port_(port), token_(std::move(token)) {}

    ApiAnswer push(const nlohmann::json& entries) const;
    ApiAnswer pull(std::int64_t after, int limit = 200) const;
    ApiAnswer post(const std::string& path, const std::string& body) const;
    ApiAnswer get(const std::string& path) const;

private:
    int port_;
    std::string token_;
};

// An outbox entry as a kiosk sends it: a new client id, the kind and the body.
nlohmann::json outbox_entry(const std::string& kind, const nlohmann::json& body);
// The body of a booking_request / booking_waitlist for the slot, with a new booking id.
nlohmann::json booking_body(const std::string& slot_id);

}  // namespace qiao::testing
