#include "core/lessons/pack_availability.hpp"

#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/lessons/pack_identity.hpp"
#include "core/storage/settings_store.hpp"

namespace qiao::core {

namespace {

void check_id(const std::string& pack_id) {
    if (!is_valid_pack_id(pack_id))
        throw std::invalid_argument("'" + pack_id.substr(0, 80) + "' is not a lesson pack id (like org.qiao.basics)");
}

}  // namespace

std::vector<std::string> PackAvailability::disabled() const {
    std::vector<std::string> ids;
    const auto text = SettingsStore(db_).get(kDisabledPacksKey);
    if (!text) return ids;
    const auto list = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (!list.is_array()) return ids;
    for (const auto& id : list)
        if (id.is_string() && is_valid_pack_id(id.get<std::string>())) ids.push_back(id.get<std::string>());
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

bool PackAvailability::is_enabled(const std::string& pack_id) const {
    const auto ids = disabled();
    return !std::binary_search(ids.begin(), ids.end(), pack_id);
}

void PackAvailability::disable(const std::string& pack_id) {
    check_id(pack_id);
    Transaction transaction(db_);
    std::vector<std::string> ids = disabled();
    if (!std::binary_search(ids.begin(), ids.end(), pack_id)) {
        ids.insert(std::upper_bound(ids.begin(), ids.end(), pack_id), pack_id);
        store(ids);
    }
    transaction.commit();
}

void PackAvailability::enable(const std::string& pack_id) {
    check_id(pack_id);
    Transaction transaction(db_);
    std::vector<std::string> ids = disabled();
    ids.erase(std::remove(ids.begin(), ids.end(), pack_id), ids.end());
    store(ids);
    transaction.commit();
}

void PackAvailability::store(const std::vector<std::string>& ids) {
    SettingsStore settings(db_);
    if (ids.empty())
        settings.erase(kDisabledPacksKey);
    else
        settings.set(kDisabledPacksKey, nlohmann::json(ids).dump());
}

}  // namespace qiao::core
