#include "support/kiosk_api.hpp"

#include <httplib.h>

#include "core/outbox/outbox.hpp"

namespace qiao::testing {

namespace {

ApiAnswer from(const httplib::Result& result) {
    if (!result) return {};
    return {result->status, result->body};
}

httplib::Headers auth(const std::string& token) {
    if (token.empty()) return {};
    return {{"Authorization", "Bearer " + token}};
}

}  // namespace

ApiAnswer KioskApi::push(const nlohmann::json& entries) const {
    return post("/api/v1/sync/push", nlohmann::json{{"protocol", 1}, {"entries", entries}}.dump());
}

ApiAnswer KioskApi::pull(std::int64_t after, int limit) const {
    return get("/api/v1/sync/pull?after=" + std::to_string(after) + "&limit=" + std::to_string(limit));
}

ApiAnswer KioskApi::post(const std::string& path, const std::string& body) const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(30, 0);
    return from(client.Post(path.c_str(), auth(token_), body, "application/json"));
}

ApiAnswer KioskApi::get(const std::string& path) const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(30, 0);
    return from(client.Get(path.c_str(), auth(token_)));
}

nlohmann::json outbox_entry(const std::string& kind, const nlohmann::json& body) {
    return {{"id", core::new_client_id()}, {"kind", kind}, {"created_at", "2026-11-27T08:30:00.000Z"}, {"body", body}};
}

nlohmann::json booking_body(const std::string& slot_id) {
    return {{"id", core::new_client_id()}, {"code", "K7P2QA"},          {"service_id", "phone-class"},
            {"slot_id", slot_id},         {"starts_at", "2026-12-01T10:00:00Z"}, {"ends_at", "2026-12-01T11:00:00Z"},
            {"phone", "13812345678"},     {"phone_masked", "138****5678"},   {"for_someone_else", false},
            {"created_at", "2026-11-27T08:30:00Z"}};
}

}  // namespace qiao::testing
