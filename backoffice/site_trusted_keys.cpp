#include "backoffice/site_trusted_keys.hpp"

#include <algorithm>

#include "backoffice/api_error.hpp"

namespace qiao::backoffice {

std::string trusted_key_id(const core::PublisherKey& key) {
    std::string id = key.fingerprint();
    id.erase(std::remove(id.begin(), id.end(), ' '), id.end());
    return id;
}

core::PublisherKey SiteTrustedKeys::trust(const std::string& site_id, const std::filesystem::path& public_key_file) {
    const core::PublisherKey key = core::load_public_key(public_key_file);
    core::Transaction transaction(db_);
    core::Statement site(db_, "SELECT 1 FROM sites WHERE id = ?");
    site.bind(1, site_id);
    if (!site.step()) throw not_found("there is no site \"" + site_id + "\"; add it first (admin site add)");
    core::Statement upsert(db_,
                           "INSERT INTO trusted_keys (site_id, key_id, public_key, name) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (site_id, key_id) DO UPDATE SET public_key = excluded.public_key, "
                           "name = excluded.name");
    upsert.bind(1, site_id).bind(2, trusted_key_id(key)).bind(3, key.base64()).bind(4, key.name);
    upsert.run();
    nlohmann::json keys = nlohmann::json::array();
    for (const core::PublisherKey& trusted : of(site_id))
        keys.push_back({{"id", trusted_key_id(trusted)}, {"public_key", trusted.base64()}, {"name", trusted.name}});
    feed_.publish(site_id, "", "trusted_keys", "trusted_keys", {{"keys", keys}});
    transaction.commit();
    return key;
}

std::vector<core::PublisherKey> SiteTrustedKeys::of(const std::string& site_id) const {
    std::vector<core::PublisherKey> keys;
    core::Statement select(db_, "SELECT public_key, name FROM trusted_keys WHERE site_id = ? ORDER BY key_id");
    select.bind(1, site_id);
    // Each was checked when it was trusted; one that no longer reads is a bug worth an error.
    while (select.step()) keys.push_back(core::public_key_from_base64(select.column_text(0), select.column_text(1)));
    return keys;
}

}  // namespace qiao::backoffice
