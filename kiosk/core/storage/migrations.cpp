#include "core/storage/migrations.hpp"

#include <cstdio>
#include <iterator>
#include <string>

namespace qiao::core {

namespace {

// Schema v1: the site's settings and the per-screen touch counters.
static constexpr char kSchemaV1Sql[] =
    "CREATE TABLE settings ("
    "key TEXT PRIMARY KEY NOT NULL, "
    "value TEXT NOT NULL); "
    "CREATE TABLE touch_counts ("
    "day TEXT NOT NULL, "
    "screen TEXT NOT NULL, "
    "taps INTEGER NOT NULL, "
    "mis_touches INTEGER NOT NULL, "
    "PRIMARY KEY (day, screen))";

// Schema v2: lesson progress per learner, and finished lessons with their figures.
static constexpr char kSchemaV2Sql[] =
    "CREATE TABLE lesson_progress ("
    "learner TEXT NOT NULL, "
    "pack_id TEXT NOT NULL, "
    "lesson_id TEXT NOT NULL, "
    "step INTEGER NOT NULL, "
    "updated_at TEXT NOT NULL, "
    "PRIMARY KEY (learner, pack_id, lesson_id)); "
    "CREATE TABLE lesson_completions ("
    "id INTEGER PRIMARY KEY, "
    "learner TEXT NOT NULL, "
    "pack_id TEXT NOT NULL, "
    "pack_version TEXT NOT NULL, "
    "lesson_id TEXT NOT NULL, "
    "completed_at TEXT NOT NULL, "
    "seconds INTEGER NOT NULL, "
    "wrong_taps INTEGER NOT NULL, "
    "wrong_answers INTEGER NOT NULL, "
    "listen_again INTEGER NOT NULL)";

// Schema v3: the outbox (what waits to be shipped to the back office, each entry under
// a client-made id so the back office applies it once) and the help requests a senior
// made at this kiosk. contact_phone holds the full number only until the back office
// acknowledged the request ('' after); contact_masked and contact_hash (salted, as a
// learner id) stay so "my requests" can still find and show it.
static constexpr char kSchemaV3Sql[] =
    "CREATE TABLE outbox ("
    "id TEXT PRIMARY KEY NOT NULL, "
    "kind TEXT NOT NULL, "
    "body TEXT NOT NULL, "
    "created_at TEXT NOT NULL, "
    "attempts INTEGER NOT NULL, "
    "last_error TEXT NOT NULL); "
    "CREATE TABLE help_requests ("
    "id TEXT PRIMARY KEY NOT NULL, "
    "category TEXT NOT NULL, "
    "urgent INTEGER NOT NULL, "
    "contact_phone TEXT NOT NULL, "
    "contact_masked TEXT NOT NULL, "
    "contact_hash TEXT NOT NULL, "
    "at_station INTEGER NOT NULL, "
    "voice_path TEXT NOT NULL, "
    "status TEXT NOT NULL, "
    "created_at TEXT NOT NULL, "
    "respond_by TEXT NOT NULL, "
    "volunteer_first_name TEXT NOT NULL); "
    "CREATE INDEX help_requests_by_contact ON help_requests (contact_hash)";

// Schema v4: bookings (issue 4, "Book"). `schedule` holds the services and slots the
// site manager loaded (or, later, the back office published) as one validated JSON
// document, replaced whole so a bad file never leaves half a timetable. A booking keeps
// a snapshot of what it is for (`details`: names and place per language) so it can be
// shown after the timetable moved on; contact_phone holds the full number only until
// the back office acknowledged the booking ('' after). phone_pins holds the optional
// 4-digit PINs, salted and hashed, with a lock after repeated wrong tries. A help
// request gains the senior's answer to "did it help?" ('' until asked).
static constexpr char kSchemaV4Sql[] =
    "CREATE TABLE schedule ("
    "id INTEGER PRIMARY KEY CHECK (id = 1), "
    "source TEXT NOT NULL, "
    "body TEXT NOT NULL, "
    "loaded_at TEXT NOT NULL); "
    "CREATE TABLE bookings ("
    "id TEXT PRIMARY KEY NOT NULL, "
    "code TEXT NOT NULL UNIQUE, "
    "service_id TEXT NOT NULL, "
    "slot_id TEXT NOT NULL, "
    "starts_at TEXT NOT NULL, "
    "ends_at TEXT NOT NULL, "
    "details TEXT NOT NULL, "
    "state TEXT NOT NULL, "
    "contact_phone TEXT NOT NULL, "
    "contact_masked TEXT NOT NULL, "
    "contact_hash TEXT NOT NULL, "
    "for_someone_else INTEGER NOT NULL, "
    "decline_reason TEXT NOT NULL, "
    "alternatives TEXT NOT NULL, "
    "created_at TEXT NOT NULL, "
    "updated_at TEXT NOT NULL); "
    "CREATE INDEX bookings_by_contact ON bookings (contact_hash); "
    "CREATE INDEX bookings_by_slot ON bookings (slot_id); "
    "CREATE TABLE phone_pins ("
    "contact_hash TEXT PRIMARY KEY NOT NULL, "
    "pin_hash TEXT NOT NULL, "
    "failures INTEGER NOT NULL, "
    "locked_until TEXT NOT NULL); "
    "ALTER TABLE help_requests ADD COLUMN satisfaction TEXT NOT NULL DEFAULT ''";

// Schema v5: the sync worker (issue 5). sync_problems keeps, for staff, what the back
// office refused for good ("rejected" in a push answer), without the entry's body: the
// body may carry a phone number or a voice message, and a refused entry is never sent
// again. entry_id and kind say which entry it was, reason is the back office's code
// (bad_body, unknown_kind, unknown_subject, or the kiosk's own too_large), message its
// words with long digit runs masked.
static constexpr char kSchemaV5Sql[] =
    "CREATE TABLE sync_problems ("
    "entry_id TEXT PRIMARY KEY NOT NULL, "
    "kind TEXT NOT NULL, "
    "reason TEXT NOT NULL, "
    "message TEXT NOT NULL, "
    "created_at TEXT NOT NULL, "
    "noted_at TEXT NOT NULL)";

// Schema v6: staff mode (issue 6). staff_accounts is the site's staff as the back office
// last published them (the PIN only as its argon2id hash, "" when revoked or unset);
// staff_pin_guard the one row of the kiosk-wide back-off and lock on staff sign-in, kept
// here so a restart does not hand out fresh tries; staff_shifts the shifts checked in
// and not yet out; hours_ledger the kiosk's own copy of the hours it reported, two rows
// per transfer as in the back office's ledger, under the outbox entry that carries them.
static constexpr char kSchemaV6Sql[] =
    "CREATE TABLE staff_accounts ("
    "id TEXT PRIMARY KEY NOT NULL, "
    "name TEXT NOT NULL, "
    "role TEXT NOT NULL, "
    "pin_hash TEXT NOT NULL, "
    "active INTEGER NOT NULL, "
    "hours_minutes INTEGER NOT NULL, "
    "updated_at TEXT NOT NULL); "
    "CREATE TABLE staff_pin_guard ("
    "id INTEGER PRIMARY KEY CHECK (id = 1), "
    "wrong_in_row INTEGER NOT NULL, "
    "wait_until TEXT NOT NULL, "
    "locked_until TEXT NOT NULL); "
    "INSERT INTO staff_pin_guard (id, wrong_in_row, wait_until, locked_until) VALUES (1, 0, '', ''); "
    "CREATE TABLE staff_shifts ("
    "staff_id TEXT PRIMARY KEY NOT NULL, "
    "started_at TEXT NOT NULL); "
    "CREATE TABLE hours_ledger ("
    "id INTEGER PRIMARY KEY, "
    "entry_id TEXT NOT NULL, "
    "account TEXT NOT NULL, "
    "staff_id TEXT NOT NULL, "
    "minutes INTEGER NOT NULL, "
    "kind TEXT NOT NULL, "
    "started_at TEXT NOT NULL, "
    "ended_at TEXT NOT NULL); "
    "CREATE INDEX hours_ledger_by_staff ON hours_ledger (staff_id)";

static constexpr char kApplicationIdSql[] = "PRAGMA application_id";

struct Migration {
    int version;      // user_version once this step has run
    const char* sql;  // the step, run with Database::exec
};

// Append only; a shipped step is never edited (stores in the field already ran it).
constexpr Migration kMigrations[] = {
    {1, kSchemaV1Sql},
    {2, kSchemaV2Sql},
    {3, kSchemaV3Sql},
    {4, kSchemaV4Sql},
    {5, kSchemaV5Sql},
    {6, kSchemaV6Sql},
};

std::int64_t application_id(Database& db) {
    Statement statement(db, kApplicationIdSql);
    statement.step();
    return statement.column_int(0);
}

std::string where_text(const std::filesystem::path& where) {
    return where.empty() ? std::string("the store") : "the store " + where.string();
}

}  // namespace

int latest_schema_version() {
    return std::prev(std::end(kMigrations))->version;
}

void check_store_identity(std::int64_t user_version, std::int64_t application_id,
                          const std::filesystem::path& where) {
    if (application_id != 0 && application_id != kQiaoApplicationId) {
        char id[16];
        std::snprintf(id, sizeof id, "0x%08llX", static_cast<unsigned long long>(application_id & 0xFFFFFFFF));
        throw StorageError(where_text(where) + " belongs to another program (application_id " + id +
                           ", not Qiao's); it was left untouched");
    }
    if (user_version > latest_schema_version()) {
        throw StorageError(where_text(where) + " was written by a newer version of Qiao (schema " +
                           std::to_string(user_version) + ", this build knows " +
                           std::to_string(latest_schema_version()) + "); it was left untouched");
    }
    if (user_version < 0) {
        throw StorageError(where_text(where) + " has an impossible schema version " +
                           std::to_string(user_version) + "; it was left untouched");
    }
}

void migrate(Database& db) {
    const std::filesystem::path& where = db.path();
    check_store_identity(db.user_version(), application_id(db), where);

    for (const Migration& step : kMigrations) {
        if (db.user_version() >= step.version) continue;
        Transaction transaction(db);
        // BEGIN IMMEDIATE holds the write lock: look again, another connection may
        // have run this step while we waited for it.
        const int version = db.user_version();
        check_store_identity(version, application_id(db), where);
        if (version >= step.version) continue;  // the transaction rolls back: nothing done
        db.exec(step.sql);
        db.exec("PRAGMA application_id = " + std::to_string(kQiaoApplicationId));
        db.set_user_version(step.version);
        transaction.commit();
    }
}

}  // namespace qiao::core
