#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/storage/database.hpp"
#include "core/storage/migrations.hpp"
#include "core/storage_temp_dir.hpp"

using qiao::core::Database;
using qiao::core::Statement;
using qiao::core::StorageError;
using qiao::test::StorageTempDir;

namespace {

std::int64_t application_id(Database& db) {
    Statement statement(db, "PRAGMA application_id");
    REQUIRE(statement.step());
    return statement.column_int(0);
}

std::vector<std::string> tables(Database& db) {
    Statement statement(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    std::vector<std::string> names;
    while (statement.step()) names.push_back(statement.column_text(0));
    return names;
}

// "name type notnull pk" for each column, in table order.
std::vector<std::string> columns(Database& db, const std::string& table) {
    Statement statement(db, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid");
    statement.bind(1, table);
    std::vector<std::string> out;
    while (statement.step()) {
        out.push_back(statement.column_text(0) + " " + statement.column_text(1) + " " +
                      std::to_string(statement.column_int(2)) + " " + std::to_string(statement.column_int(3)));
    }
    return out;
}

const std::vector<std::string> kAllTables = {
    "bookings",       "help_requests",   "hours_ledger", "lesson_completions", "lesson_progress",
    "outbox",         "phone_pins",      "schedule",     "settings",           "staff_accounts",
    "staff_pin_guard", "staff_shifts",   "sync_problems", "touch_counts"};

// Drops what schema v6 added, so a test can stand in for an older store.
constexpr char kDropV6[] =
    "DROP TABLE staff_accounts; DROP TABLE staff_pin_guard; DROP TABLE staff_shifts; DROP TABLE hours_ledger";

}  // namespace

TEST_CASE("migrate: a fresh database gets the latest schema and Qiao's application_id") {
    Database db = Database::open(":memory:");
    qiao::core::migrate(db);

    CHECK(qiao::core::latest_schema_version() == 6);
    CHECK(db.user_version() == qiao::core::latest_schema_version());
    CHECK(application_id(db) == 0x5149414F);
    CHECK(tables(db) == kAllTables);
    CHECK(columns(db, "settings") == std::vector<std::string>{"key TEXT 1 1", "value TEXT 1 0"});
    CHECK(columns(db, "touch_counts") == std::vector<std::string>{"day TEXT 1 1", "screen TEXT 1 2",
                                                                  "taps INTEGER 1 0", "mis_touches INTEGER 1 0"});
}

TEST_CASE("migrate: running it again changes nothing and keeps the data") {
    Database db = Database::open(":memory:");
    qiao::core::migrate(db);
    db.exec("INSERT INTO settings (key, value) VALUES ('voice.rate_wpm', '120')");
    qiao::core::migrate(db);
    CHECK(db.user_version() == 6);
    Statement select(db, "SELECT value FROM settings WHERE key = 'voice.rate_wpm'");
    REQUIRE(select.step());
    CHECK(select.column_text(0) == "120");
}

TEST_CASE("migrate: an empty (zero-byte) file becomes a store of the latest schema") {
    StorageTempDir dir("migrate-empty-file");
    const auto file = dir / "empty.db";
    qiao::test::write_bytes(file, "");
    REQUIRE(std::filesystem::file_size(file) == 0);

    {
        Database db = Database::open(file);
        qiao::core::migrate(db);
        CHECK(db.user_version() == 6);
    }
    Database reopened = Database::open(file);
    CHECK(reopened.user_version() == 6);
    CHECK(application_id(reopened) == 0x5149414F);
    CHECK(tables(reopened) == kAllTables);
}

TEST_CASE("migrate: a database from a newer Qiao is refused with a plain message") {
    Database db = Database::open(":memory:");
    qiao::core::migrate(db);
    db.set_user_version(99);
    try {
        qiao::core::migrate(db);
        FAIL("migrate should have refused");
    } catch (const StorageError& e) {
        const std::string what = e.what();
        CHECK(what.find("written by a newer version of Qiao (schema 99, this build knows 6); it was left untouched") !=
              std::string::npos);
        CHECK_FALSE(e.is_corruption());
    }
    CHECK(db.user_version() == 99);
}

TEST_CASE("migrate: another program's database is refused and gets no tables") {
    Database db = Database::open(":memory:");
    db.exec("PRAGMA application_id = 42");
    try {
        qiao::core::migrate(db);
        FAIL("migrate should have refused");
    } catch (const StorageError& e) {
        CHECK(std::string(e.what()).find("another program") != std::string::npos);
        CHECK(std::string(e.what()).find("0x0000002A") != std::string::npos);
    }
    CHECK(tables(db).empty());
    CHECK(db.user_version() == 0);
}

TEST_CASE("migrate: a failing step rolls back entirely, version bump included") {
    Database db = Database::open(":memory:");
    // A leftover table makes step 1's CREATE TABLE settings fail half way.
    db.exec("CREATE TABLE settings (key TEXT)");
    CHECK_THROWS_AS(qiao::core::migrate(db), StorageError);
    CHECK(db.user_version() == 0);
    CHECK(application_id(db) == 0);
    CHECK(tables(db) == std::vector<std::string>{"settings"});  // touch_counts was not left behind
}

TEST_CASE("check_store_identity: accepts Qiao's own versions and unmarked new files") {
    CHECK_NOTHROW(qiao::core::check_store_identity(0, 0, "x.db"));
    CHECK_NOTHROW(qiao::core::check_store_identity(1, 0x5149414F, "x.db"));
    CHECK_NOTHROW(qiao::core::check_store_identity(qiao::core::latest_schema_version(), 0x5149414F, "x.db"));
    CHECK_THROWS_AS(qiao::core::check_store_identity(qiao::core::latest_schema_version() + 1, 0x5149414F, "x.db"), StorageError);
    CHECK_THROWS_AS(qiao::core::check_store_identity(-1, 0, "x.db"), StorageError);
    CHECK_THROWS_AS(qiao::core::check_store_identity(1, 0x12345678, "x.db"), StorageError);
}

TEST_CASE("migrate: the schema's NOT NULL and primary keys hold") {
    Database db = Database::open(":memory:");
    qiao::core::migrate(db);
    CHECK_THROWS_AS(db.exec("INSERT INTO settings (key, value) VALUES ('a', NULL)"), StorageError);
    db.exec("INSERT INTO touch_counts (day, screen, taps, mis_touches) VALUES ('2024-05-01', 'home', 1, 0)");
    CHECK_THROWS_AS(
        db.exec("INSERT INTO touch_counts (day, screen, taps, mis_touches) VALUES ('2024-05-01', 'home', 1, 0)"),
        StorageError);
}

TEST_CASE("migrate: a v1 store from the first release gains the lesson tables and keeps its data") {
    Database db = Database::open(":memory:");
    db.exec("PRAGMA application_id = 1363755343");  // 0x5149414F
    db.exec("CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL); "
            "CREATE TABLE touch_counts (day TEXT NOT NULL, screen TEXT NOT NULL, taps INTEGER NOT NULL, "
            "mis_touches INTEGER NOT NULL, PRIMARY KEY (day, screen))");
    db.set_user_version(1);
    db.exec("INSERT INTO touch_counts (day, screen, taps, mis_touches) VALUES ('2026-11-27', 'home', 10, 2)");
    qiao::core::migrate(db);
    CHECK(db.user_version() == 6);
    CHECK(tables(db) == kAllTables);
    Statement select(db, "SELECT taps FROM touch_counts WHERE screen = 'home'");
    REQUIRE(select.step());
    CHECK(select.column_int(0) == 10);
}

TEST_CASE("migrate: v3 adds the outbox and help_requests tables with their columns") {
    Database db = Database::open(":memory:");
    qiao::core::migrate(db);
    CHECK(columns(db, "outbox") == std::vector<std::string>{"id TEXT 1 1", "kind TEXT 1 0", "body TEXT 1 0",
                                                            "created_at TEXT 1 0", "attempts INTEGER 1 0",
                                                            "last_error TEXT 1 0"});
    CHECK(columns(db, "help_requests") ==
          std::vector<std::string>{"id TEXT 1 1", "category TEXT 1 0", "urgent INTEGER 1 0", "contact_phone TEXT 1 0",
                                   "contact_masked TEXT 1 0", "contact_hash TEXT 1 0", "at_station INTEGER 1 0",
                                   "voice_path TEXT 1 0", "status TEXT 1 0", "created_at TEXT 1 0",
                                   "respond_by TEXT 1 0", "volunteer_first_name TEXT 1 0", "satisfaction TEXT 1 0"});
}

TEST_CASE("migrate: a v2 store gains the outbox and help tables and keeps its lesson data") {
    Database db = Database::open(":memory:");
    qiao::core::migrate(db);
    db.exec("DROP TABLE outbox; DROP TABLE help_requests; DROP INDEX IF EXISTS help_requests_by_contact; "
            "DROP TABLE schedule; DROP TABLE bookings; DROP TABLE phone_pins; DROP TABLE sync_problems");
    db.exec(kDropV6);
    db.set_user_version(2);
    db.exec("INSERT INTO lesson_progress (learner, pack_id, lesson_id, step, updated_at) "
            "VALUES ('phone:ab', 'basics', 'wechat', 3, '2026-11-27T10:00:00Z')");
    qiao::core::migrate(db);
    CHECK(db.user_version() == 6);
    CHECK(tables(db) == kAllTables);
    Statement select(db, "SELECT step FROM lesson_progress WHERE learner = 'phone:ab'");
    REQUIRE(select.step());
    CHECK(select.column_int(0) == 3);
}

TEST_CASE("migrate: a v4 store gains the sync problems table and keeps its outbox") {
    Database db = Database::open(":memory:");
    qiao::core::migrate(db);
    db.exec("DROP TABLE sync_problems");
    db.exec(kDropV6);
    db.set_user_version(4);
    db.exec("INSERT INTO outbox (id, kind, body, created_at, attempts, last_error) "
            "VALUES ('e1', 'help_feedback', '{}', '2026-11-27T10:00:00.000Z', 2, 'offline')");
    qiao::core::migrate(db);
    CHECK(db.user_version() == 6);
    CHECK(columns(db, "sync_problems") == std::vector<std::string>{"entry_id TEXT 1 1", "kind TEXT 1 0", "reason TEXT 1 0",
                                                                   "message TEXT 1 0", "created_at TEXT 1 0", "noted_at TEXT 1 0"});
    Statement select(db, "SELECT attempts FROM outbox WHERE id = 'e1'");
    REQUIRE(select.step());
    CHECK(select.column_int(0) == 2);
}

TEST_CASE("migrate: a v5 store gains the staff tables, with one PIN guard row, and keeps its data") {
    Database db = Database::open(":memory:");
    qiao::core::migrate(db);
    db.exec(kDropV6);
    db.set_user_version(5);
    db.exec("INSERT INTO outbox (id, kind, body, created_at, attempts, last_error) "
            "VALUES ('e1', 'help_feedback', '{}', '2026-11-27T10:00:00.000Z', 0, '')");
    qiao::core::migrate(db);
    CHECK(db.user_version() == 6);
    CHECK(tables(db) == kAllTables);
    CHECK(columns(db, "staff_accounts") == std::vector<std::string>{"id TEXT 1 1", "name TEXT 1 0", "role TEXT 1 0",
                                                                    "pin_hash TEXT 1 0", "active INTEGER 1 0",
                                                                    "hours_minutes INTEGER 1 0", "updated_at TEXT 1 0"});
    CHECK(columns(db, "staff_pin_guard") == std::vector<std::string>{"id INTEGER 0 1", "wrong_in_row INTEGER 1 0",
                                                                     "wait_until TEXT 1 0", "locked_until TEXT 1 0"});
    CHECK(columns(db, "staff_shifts") == std::vector<std::string>{"staff_id TEXT 1 1", "started_at TEXT 1 0"});
    CHECK(columns(db, "hours_ledger") == std::vector<std::string>{"id INTEGER 0 1", "entry_id TEXT 1 0", "account TEXT 1 0",
                                                                  "staff_id TEXT 1 0", "minutes INTEGER 1 0", "kind TEXT 1 0",
                                                                  "started_at TEXT 1 0", "ended_at TEXT 1 0"});
    Statement guard(db, "SELECT COUNT(*), MAX(wrong_in_row), MAX(wait_until), MAX(locked_until) FROM staff_pin_guard");
    REQUIRE(guard.step());
    CHECK(guard.column_int(0) == 1);
    CHECK(guard.column_int(1) == 0);
    CHECK(guard.column_text(2).empty());
    CHECK(guard.column_text(3).empty());
    // One row only: the guard is the whole kiosk's.
    CHECK_THROWS_AS(db.exec("INSERT INTO staff_pin_guard (id, wrong_in_row, wait_until, locked_until) VALUES (2, 0, '', '')"),
                    StorageError);
    Statement select(db, "SELECT COUNT(*) FROM outbox WHERE id = 'e1'");
    REQUIRE(select.step());
    CHECK(select.column_int(0) == 1);
}
