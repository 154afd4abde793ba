#pragma once
// Database, Statement, Transaction: RAII over one SQLite connection (the habits of
// SQLiteCpp and Chromium's sql/: prepared statements, `?` placeholders only, a
// transaction that rolls back unless committed). Errors are StorageError with the
// SQLite message and the statement that failed.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace qiao::core {

class StorageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
    // sqlite_code: SQLite's (extended) result code; 0 when the refusal is Qiao's own.
    StorageError(const std::string& message, int sqlite_code) : std::runtime_error(message), sqlite_code_(sqlite_code) {}

    int sqlite_code() const noexcept { return sqlite_code_; }
    // True when SQLite found the file damaged (SQLITE_CORRUPT) or not a database at
    // all (SQLITE_NOTADB): the cases LocalStore moves aside instead of failing.
    bool is_corruption() const noexcept;

private:
    int sqlite_code_ = 0;
};

class Database {
public:
    // Opens (creating it if needed) the database file, or ":memory:". Applies the
    // connection settings every connection needs: WAL journal (file databases),
    // synchronous=FULL (a booking the senior was told about survives a power cut),
    // foreign_keys=ON, busy_timeout=5000 ms.
    // Throws StorageError if the file cannot be opened or is not a database.
    static Database open(const std::filesystem::path& path);

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    // Runs one or more statements that return no rows (schema, PRAGMAs).
    void exec(std::string_view sql);

    // PRAGMA user_version: the schema version migrations have reached.
    int user_version();
    void set_user_version(int version);

    // Runs PRAGMA quick_check; returns "ok" or SQLite's first complaint.
    std::string quick_check();

    sqlite3* handle() const { return db_; }
    const std::filesystem::path& path() const { return path_; }

private:
    Database(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
    sqlite3* db_ = nullptr;
    std::filesystem::path path_;
};

class Statement {
public:
    Statement(Database& db, std::string_view sql);
    Statement(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;
    ~Statement();

    // Binding is 1-based, as in SQLite.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind_null(int index);
    // Bytes that are not text (a recorded voice message).
    Statement& bind_blob(int index, const void* data, std::size_t size);

    // Steps once: true when a row is ready to read, false when done.
    bool step();
    // Steps a statement that must not return rows (INSERT, UPDATE ...).
    void run();
    // Clears bindings and rewinds so the statement can be used again.
    void reset();

    // Columns are 0-based, as in SQLite.
    std::int64_t column_int(int index) const;
    double column_double(int index) const;
    std::string column_text(int index) const;
    std::vector<unsigned char> column_blob(int index) const;
    bool column_is_null(int index) const;

private:
    Database* db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string sql_;
};

class Transaction {
public:
    // BEGIN IMMEDIATE: takes the write lock up front so a later write cannot fail busy.
    // Inside another transaction it is a SAVEPOINT instead: commit() releases it into
    // the outer one (which alone reaches the disk), rolling back undoes only its part.
    // So a service that keeps its own writes together can also be part of a caller's
    // batch (the sync worker notes a whole push answer with one fsync).
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();  // rolls back unless commit() was called

    void commit();

private:
    Database& db_;
    bool nested_ = false;
    bool done_ = false;
};

}  // namespace qiao::core
