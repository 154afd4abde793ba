#include "core/storage/database.hpp"

#include <sqlite3.h>

#include <string>
#include <utility>

namespace qiao::core {

namespace {

constexpr int kBusyTimeoutMs = 5000;

// Reading the schema cookie forces SQLite to read page 1, so a file that is not a
// database (or whose header is damaged) fails here, at open, not at first use.
static constexpr char kSchemaVersionSql[] = "PRAGMA schema_version";
static constexpr char kJournalModeWalSql[] = "PRAGMA journal_mode = WAL";
// synchronous = FULL, not NORMAL: in WAL mode NORMAL syncs only at checkpoints, so a
// commit the kiosk has already reported ("booked", "your request is sent") can roll
// back after a power cut, and a senior told "booked" must never lose it. With FULL the
// WAL is synced at every commit: one fsync per transaction (a booking and its outbox
// entry are one transaction), measured in docs/performance.md ("Book and Help").
static constexpr char kConnectionSettingsSql[] = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON";
static constexpr char kUserVersionSql[] = "PRAGMA user_version";
static constexpr char kQuickCheckSql[] = "PRAGMA quick_check(1)";
static constexpr char kBeginImmediateSql[] = "BEGIN IMMEDIATE";
static constexpr char kCommitSql[] = "COMMIT";
static constexpr char kRollbackSql[] = "ROLLBACK";
static constexpr char kSavepointSql[] = "SAVEPOINT qiao_nested";
static constexpr char kReleaseSql[] = "RELEASE qiao_nested";
static constexpr char kRollbackSavepointSql[] = "ROLLBACK TO qiao_nested; RELEASE qiao_nested";

// "SQLite: <its message> (code N) in: <sql>": the log then shows what failed and where.
std::string describe(sqlite3* db, int rc, std::string_view sql) {
    std::string message = "SQLite: ";
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    message += " (code " + std::to_string(rc) + ")";
    if (!sql.empty()) {
        message += " in: ";
        message += sql;
    }
    return message;
}

[[noreturn]] void throw_sqlite(sqlite3* db, int rc, std::string_view sql) {
    throw StorageError(describe(db, rc, sql), db ? sqlite3_extended_errcode(db) : rc);
}

bool is_memory_path(const std::filesystem::path& path) {
    return path.empty() || path == ":memory:";
}

bool only_blanks(const char* text) {
    for (; *text; ++text) {
        if (*text != ' ' && *text != '\t' && *text != '\n' && *text != '\r' && *text != ';') return false;
    }
    return true;
}

}  // namespace

bool StorageError::is_corruption() const noexcept {
    const int primary = sqlite_code_ & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

// ---- Database ----------------------------------------------------------------------

Database Database::open(const std::filesystem::path& path) {
    const std::string name = is_memory_path(path) ? std::string(":memory:") : path.string();
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(name.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        const std::string why = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        const int code = raw ? sqlite3_extended_errcode(raw) : rc;
        sqlite3_close_v2(raw);  // a handle is returned even on failure and must be closed
        throw StorageError("cannot open the store " + name + ": " + why, code);
    }
    // Owned from here on, so every throw below closes the connection.
    Database db(raw, path);
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, kBusyTimeoutMs);

    // Until the file proves to be a database, closing must not checkpoint: SQLite
    // would then delete a -wal it could not use, and with it the evidence that
    // LocalStore moves aside for a post-mortem.
    sqlite3_db_config(raw, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    try {
        Statement probe(db, kSchemaVersionSql);
        probe.step();
    } catch (const StorageError& e) {
        throw StorageError(name + " is not a usable database: " + e.what(), e.sqlite_code());
    }
    if (!is_memory_path(path)) {
        // WAL: readers never block the writer, and an app crash loses no commit. If
        // the file system cannot do WAL SQLite keeps the old journal and still works.
        Statement wal(db, kJournalModeWalSql);
        wal.step();
    }
    db.exec(kConnectionSettingsSql);
    // Only now: setting the journal mode is the first statement that reads the schema,
    // and a damaged schema page fails it; closing then must not checkpoint either.
    sqlite3_db_config(raw, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    return db;
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
        path_ = std::move(other.path_);
    }
    return *this;
}

Database::~Database() {
    // close_v2: the connection goes once the last statement is finalized, never leaks.
    sqlite3_close_v2(db_);
}

void Database::exec(std::string_view sql) {
    if (!db_) throw StorageError("the database connection was moved away; cannot run: " + std::string(sql));
    const std::string text(sql);  // sqlite3_exec wants a NUL-terminated string
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = "SQLite: ";
        message += error ? error : sqlite3_errmsg(db_);
        message += " (code " + std::to_string(rc) + ") in: " + text;
        sqlite3_free(error);
        throw StorageError(message, sqlite3_extended_errcode(db_));
    }
}

int Database::user_version() {
    Statement statement(*this, kUserVersionSql);
    statement.step();
    return static_cast<int>(statement.column_int(0));
}

void Database::set_user_version(int version) {
    // PRAGMA values cannot be bound; an int formatted here cannot inject anything.
    exec("PRAGMA user_version = " + std::to_string(version));
}

std::string Database::quick_check() {
    Statement statement(*this, kQuickCheckSql);
    if (!statement.step()) return "quick_check returned no row";
    return statement.column_text(0);
}

// ---- Statement ---------------------------------------------------------------------

Statement::Statement(Database& db, std::string_view sql) : db_(&db), sql_(sql) {
    if (!db.handle()) throw StorageError("the database connection was moved away; cannot prepare: " + sql_);
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v2(db.handle(), sql_.c_str(), static_cast<int>(sql_.size()) + 1, &stmt_, &tail);
    if (rc != SQLITE_OK) throw_sqlite(db.handle(), rc, sql_);
    if (!stmt_) throw StorageError("no statement to prepare in: " + sql_);
    // A second statement would be silently ignored by SQLite; refuse it instead.
    if (tail && !only_blanks(tail)) {
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
        throw StorageError("Statement takes one SQL statement; use Database::exec for several: " + sql_);
    }
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), sql_(std::move(other.sql_)) {}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
    const int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) throw_sqlite(db_->handle(), rc, sql_);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    const int rc = sqlite3_bind_double(stmt_, index, value);
    if (rc != SQLITE_OK) throw_sqlite(db_->handle(), rc, sql_);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    // SQLITE_TRANSIENT: SQLite copies, so the caller's buffer may go away before step().
    const int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) throw_sqlite(db_->handle(), rc, sql_);
    return *this;
}

Statement& Statement::bind_blob(int index, const void* data, std::size_t size) {
    const int rc = sqlite3_bind_blob64(stmt_, index, data, size, SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) throw_sqlite(db_->handle(), rc, sql_);
    return *this;
}

Statement& Statement::bind_null(int index) {
    const int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK) throw_sqlite(db_->handle(), rc, sql_);
    return *this;
}

bool Statement::step() {
    if (!stmt_) throw StorageError("the statement was moved away: " + sql_);
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    // Read the message before reset: reset keeps it, but be explicit about order.
    const std::string message = describe(db_->handle(), rc, sql_);
    const int code = sqlite3_extended_errcode(db_->handle());
    sqlite3_reset(stmt_);
    throw StorageError(message, code);
}

void Statement::run() {
    if (step()) {
        sqlite3_reset(stmt_);
        throw StorageError("statement returned a row where none was expected: " + sql_);
    }
    // Rewind at once so a finished write statement holds nothing open.
    sqlite3_reset(stmt_);
}

void Statement::reset() {
    if (!stmt_) return;
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

namespace {

void check_column(sqlite3_stmt* stmt, int index, const std::string& sql) {
    // data_count is 0 when no row is ready: reading then would be a silent 0 or "".
    const int count = stmt ? sqlite3_data_count(stmt) : 0;
    if (count == 0) throw StorageError("no row to read (call step() first) in: " + sql);
    if (index < 0 || index >= count) {
        throw StorageError("column " + std::to_string(index) + " is out of range (row has " +
                           std::to_string(count) + ") in: " + sql);
    }
}

}  // namespace

std::int64_t Statement::column_int(int index) const {
    check_column(stmt_, index, sql_);
    return sqlite3_column_int64(stmt_, index);
}

double Statement::column_double(int index) const {
    check_column(stmt_, index, sql_);
    return sqlite3_column_double(stmt_, index);
}

std::string Statement::column_text(int index) const {
    check_column(stmt_, index, sql_);
    // Text first, then bytes: that order gives the length of the UTF-8 just made.
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
    const int size = sqlite3_column_bytes(stmt_, index);
    return text ? std::string(text, static_cast<std::size_t>(size)) : std::string();
}

std::vector<unsigned char> Statement::column_blob(int index) const {
    check_column(stmt_, index, sql_);
    const auto* bytes = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, index));
    const int size = sqlite3_column_bytes(stmt_, index);
    return bytes ? std::vector<unsigned char>(bytes, bytes + size) : std::vector<unsigned char>();
}

bool Statement::column_is_null(int index) const {
    check_column(stmt_, index, sql_);
    return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

// ---- Transaction -------------------------------------------------------------------

Transaction::Transaction(Database& db) : db_(db), nested_(db.handle() && !sqlite3_get_autocommit(db.handle())) {
    db_.exec(nested_ ? kSavepointSql : kBeginImmediateSql);
}

Transaction::~Transaction() {
    if (done_ || !db_.handle()) return;
    // SQLite may already have rolled back by itself (e.g. disk full); then there is
    // nothing to undo, and a destructor must not throw anyway.
    if (sqlite3_get_autocommit(db_.handle())) return;
    sqlite3_exec(db_.handle(), nested_ ? kRollbackSavepointSql : kRollbackSql, nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    if (done_) throw StorageError("transaction committed twice");
    // done_ only after success: a failed COMMIT leaves the transaction open, and the
    // destructor then rolls it back.
    db_.exec(nested_ ? kReleaseSql : kCommitSql);
    done_ = true;
}

}  // namespace qiao::core
