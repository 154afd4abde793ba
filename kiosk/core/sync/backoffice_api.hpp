#pragma once
// BackofficeApi: what the sync steps need of a back office, a JSON POST, a GET and a
// file download under /api/v1/ with the kiosk's device token. BackofficeLink does it over
// HTTP (HttpClient); the unit tests give the steps a fake that answers what a test needs.
#include <filesystem>
#include <memory>
#include <optional>
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
    // Downloads into `file`, resuming from the bytes it already holds (as
    // HttpClient::get_to_file: "Range: bytes=N-", a 206 appended, a 200 starts again).
    virtual HttpReply download(std::string_view path, const std::filesystem::path& file) = 0;
};

class BackofficeLink final : public BackofficeApi {
public:
    // base_url: "https://office.example.org" (a trailing slash is fine). Downloads use
    // download_options when given (a longer time limit, a should_stop of their own), else
    // options; their client is made at the first download.
    BackofficeLink(std::string base_url, std::string token, HttpOptions options,
                   std::optional<HttpOptions> download_options = std::nullopt);

    HttpReply post(std::string_view path, const nlohmann::json& body) override;
    HttpReply get(std::string_view path_and_query) override;
    HttpReply download(std::string_view path, const std::filesystem::path& file) override;

    const std::string& base_url() const { return base_url_; }

private:
    std::string url(std::string_view path) const { return base_url_ + std::string(path); }

    std::string base_url_;
    std::string token_;
    HttpClient client_;
    HttpOptions download_options_;
    std::unique_ptr<HttpClient> download_client_;  // its own connection: a pack never holds up the JSON one
};

}  // namespace qiao::core
