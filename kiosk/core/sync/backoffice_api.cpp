#include "core/sync/backoffice_api.hpp"

namespace qiao::core {

BackofficeLink::BackofficeLink(std::string base_url, std::string token, HttpOptions options)
    : base_url_(std::move(base_url)), token_(std::move(token)), client_(std::move(options)) {
    while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

HttpReply BackofficeLink::post(std::string_view path, const nlohmann::json& body) {
    // Invalid UTF-8 in a body (it should never be there) is replaced, not thrown on.
    return client_.post_json(url(path), body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), token_);
}

HttpReply BackofficeLink::get(std::string_view path_and_query) { return client_.get(url(path_and_query), token_); }

}  // namespace qiao::core
