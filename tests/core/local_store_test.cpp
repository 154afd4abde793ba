#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <regex>
#include <string>
#include <vector>

#include "core/log.hpp"
#include "core/storage/local_store.hpp"
#include "core/storage/migrations.hpp"
#include "core/storage/settings_store.hpp"
#include "core/storage_temp_dir.hpp"

using qiao::core::Database;
using qiao::core::LocalStore;
using qiao::core::Log;
using qiao::core::LogLevel;
using qiao::core::SettingsStore;
using qiao::core::Statement;
using qiao::core::StorageError;
using qiao::test::read_bytes;
using qiao::test::StorageTempDir;
using qiao::test::write_bytes;

namespace fs = std::filesystem;

namespace {

// Keeps the lines for the test to read, prints nothing.
struct QuietLog : Log {
    QuietLog() : Log([](LogLevel, std::string_view) {}) { keep_lines(true); }
};

std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string garbage_bytes() {
    std::string bytes;
    for (int i = 0; i < 200; ++i) bytes += "not sqlite at all #" + std::to_string(i) + "\n";
    return bytes;
}

// A real, closed store with enough rows to span many pages.
void make_full_store(const fs::path& dir) {
    QuietLog log;
    LocalStore store = LocalStore::open_in(dir, log);
    SettingsStore settings(store.db());
    qiao::core::Transaction transaction(store.db());
    for (int i = 0; i < 2000; ++i) settings.set("key." + std::to_string(i), std::string(100, 'v'));
    transaction.commit();
}

void check_recovered_store_works(LocalStore& store, const fs::path& dir) {
    CHECK(store.db().user_version() == qiao::core::latest_schema_version());
    SettingsStore settings(store.db());
    CHECK(settings.all().empty());
    settings.set("display.text_size", "large");
    CHECK(settings.get("display.text_size") == "large");
    CHECK(store.db().quick_check() == "ok");
    CHECK(fs::exists(dir / "qiao.db"));
}

}  // namespace

TEST_CASE("LocalStore: creates the data directory and a migrated WAL store") {
    StorageTempDir dir("store-fresh");
    const auto data_dir = dir / "nested/data";
    QuietLog log;
    LocalStore store = LocalStore::open_in(data_dir, log);

    CHECK(fs::is_regular_file(data_dir / "qiao.db"));
    CHECK_FALSE(store.open_report().recovered_from_corruption);
    CHECK(store.open_report().moved_aside_to.empty());
    CHECK(store.db().user_version() == qiao::core::latest_schema_version());
    Statement mode(store.db(), "PRAGMA journal_mode");
    REQUIRE(mode.step());
    CHECK(mode.column_text(0) == "wal");
    CHECK(log.lines().empty());
}

TEST_CASE("LocalStore: reopening keeps what was written") {
    StorageTempDir dir("store-reopen");
    QuietLog log;
    {
        LocalStore store = LocalStore::open_in(dir.path(), log);
        SettingsStore(store.db()).set("voice.rate_wpm", "110");
    }
    LocalStore store = LocalStore::open_in(dir.path(), log);
    CHECK(SettingsStore(store.db()).get("voice.rate_wpm") == "110");
    CHECK_FALSE(store.open_report().recovered_from_corruption);
}

TEST_CASE("LocalStore: a garbage file is moved aside with its bytes, and a fresh store starts") {
    StorageTempDir dir("store-garbage");
    const std::string garbage = garbage_bytes();
    const std::string wal_garbage = "stale wal bytes";
    write_bytes(dir / "qiao.db", garbage);
    write_bytes(dir / "qiao.db-wal", wal_garbage);

    QuietLog log;
    LocalStore store = LocalStore::open_in(dir.path(), log);
    const auto& report = store.open_report();

    REQUIRE(report.recovered_from_corruption);
    CHECK(report.moved_aside_to.parent_path() == dir.path());
    CHECK(std::regex_match(report.moved_aside_to.filename().string(),
                           std::regex(R"(qiao\.db\.corrupt-\d{8}T\d{6}Z)")));
    CHECK(read_bytes(report.moved_aside_to) == garbage);
    CHECK(read_bytes(report.moved_aside_to.string() + "-wal") == wal_garbage);
    CHECK(report.reason.find("file is not a database") != std::string::npos);

    const auto lines = log.lines();
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].rfind("warning: ", 0) == 0);
    CHECK(lines[0].find("file is not a database") != std::string::npos);
    CHECK(lines[0].find(report.moved_aside_to.string()) != std::string::npos);

    check_recovered_store_works(store, dir.path());
    CHECK(read_bytes(dir / "qiao.db") != garbage);
}

TEST_CASE("LocalStore: a truncated store is moved aside and replaced") {
    StorageTempDir dir("store-truncated");
    make_full_store(dir.path());
    REQUIRE_FALSE(fs::exists(dir / "qiao.db-wal"));  // closed cleanly: all in the main file
    const auto full_size = fs::file_size(dir / "qiao.db");
    REQUIRE(full_size > 100 * 1024);
    fs::resize_file(dir / "qiao.db", full_size / 2);
    const std::string truncated = read_bytes(dir / "qiao.db");

    QuietLog log;
    LocalStore store = LocalStore::open_in(dir.path(), log);
    REQUIRE(store.open_report().recovered_from_corruption);
    CHECK(read_bytes(store.open_report().moved_aside_to) == truncated);
    CHECK_FALSE(store.open_report().reason.empty());
    CHECK(log.lines().size() == 1);
    check_recovered_store_works(store, dir.path());
}

TEST_CASE("LocalStore: a store with a damaged page fails its check and is replaced") {
    StorageTempDir dir("store-damaged-page");
    make_full_store(dir.path());
    std::string bytes = read_bytes(dir / "qiao.db");
    REQUIRE(bytes.size() > 64 * 4096);
    // Scribble over the middle of the file, past the header and the schema page.
    for (std::size_t i = 20 * 4096; i < 40 * 4096; ++i) bytes[i] = static_cast<char>(0xA5 ^ (i & 0xFF));
    write_bytes(dir / "qiao.db", bytes);

    QuietLog log;
    LocalStore store = LocalStore::open_in(dir.path(), log);
    REQUIRE(store.open_report().recovered_from_corruption);
    CHECK(read_bytes(store.open_report().moved_aside_to) == bytes);
    check_recovered_store_works(store, dir.path());
}

TEST_CASE("LocalStore: a damaged store's -wal is moved aside with it, unchanged") {
    StorageTempDir source("store-wal-source");
    StorageTempDir dir("store-wal-damaged");
    make_full_store(source.path());
    {
        // Snapshot the files while a writer has fresh commits in the -wal: the state a
        // power cut leaves behind.
        Database db = Database::open(source / "qiao.db");
        for (int i = 0; i < 20; ++i) {
            Statement insert(db, "INSERT INTO settings (key, value) VALUES (?, ?)");
            insert.bind(1, "zz.late." + std::to_string(i)).bind(2, "w");
            insert.run();
        }
        REQUIRE(fs::file_size(source / "qiao.db-wal") > 0);
        fs::copy_file(source / "qiao.db", dir / "qiao.db");
        fs::copy_file(source / "qiao.db-wal", dir / "qiao.db-wal");
    }
    std::string bytes = read_bytes(dir / "qiao.db");
    for (std::size_t i = 20 * 4096; i < 40 * 4096; ++i) bytes[i] = static_cast<char>(0x5A ^ (i & 0xFF));
    write_bytes(dir / "qiao.db", bytes);
    const std::string wal = read_bytes(dir / "qiao.db-wal");

    QuietLog log;
    LocalStore store = LocalStore::open_in(dir.path(), log);
    REQUIRE(store.open_report().recovered_from_corruption);
    const auto moved = store.open_report().moved_aside_to;
    CHECK(read_bytes(moved) == bytes);
    CHECK(read_bytes(moved.string() + "-wal") == wal);
    check_recovered_store_works(store, dir.path());
}

TEST_CASE("LocalStore: a second recovery in the same second gets a counter suffix") {
    StorageTempDir dir("store-counter");
    // Occupy the names for this second and the next two, so the run below must count.
    std::vector<fs::path> occupied;
    const auto now = std::chrono::system_clock::now();
    for (int s = 0; s < 3; ++s) {
        const std::time_t t = std::chrono::system_clock::to_time_t(now + std::chrono::seconds(s));
        std::tm utc{};
        gmtime_r(&t, &utc);
        char stamp[32];
        std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
        occupied.push_back(dir / (std::string("qiao.db.corrupt-") + stamp));
        write_bytes(occupied.back(), "earlier corpse " + std::to_string(s));
    }
    write_bytes(dir / "qiao.db", garbage_bytes());

    QuietLog log;
    LocalStore store = LocalStore::open_in(dir.path(), log);
    const auto moved = store.open_report().moved_aside_to;
    REQUIRE(store.open_report().recovered_from_corruption);
    CHECK(std::regex_match(moved.filename().string(), std::regex(R"(qiao\.db\.corrupt-\d{8}T\d{6}Z\.2)")));
    CHECK(read_bytes(moved) == garbage_bytes());
    for (std::size_t s = 0; s < occupied.size(); ++s) {
        CHECK(read_bytes(occupied[s]) == "earlier corpse " + std::to_string(s));
    }
}

TEST_CASE("LocalStore: a store from a newer Qiao is refused and left byte-identical") {
    StorageTempDir dir("store-newer");
    bool wal_mode = true;
    SUBCASE("written in WAL mode") { wal_mode = true; }
    SUBCASE("written with a rollback journal") { wal_mode = false; }
    {
        QuietLog log;
        LocalStore store = LocalStore::open_in(dir.path(), log);
        SettingsStore(store.db()).set("kept", "yes");
        if (!wal_mode) store.db().exec("PRAGMA journal_mode = DELETE");
        store.db().set_user_version(99);
    }
    const std::string before = read_bytes(dir / "qiao.db");
    const auto names_before = files_in(dir.path());

    QuietLog log;
    try {
        LocalStore store = LocalStore::open_in(dir.path(), log);
        FAIL("a newer store must be refused");
    } catch (const StorageError& e) {
        const std::string what = e.what();
        CHECK(what.find("newer version of Qiao (schema 99, this build knows " + std::to_string(qiao::core::latest_schema_version()) + "); it was left untouched") !=
              std::string::npos);
        CHECK(what.find((dir / "qiao.db").string()) != std::string::npos);
    }
    CHECK(read_bytes(dir / "qiao.db") == before);
    CHECK(files_in(dir.path()) == names_before);  // nothing moved aside, nothing left over
    CHECK(log.lines().empty());
}

TEST_CASE("LocalStore: another program's database is refused, not moved aside") {
    StorageTempDir dir("store-foreign");
    {
        Database db = Database::open(dir / "qiao.db");
        db.exec("PRAGMA journal_mode = DELETE");
        db.exec("PRAGMA application_id = 1234");
        db.exec("CREATE TABLE photos (name TEXT)");
    }
    const std::string before = read_bytes(dir / "qiao.db");
    QuietLog log;
    CHECK_THROWS_AS(LocalStore::open_in(dir.path(), log), StorageError);
    CHECK(read_bytes(dir / "qiao.db") == before);
    CHECK(files_in(dir.path()) == std::vector<std::string>{"qiao.db"});
}

TEST_CASE("LocalStore: an unusable data directory is named in the error") {
    StorageTempDir dir("store-bad-dir");
    write_bytes(dir / "a-file", "x");
    QuietLog log;

    SUBCASE("the data directory is a file") {
        try {
            LocalStore::open_in(dir / "a-file", log);
            FAIL("should have thrown");
        } catch (const StorageError& e) {
            CHECK(std::string(e.what()).find((dir / "a-file").string()) != std::string::npos);
        }
    }
    SUBCASE("the data directory cannot be created") {
        const auto data_dir = dir / "a-file/data";
        try {
            LocalStore::open_in(data_dir, log);
            FAIL("should have thrown");
        } catch (const StorageError& e) {
            CHECK(std::string(e.what()).find(data_dir.string()) != std::string::npos);
        }
    }
    CHECK(read_bytes(dir / "a-file") == "x");
}

TEST_CASE("LocalStore: the in-memory store is migrated") {
    LocalStore store = LocalStore::open_in_memory();
    CHECK(store.db().user_version() == qiao::core::latest_schema_version());
    CHECK_FALSE(store.open_report().recovered_from_corruption);
}
