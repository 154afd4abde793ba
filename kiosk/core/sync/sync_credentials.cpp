#include "core/sync/sync_credentials.hpp"

#include <fstream>
#include <iterator>

#include "core/lessons/durable_fs.hpp"

namespace qiao::core {

std::optional<SyncCredentials> load_credentials(const std::filesystem::path& data_dir, const SettingsStore& settings) {
    const auto url = settings.get(sync_keys::kUrl);
    if (!url || url->empty()) return std::nullopt;
    std::ifstream in(data_dir / kTokenFileName, std::ios::binary);
    if (!in) return std::nullopt;
    std::string token((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
    if (token.empty()) return std::nullopt;
    SyncCredentials credentials;
    credentials.url = *url;
    credentials.token = std::move(token);
    credentials.kiosk_id = settings.get(sync_keys::kKioskId).value_or("");
    credentials.site_id = settings.get(sync_keys::kSiteId).value_or("");
    credentials.site_name = settings.get(sync_keys::kSiteName).value_or("");
    return credentials;
}

void save_credentials(const std::filesystem::path& data_dir, SettingsStore& settings, Database& db,
                      const SyncCredentials& credentials) {
    create_directories_durably(data_dir);
    // The token first: settings naming a back office without its token read as "not
    // enrolled", never as a kiosk with somebody else's token.
    write_file_atomically(data_dir / kTokenFileName, credentials.token + "\n", 0600);
    Transaction transaction(db);
    settings.set(sync_keys::kUrl, credentials.url);
    settings.set(sync_keys::kKioskId, credentials.kiosk_id);
    settings.set(sync_keys::kSiteId, credentials.site_id);
    settings.set(sync_keys::kSiteName, credentials.site_name);
    settings.set(sync_keys::kCursor, "0");
    transaction.commit();
}

}  // namespace qiao::core
