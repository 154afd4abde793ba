#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "core/log.hpp"
#include "core/storage/local_store.hpp"
#include "core/storage/settings_store.hpp"
#include "core/storage_temp_dir.hpp"

using qiao::core::LocalStore;
using qiao::core::SettingsStore;

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST_CASE("SettingsStore: an unknown key has no value") {
    LocalStore store = LocalStore::open_in_memory();
    SettingsStore settings(store.db());
    CHECK_FALSE(settings.get("voice.rate_wpm").has_value());
    CHECK(settings.all().empty());
}

TEST_CASE("SettingsStore: set, overwrite, erase") {
    LocalStore store = LocalStore::open_in_memory();
    SettingsStore settings(store.db());

    settings.set("voice.rate_wpm", "120");
    CHECK(settings.get("voice.rate_wpm") == "120");
    settings.set("voice.rate_wpm", "95");  // overwrite, not a second row
    CHECK(settings.get("voice.rate_wpm") == "95");
    CHECK(settings.all() == Pairs{{"voice.rate_wpm", "95"}});

    settings.erase("voice.rate_wpm");
    CHECK_FALSE(settings.get("voice.rate_wpm").has_value());
    settings.erase("never.set");  // erasing a missing key is not an error
    CHECK(settings.all().empty());
}

TEST_CASE("SettingsStore: all() is ordered by key and keeps text exactly") {
    LocalStore store = LocalStore::open_in_memory();
    SettingsStore settings(store.db());
    settings.set("voice.rate_wpm", "120");
    settings.set("display.text_size", "large");
    settings.set("site.name", "幸福里社区 · 微站点");
    settings.set("site.note", "");                     // empty is a value, not "missing"
    settings.set("site.quote", "it's \"quoted\"; DROP"); // placeholders, never string splicing

    CHECK(settings.all() == Pairs{{"display.text_size", "large"},
                                  {"site.name", "幸福里社区 · 微站点"},
                                  {"site.note", ""},
                                  {"site.quote", "it's \"quoted\"; DROP"},
                                  {"voice.rate_wpm", "120"}});
    CHECK(settings.get("site.note") == std::string());
}

TEST_CASE("SettingsStore: values survive closing and reopening the store") {
    qiao::test::StorageTempDir dir("settings-round-trip");
    qiao::core::Log log([](qiao::core::LogLevel, std::string_view) {});
    {
        LocalStore store = LocalStore::open_in(dir.path(), log);
        SettingsStore settings(store.db());
        settings.set("display.text_size", "largest");
        settings.set("voice.rate_wpm", "100");
        settings.erase("voice.rate_wpm");
    }
    LocalStore store = LocalStore::open_in(dir.path(), log);
    CHECK(SettingsStore(store.db()).all() == Pairs{{"display.text_size", "largest"}});
}
