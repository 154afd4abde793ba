#include "core/storage/settings_store.hpp"

namespace qiao::core {

namespace {

static constexpr char kGetSql[] = "SELECT value FROM settings WHERE key = ?";
static constexpr char kSetSql[] =
    "INSERT INTO settings (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
static constexpr char kEraseSql[] = "DELETE FROM settings WHERE key = ?";
static constexpr char kAllSql[] = "SELECT key, value FROM settings ORDER BY key";

}  // namespace

std::optional<std::string> SettingsStore::get(std::string_view key) const {
    Statement statement(db_, kGetSql);
    statement.bind(1, key);
    if (!statement.step()) return std::nullopt;
    return statement.column_text(0);
}

void SettingsStore::set(std::string_view key, std::string_view value) {
    Statement statement(db_, kSetSql);
    statement.bind(1, key).bind(2, value);
    statement.run();
}

void SettingsStore::erase(std::string_view key) {
    Statement statement(db_, kEraseSql);
    statement.bind(1, key);
    statement.run();
}

std::vector<std::pair<std::string, std::string>> SettingsStore::all() const {
    Statement statement(db_, kAllSql);
    std::vector<std::pair<std::string, std::string>> rows;
    while (statement.step()) rows.emplace_back(statement.column_text(0), statement.column_text(1));
    return rows;
}

}  // namespace qiao::core
