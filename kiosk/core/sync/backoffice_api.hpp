#pragma once
// BackofficeApi: what the sync steps need of a back office, a JSON POST and a GET under
// /api/v1/ with the kiosk's device token. BackofficeLink does it over HTTP (HttpClient);
// the unit tests give the steps a fake that answers what a test needs.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/sync/http_client.hpp"

namespace qiao::core {

class BackofficeApi {
public:
    virtual ~BackofficeApi() = default;
    // path: from the API root, e.g. "/api/v1/sync/push".
    virtual HttpReply post(std::string_view path, const nlohmann::json& body) = 0;
    virtual HttpReply get(std::string_view path_and_query) = 0;
};

class BackofficeLink final : public BackofficeApi {
public:
    // base_url: "https://office.example.org" (a trailing slash is fine).
    BackofficeLink(std::string base_url, std::string token, HttpOptions options);

    HttpReply post(std::string_view path, const nlohmann::json& body) override;
    HttpReply get(std::string_view path_and_query) override;

    const std::string& base_url() const { return base_url_; }

private:
    std::string url(std::string_view path) const { return base_url_ + std::string(path); }

    std::string base_url_;
    std::string token_;
    HttpClient client_;
};

}  // namespace qiao::core
