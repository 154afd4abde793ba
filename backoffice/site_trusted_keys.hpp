#pragma once
// SiteTrustedKeys: the lesson pack publishers a site's kiosks trust (their .pub files, as
// `qiao-pack keygen` writes them), kept per site and published to its kiosks as one
// `trusted_keys` change: {"keys": [{"id", "public_key", "name"}]}.
#include <filesystem>
#include <vector>

#include "backoffice/change_feed.hpp"
#include "core/lessons/publisher_key.hpp"

namespace qiao::backoffice {

class SiteTrustedKeys {
public:
    SiteTrustedKeys(core::Database& db, ChangeFeed& feed) : db_(db), feed_(feed) {}

    // Reads and checks the public key file (core::PackError naming it and what is wrong),
    // adds it to the site's keys (again: harmless) and publishes them. ApiError 404 for
    // no such site.
    core::PublisherKey trust(const std::string& site_id, const std::filesystem::path& public_key_file);

    std::vector<core::PublisherKey> of(const std::string& site_id) const;

private:
    core::Database& db_;
    ChangeFeed& feed_;
};

// The id a key is known by in the feed: its fingerprint, without the spaces.
std::string trusted_key_id(const core::PublisherKey& key);

}  // namespace qiao::backoffice
