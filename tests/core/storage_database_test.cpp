#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "core/storage/database.hpp"
#include "core/storage_temp_dir.hpp"

using qiao::core::Database;
using qiao::core::Statement;
using qiao::core::StorageError;
using qiao::core::Transaction;
using qiao::test::StorageTempDir;

namespace {

std::string pragma_text(Database& db, const char* sql) {
    Statement statement(db, sql);
    REQUIRE(statement.step());
    return statement.column_text(0);
}

std::int64_t count_rows(Database& db, const char* table) {
    Statement statement(db, std::string("SELECT COUNT(*) FROM ") + table);
    REQUIRE(statement.step());
    return statement.column_int(0);
}

}  // namespace

TEST_CASE("Database: statements bind and read back integers, reals, text and NULL") {
    Database db = Database::open(":memory:");
    db.exec("CREATE TABLE t (i INTEGER, r REAL, s TEXT, n TEXT)");

    Statement insert(db, "INSERT INTO t (i, r, s, n) VALUES (?, ?, ?, ?)");
    const std::string text = "扫码支付 step 1";
    insert.bind(1, std::int64_t{1} << 40).bind(2, 2.5).bind(3, text).bind_null(4);
    insert.run();

    Statement select(db, "SELECT i, r, s, n FROM t ORDER BY i");
    REQUIRE(select.step());
    CHECK(select.column_int(0) == (std::int64_t{1} << 40));
    CHECK(select.column_double(1) == doctest::Approx(2.5));
    CHECK(select.column_text(2) == text);
    CHECK(select.column_is_null(3));
    CHECK_FALSE(select.column_is_null(2));
    CHECK_FALSE(select.step());
}

TEST_CASE("Database: reset clears bindings so a statement can be reused") {
    Database db = Database::open(":memory:");
    db.exec("CREATE TABLE t (k TEXT NOT NULL)");
    Statement insert(db, "INSERT INTO t (k) VALUES (?)");
    insert.bind(1, "a");
    insert.run();
    insert.reset();
    insert.bind(1, "b");
    insert.run();
    insert.reset();
    // Bindings were cleared: NULL into a NOT NULL column must now fail.
    CHECK_THROWS_AS(insert.run(), StorageError);

    Statement select(db, "SELECT k FROM t ORDER BY k");
    REQUIRE(select.step());
    CHECK(select.column_text(0) == "a");
    REQUIRE(select.step());
    CHECK(select.column_text(0) == "b");
    CHECK_FALSE(select.step());
}

TEST_CASE("Database: errors carry SQLite's message and the SQL that failed") {
    Database db = Database::open(":memory:");
    db.exec("CREATE TABLE t (k TEXT PRIMARY KEY NOT NULL)");

    SUBCASE("prepare") {
        const std::string sql = "SELECT k FROM no_such_table ORDER BY k";
        try {
            Statement statement(db, sql);
            FAIL("prepare should have thrown");
        } catch (const StorageError& e) {
            const std::string what = e.what();
            CHECK(what.find("no such table: no_such_table") != std::string::npos);
            CHECK(what.find(sql) != std::string::npos);
        }
    }
    SUBCASE("step") {
        db.exec("INSERT INTO t (k) VALUES ('x')");
        const std::string sql = "INSERT INTO t (k) VALUES (?)";
        Statement insert(db, sql);
        insert.bind(1, "x");
        try {
            insert.run();
            FAIL("duplicate key should have thrown");
        } catch (const StorageError& e) {
            const std::string what = e.what();
            CHECK(what.find("UNIQUE constraint failed: t.k") != std::string::npos);
            CHECK(what.find(sql) != std::string::npos);
            CHECK(e.sqlite_code() != 0);
            CHECK_FALSE(e.is_corruption());
        }
    }
    SUBCASE("exec") {
        const std::string sql = "CREATE TABLE t (k TEXT)";
        try {
            db.exec(sql);
            FAIL("second CREATE should have thrown");
        } catch (const StorageError& e) {
            const std::string what = e.what();
            CHECK(what.find("already exists") != std::string::npos);
            CHECK(what.find(sql) != std::string::npos);
        }
    }
    SUBCASE("bind out of range") {
        const std::string sql = "SELECT k FROM t WHERE k = ?";
        Statement select(db, sql);
        try {
            select.bind(2, "x");
            FAIL("binding parameter 2 of 1 should have thrown");
        } catch (const StorageError& e) {
            CHECK(std::string(e.what()).find(sql) != std::string::npos);
        }
    }
    SUBCASE("reading a column with no row") {
        Statement select(db, "SELECT k FROM t ORDER BY k");
        CHECK_THROWS_AS(select.column_text(0), StorageError);
        CHECK_FALSE(select.step());
        CHECK_THROWS_AS(select.column_int(0), StorageError);
    }
    SUBCASE("two statements in one Statement") {
        CHECK_THROWS_AS(Statement(db, "DELETE FROM t; DROP TABLE t"), StorageError);
        CHECK(pragma_text(db, "SELECT name FROM sqlite_schema WHERE name = 't'") == "t");
    }
    SUBCASE("run on a statement that returns rows") {
        db.exec("INSERT INTO t (k) VALUES ('x')");
        Statement select(db, "SELECT k FROM t ORDER BY k");
        CHECK_THROWS_AS(select.run(), StorageError);
    }
}

TEST_CASE("Database: a file database gets WAL and the connection settings") {
    StorageTempDir dir("db-settings");
    Database db = Database::open(dir / "x.db");
    CHECK(pragma_text(db, "PRAGMA journal_mode") == "wal");
    CHECK(pragma_text(db, "PRAGMA synchronous") == "2");  // FULL: see the next test
    CHECK(pragma_text(db, "PRAGMA foreign_keys") == "1");
    CHECK(pragma_text(db, "PRAGMA busy_timeout") == "5000");
    CHECK(db.quick_check() == "ok");
    CHECK(db.path() == dir / "x.db");

    // A write really goes through the WAL file.
    db.exec("CREATE TABLE t (k TEXT)");
    CHECK(std::filesystem::exists(dir / "x.db-wal"));
}

TEST_CASE("Database: every file connection syncs the WAL at each commit (synchronous FULL)") {
    // In WAL mode NORMAL leaves a commit in the OS cache until the next checkpoint: a
    // power cut could lose a booking the senior was told is made. FULL (2) syncs at commit.
    StorageTempDir dir("db-synchronous");
    {
        Database first = Database::open(dir / "x.db");
        CHECK(pragma_text(first, "PRAGMA synchronous") == "2");
        first.exec("CREATE TABLE t (k TEXT)");
        Transaction transaction(first);
        first.exec("INSERT INTO t (k) VALUES ('booked')");
        transaction.commit();
    }
    // The setting belongs to the connection, not the file: a reopened store gets it again,
    // and so does a second connection open at the same time.
    Database again = Database::open(dir / "x.db");
    Database other = Database::open(dir / "x.db");
    CHECK(pragma_text(again, "PRAGMA synchronous") == "2");
    CHECK(pragma_text(other, "PRAGMA synchronous") == "2");
    CHECK(pragma_text(again, "PRAGMA journal_mode") == "wal");
    CHECK(count_rows(again, "t") == 1);
}

TEST_CASE("Database: an in-memory database still gets foreign keys, but no WAL") {
    Database db = Database::open(":memory:");
    CHECK(pragma_text(db, "PRAGMA journal_mode") == "memory");
    CHECK(pragma_text(db, "PRAGMA foreign_keys") == "1");
}

TEST_CASE("Database: a file that is not a database is refused at open, untouched") {
    StorageTempDir dir("db-garbage");
    const auto file = dir / "garbage.db";
    std::string garbage;
    for (int i = 0; i < 300; ++i) garbage += "this is a shopping list, not a database. ";
    qiao::test::write_bytes(file, garbage);

    try {
        Database db = Database::open(file);
        FAIL("open should have thrown");
    } catch (const StorageError& e) {
        CHECK(e.is_corruption());
        const std::string what = e.what();
        CHECK(what.find("file is not a database") != std::string::npos);
        CHECK(what.find(file.string()) != std::string::npos);
    }
    CHECK(qiao::test::read_bytes(file) == garbage);
}

TEST_CASE("Database: open in a missing directory names the path") {
    StorageTempDir dir("db-missing-dir");
    const auto file = dir / "no/such/dir/x.db";
    try {
        Database db = Database::open(file);
        FAIL("open should have thrown");
    } catch (const StorageError& e) {
        CHECK(std::string(e.what()).find(file.string()) != std::string::npos);
        CHECK_FALSE(e.is_corruption());
    }
}

TEST_CASE("Database: user_version round trip") {
    Database db = Database::open(":memory:");
    CHECK(db.user_version() == 0);
    db.set_user_version(7);
    CHECK(db.user_version() == 7);
}

TEST_CASE("Database: a moved connection keeps working and the old one is empty") {
    Database first = Database::open(":memory:");
    first.exec("CREATE TABLE t (k TEXT)");
    Database second = std::move(first);
    CHECK(first.handle() == nullptr);  // NOLINT(bugprone-use-after-move): checking the moved-from state
    CHECK_THROWS_AS(first.exec("SELECT 1"), StorageError);
    second.exec("INSERT INTO t (k) VALUES ('a')");
    CHECK(count_rows(second, "t") == 1);

    Database third = Database::open(":memory:");
    third = std::move(second);
    CHECK(count_rows(third, "t") == 1);
}

TEST_CASE("Transaction: commit keeps the writes, visible to another connection") {
    StorageTempDir dir("tx-commit");
    Database writer = Database::open(dir / "x.db");
    writer.exec("CREATE TABLE t (k TEXT NOT NULL)");
    Database reader = Database::open(dir / "x.db");
    {
        Transaction transaction(writer);
        writer.exec("INSERT INTO t (k) VALUES ('a')");
        CHECK(count_rows(reader, "t") == 0);  // not yet committed
        transaction.commit();
        CHECK_THROWS_AS(transaction.commit(), StorageError);
    }
    CHECK(count_rows(reader, "t") == 1);
}

TEST_CASE("Transaction: an exception rolls back every write made in it") {
    Database db = Database::open(":memory:");
    db.exec("CREATE TABLE t (k TEXT NOT NULL)");
    db.exec("INSERT INTO t (k) VALUES ('kept')");

    CHECK_THROWS_AS(
        [&] {
            Transaction transaction(db);
            db.exec("INSERT INTO t (k) VALUES ('lost 1')");
            db.exec("DELETE FROM t WHERE k = 'kept'");
            throw std::runtime_error("power cut in the middle");
        }(),
        std::runtime_error);

    Statement select(db, "SELECT k FROM t ORDER BY k");
    REQUIRE(select.step());
    CHECK(select.column_text(0) == "kept");
    CHECK_FALSE(select.step());

    // The connection is usable again: a new transaction can begin.
    Transaction again(db);
    db.exec("INSERT INTO t (k) VALUES ('next')");
    again.commit();
    CHECK(count_rows(db, "t") == 2);
}

TEST_CASE("Transaction: a failing statement inside it rolls back the earlier ones") {
    Database db = Database::open(":memory:");
    db.exec("CREATE TABLE t (k TEXT PRIMARY KEY NOT NULL)");
    try {
        Transaction transaction(db);
        db.exec("INSERT INTO t (k) VALUES ('a')");
        db.exec("INSERT INTO t (k) VALUES ('a')");  // UNIQUE fails
        transaction.commit();
        FAIL("should have thrown");
    } catch (const StorageError&) {
    }
    CHECK(count_rows(db, "t") == 0);
}

TEST_CASE("Transaction: inside another it is a savepoint: its rollback undoes only its part, the outer commit keeps the rest") {
    Database db = Database::open(":memory:");
    db.exec("CREATE TABLE t (v INTEGER)");
    {
        Transaction outer(db);
        db.exec("INSERT INTO t VALUES (1)");
        {
            Transaction kept(db);
            db.exec("INSERT INTO t VALUES (2)");
            kept.commit();
        }
        try {
            Transaction undone(db);
            db.exec("INSERT INTO t VALUES (3)");
            throw std::runtime_error("this entry fails");
        } catch (const std::runtime_error&) {
        }
        CHECK(count_rows(db, "t") == 2);  // 1 and 2; the failed part is gone, the outer still open
        outer.commit();
    }
    CHECK(count_rows(db, "t") == 2);
    {
        Transaction outer(db);
        {
            Transaction inner(db);
            db.exec("INSERT INTO t VALUES (4)");
            inner.commit();
        }
    }  // the outer one is not committed: the inner one's write goes with it
    CHECK(count_rows(db, "t") == 2);
}
