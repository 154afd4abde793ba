#include "core/sync/trusted_keys_file.hpp"

#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/lessons/durable_fs.hpp"
#include "core/lessons/pack_error.hpp"
#include "core/lessons/publisher_key.hpp"
#include "core/lessons/trusted_keys.hpp"
#include "core/sync/sync_credentials.hpp"

namespace fs = std::filesystem;

namespace qiao::core {

namespace {

using json = nlohmann::json;

constexpr const char* kFilePrefix = "backoffice-";
constexpr std::size_t kMaxNameLength = 200;

// A key's name is the third line of its file: one line, printable, bounded.
std::string one_line_name(const std::string& name) {
    std::string line;
    for (const char c : name) {
        if (line.size() >= kMaxNameLength) break;
        line += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c;
    }
    return line;
}

// As `qiao-pack keygen` writes a .pub file (publisher_key.hpp).
std::string public_key_text(const PublisherKey& key) {
    std::string text = "qiao-publisher-key v1\n" + key.base64() + "\n";
    if (!key.name.empty()) text += key.name + "\n";
    return text;
}

// The file name is made from the key itself, never from what the back office calls it.
std::string file_name_for(const PublisherKey& key) {
    std::string id;
    for (const char c : key.fingerprint())
        if (c != ' ') id += c;
    return kFilePrefix + id + ".pub";
}

std::optional<std::string> file_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::set<std::string> read_record(const SettingsStore& settings) {
    std::set<std::string> names;
    const auto text = settings.get(sync_keys::kWrittenPublishers);
    if (!text) return names;
    const json list = json::parse(*text, nullptr, false);
    if (!list.is_array()) return names;
    for (const json& name : list)
        if (name.is_string() && name.get<std::string>().rfind(kFilePrefix, 0) == 0 &&
            name.get<std::string>().find('/') == std::string::npos)
            names.insert(name.get<std::string>());
    return names;
}

void store_record(SettingsStore& settings, const std::set<std::string>& names) {
    settings.set(sync_keys::kWrittenPublishers, json(names).dump());
}

}  // namespace

TrustedKeysFileResult write_backoffice_publishers(const fs::path& data_dir, SettingsStore& settings, Log& log) {
    TrustedKeysFileResult result;
    const auto pulled = settings.get(sync_keys::kTrustedKeys);
    if (!pulled) return result;  // the back office has not said whom it trusts yet
    const json data = json::parse(*pulled, nullptr, false);
    const json* keys = data.is_object() && data.contains("keys") && data["keys"].is_array() ? &data["keys"] : nullptr;
    if (!keys) return result;  // PulledChanges stores only a change with a "keys" list

    std::map<std::string, std::string> wanted;  // file name -> its text
    for (const json& entry : *keys) {
        const std::string name = entry.is_object() && entry.contains("name") && entry["name"].is_string()
                                     ? entry["name"].get<std::string>()
                                     : std::string();
        if (!entry.is_object() || !entry.contains("public_key") || !entry["public_key"].is_string()) {
            log.warning("a trusted key from the back office has no \"public_key\"; skipped");
            continue;
        }
        try {
            const PublisherKey key = public_key_from_base64(entry["public_key"].get<std::string>(), one_line_name(name));
            wanted[file_name_for(key)] = public_key_text(key);
        } catch (const PackError& e) {
            log.warning(std::string("a trusted key from the back office was skipped: ") + e.what());
        }
    }

    const fs::path folder = trusted_publishers_dir(data_dir);
    std::set<std::string> record = read_record(settings);
    for (const auto& [name, text] : wanted) {
        const fs::path file = folder / name;
        const auto existing = file_text(file);
        if (existing == text) continue;
        if (existing && record.count(name) == 0) continue;  // a site manager's own copy: theirs to keep
        if (record.insert(name).second) store_record(settings, record);  // before the file: see the header
        create_directories_durably(folder);
        write_file_atomically(file, text, 0644);
        ++result.written;
        log.info("sync: the back office's trusted publisher " + name + " was written to " + folder.string());
    }
    for (auto it = record.begin(); it != record.end();) {
        if (wanted.count(*it) > 0) {
            ++it;
            continue;
        }
        const fs::path file = folder / *it;
        std::error_code ec;
        if (fs::remove(file, ec)) {
            fsync_path(folder);
            ++result.removed;
            log.info("sync: the back office no longer trusts the publisher of " + file.string() + "; the file was removed");
        } else if (ec) {
            throw PackError("could not remove " + file.string() + ": " + ec.message());
        }
        it = record.erase(it);
        store_record(settings, record);
    }
    return result;
}

}  // namespace qiao::core
