#include "core/sync/backoffice_api.hpp"

namespace qiao::core {

BackofficeLink::BackofficeLink(std::string base_url, std::string token, HttpOptions options,
                               std::optional<HttpOptions> download_options)
    : base_url_(std::move(base_url)),
      token_(std::move(token)),
      client_(options),
      download_options_(download_options ? std::move(*download_options) : std::move(options)) {
    while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

HttpReply BackofficeLink::post(std::string_view path, const nlohmann::json& body) {
    // Invalid UTF-8 in a body (it should never be there) is replaced, not thrown on.
    return client_.post_json(url(path), body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), token_);
}

HttpReply BackofficeLink::get(std::string_view path_and_query) { return client_.get(url(path_and_query), token_); }

HttpReply BackofficeLink::download(std::string_view path, const std::filesystem::path& file) {
    if (!download_client_) download_client_ = std::make_unique<HttpClient>(download_options_);
    return download_client_->get_to_file(url(path), file, token_);
}

}  // namespace qiao::core
