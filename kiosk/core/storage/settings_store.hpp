#pragma once
// SettingsStore: the site's settings, as text values under dotted keys
// ("voice.rate_wpm", "display.text_size"), in the local store. Staff change them
// (a later issue); the kiosk reads them at start-up and after an idle reset.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/database.hpp"

namespace qiao::core {

class SettingsStore {
public:
    explicit SettingsStore(Database& db) : db_(db) {}

    std::optional<std::string> get(std::string_view key) const;
    void set(std::string_view key, std::string_view value);
    void erase(std::string_view key);
    // Every (key, value), ordered by key.
    std::vector<std::pair<std::string, std::string>> all() const;

private:
    Database& db_;
};

}  // namespace qiao::core
