#include "core/outbox/outbox.hpp"

#include "core/time/utc_time.hpp"

#include <sodium.h>
#include <sqlite3.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace qiao::core {

namespace {

static constexpr char kAddSql[] =
    "INSERT INTO outbox (id, kind, body, created_at, attempts, last_error) VALUES (?, ?, ?, ?, 0, '')";
// created_at has milliseconds; rowid breaks ties within one millisecond (insertion
// order among the rows present, since SQLite gives a new row max(rowid) + 1).
static constexpr char kBatchSql[] =
    "SELECT id, kind, body, created_at, attempts, last_error FROM outbox ORDER BY created_at, rowid LIMIT ?";
static constexpr char kDeleteSql[] = "DELETE FROM outbox WHERE id = ?";
static constexpr char kFailureSql[] = "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?";
static constexpr char kDepthSql[] = "SELECT COUNT(*) FROM outbox";
static constexpr char kRejectSql[] =
    "INSERT OR REPLACE INTO sync_problems (entry_id, kind, reason, message, created_at, noted_at) "
    "SELECT id, kind, ?, ?, created_at, ? FROM outbox WHERE id = ?";
static constexpr char kProblemsSql[] =
    "SELECT entry_id, kind, reason, message, created_at, noted_at FROM sync_problems ORDER BY noted_at, rowid";
static constexpr char kProblemCountSql[] = "SELECT COUNT(*) FROM sync_problems";

// A back office may quote a field's value in its message; a phone number must not
// survive in a note kept for staff, so any run of 7 or more digits becomes "***".
std::string mask_digit_runs(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = i;
        while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
        if (j - i >= 7) {
            out += "***";
        } else {
            out.append(text.substr(i, j - i));
        }
        if (j < text.size()) out += text[j];
        i = j + 1;
    }
    // Only a note: keep it short.
    if (out.size() > 500) out.resize(500);
    return out;
}

}  // namespace

std::string new_client_id() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
    std::array<unsigned char, 16> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
    out.pop_back();
    return out;
}


std::string Outbox::add(std::string_view kind, const nlohmann::json& body) {
    if (kind.empty()) throw std::invalid_argument("outbox: entry kind is empty");
    // Outside a transaction the entry would be committed on its own, and a crash before
    // the caller's row is written would ship something the kiosk never stored.
    if (sqlite3_get_autocommit(db_.handle()) != 0) {
        throw std::logic_error("outbox: add() must be called inside the caller's Transaction");
    }
    std::string id = new_client_id();
    Statement statement(db_, kAddSql);
    statement.bind(1, id).bind(2, kind).bind(3, body.dump()).bind(4, iso8601_utc_ms(std::chrono::system_clock::now()));
    statement.run();
    return id;
}

std::vector<OutboxEntry> Outbox::next_batch(std::size_t max) const {
    std::vector<OutboxEntry> entries;
    if (max == 0) return entries;
    Statement statement(db_, kBatchSql);
    statement.bind(1, static_cast<std::int64_t>(max));
    while (statement.step()) {
        OutboxEntry entry;
        entry.id = statement.column_text(0);
        entry.kind = statement.column_text(1);
        // Written by add() from a json value, so it parses; if the file was damaged
        // this throws rather than shipping something else.
        entry.body = nlohmann::json::parse(statement.column_text(2));
        entry.created_at = statement.column_text(3);
        entry.attempts = static_cast<int>(statement.column_int(4));
        entry.last_error = statement.column_text(5);
        entries.push_back(std::move(entry));
    }
    return entries;
}

void Outbox::acknowledge(const std::vector<std::string>& ids) {
    if (ids.empty()) return;
    // One transaction: a batch is acknowledged as a whole, and one fsync not many.
    Transaction transaction(db_);
    Statement statement(db_, kDeleteSql);
    for (const std::string& id : ids) {
        statement.bind(1, id);
        statement.run();
        statement.reset();
    }
    transaction.commit();
}

void Outbox::note_failure(const std::string& id, std::string_view error) {
    Statement statement(db_, kFailureSql);
    statement.bind(1, error).bind(2, id);
    statement.run();
}

void Outbox::reject(const std::string& id, std::string_view reason, std::string_view message) {
    Transaction transaction(db_);
    Statement note(db_, kRejectSql);
    note.bind(1, reason).bind(2, mask_digit_runs(message)).bind(3, iso8601_utc_ms(std::chrono::system_clock::now())).bind(4, id);
    note.run();
    Statement remove(db_, kDeleteSql);
    remove.bind(1, id);
    remove.run();
    transaction.commit();
}

std::vector<SyncProblem> Outbox::problems() const {
    std::vector<SyncProblem> problems;
    Statement statement(db_, kProblemsSql);
    while (statement.step()) {
        problems.push_back({statement.column_text(0), statement.column_text(1), statement.column_text(2),
                            statement.column_text(3), statement.column_text(4), statement.column_text(5)});
    }
    return problems;
}

std::size_t Outbox::problem_count() const {
    Statement statement(db_, kProblemCountSql);
    statement.step();
    return static_cast<std::size_t>(statement.column_int(0));
}

std::size_t Outbox::depth() const {
    Statement statement(db_, kDepthSql);
    statement.step();
    return static_cast<std::size_t>(statement.column_int(0));
}

}  // namespace qiao::core
