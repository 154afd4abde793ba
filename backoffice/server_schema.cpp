#include "backoffice/server_schema.hpp"

#include <iterator>
#include <string>

namespace qiao::backoffice {

namespace {

// v1: sites, the kiosks and staff that may call, what kiosks sent, and what the back
// office decided. Tokens and enrolment codes are kept only as SHA-256 hex.
constexpr char kSchemaV1Sql[] =
    "CREATE TABLE sites ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " name TEXT NOT NULL,"
    " settings TEXT NOT NULL DEFAULT '{}',"
    " created_at TEXT NOT NULL);"
    "CREATE TABLE kiosks ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " site_id TEXT NOT NULL REFERENCES sites(id),"
    " name TEXT NOT NULL,"
    " token_hash TEXT NOT NULL UNIQUE,"
    " enrolled_at TEXT NOT NULL,"
    " revoked_at TEXT);"
    "CREATE TABLE enrolment_codes ("
    " code_hash TEXT PRIMARY KEY NOT NULL,"
    " site_id TEXT NOT NULL REFERENCES sites(id),"
    " created_at TEXT NOT NULL,"
    " expires_at TEXT NOT NULL,"
    " used_at TEXT,"
    " kiosk_id TEXT);"
    "CREATE TABLE staff ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " site_id TEXT NOT NULL REFERENCES sites(id),"
    " name TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('volunteer', 'manager')),"
    " token_hash TEXT NOT NULL UNIQUE,"
    " created_at TEXT NOT NULL,"
    " revoked_at TEXT);"
    // One row per outbox entry id ever received: the answer a resend gets again.
    "CREATE TABLE received_entries ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " kiosk_id TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),"
    " reason TEXT NOT NULL DEFAULT '',"
    " message TEXT NOT NULL DEFAULT '',"
    " received_at TEXT NOT NULL);"
    "CREATE TABLE timetables ("
    " site_id TEXT PRIMARY KEY NOT NULL REFERENCES sites(id),"
    " services_json TEXT NOT NULL,"
    " loaded_at TEXT NOT NULL);"
    "CREATE TABLE bookings ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " site_id TEXT NOT NULL,"
    " kiosk_id TEXT NOT NULL,"
    " code TEXT NOT NULL,"
    " service_id TEXT NOT NULL,"
    " slot_id TEXT NOT NULL,"
    " starts_at TEXT NOT NULL,"
    " ends_at TEXT NOT NULL,"
    " phone TEXT NOT NULL,"
    " phone_masked TEXT NOT NULL,"
    " for_someone_else INTEGER NOT NULL,"
    " state TEXT NOT NULL,"
    " reason TEXT NOT NULL DEFAULT '',"
    " created_at TEXT NOT NULL,"
    " received_at TEXT NOT NULL,"
    " decided_at TEXT NOT NULL,"
    " checked_in_at TEXT);"
    "CREATE INDEX bookings_by_slot ON bookings(site_id, slot_id, state);"
    "CREATE INDEX bookings_by_day ON bookings(site_id, starts_at);"
    "CREATE TABLE help_requests ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " site_id TEXT NOT NULL,"
    " kiosk_id TEXT NOT NULL,"
    " category TEXT NOT NULL,"
    " urgent INTEGER NOT NULL,"
    " phone TEXT NOT NULL,"
    " at_station INTEGER NOT NULL,"
    " voice BLOB,"
    " created_at TEXT NOT NULL,"
    " respond_by TEXT NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('open', 'taken', 'resolved')),"
    " claimed_by TEXT,"
    " claimed_at TEXT,"
    " resolved_at TEXT,"
    " escalated INTEGER NOT NULL DEFAULT 0,"
    " helped INTEGER);"
    "CREATE INDEX help_by_site ON help_requests(site_id, status, respond_by);"
    "CREATE TABLE help_notes ("
    " id INTEGER PRIMARY KEY,"
    " request_id TEXT NOT NULL REFERENCES help_requests(id),"
    " staff_id TEXT NOT NULL,"
    " text TEXT NOT NULL,"
    " at TEXT NOT NULL);"
    "CREATE TABLE lesson_completions ("
    " entry_id TEXT PRIMARY KEY NOT NULL,"
    " site_id TEXT NOT NULL,"
    " kiosk_id TEXT NOT NULL,"
    " lesson_id TEXT NOT NULL,"
    " pack_id TEXT NOT NULL,"
    " pack_version TEXT NOT NULL,"
    " language TEXT NOT NULL,"
    " learner TEXT NOT NULL,"
    " completed_at TEXT NOT NULL);"
    // What kiosks pull. Only the latest change of a subject is kept (compaction), so a
    // kiosk that was away a month reads what is true now. kiosk_id '' = the whole site.
    "CREATE TABLE feed ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " site_id TEXT NOT NULL,"
    " kiosk_id TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " subject TEXT NOT NULL,"
    " data TEXT NOT NULL,"
    " UNIQUE (site_id, kiosk_id, kind, subject));"
    "CREATE INDEX feed_by_reader ON feed(site_id, seq);"
    "CREATE TABLE heartbeats ("
    " kiosk_id TEXT PRIMARY KEY NOT NULL,"
    " app_version TEXT NOT NULL,"
    " outbox_depth INTEGER NOT NULL,"
    " last_sync_at TEXT NOT NULL,"
    " disk_free_bytes INTEGER NOT NULL,"
    " received_at TEXT NOT NULL);"
    "CREATE TABLE touch_totals ("
    " kiosk_id TEXT NOT NULL,"
    " day TEXT NOT NULL,"
    " screen TEXT NOT NULL,"
    " taps INTEGER NOT NULL,"
    " misses INTEGER NOT NULL,"
    " PRIMARY KEY (kiosk_id, day, screen));"
    "CREATE TABLE packs ("
    " site_id TEXT NOT NULL,"
    " pack_id TEXT NOT NULL,"
    " version TEXT NOT NULL,"
    " title TEXT NOT NULL,"
    " size INTEGER NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " file TEXT NOT NULL,"
    " published_at TEXT NOT NULL,"
    " PRIMARY KEY (site_id, pack_id, version));"
    "CREATE TABLE trusted_keys ("
    " site_id TEXT NOT NULL,"
    " key_id TEXT NOT NULL,"
    " public_key TEXT NOT NULL,"
    " PRIMARY KEY (site_id, key_id));";

// v2: a help request's notes are read with it every time the volunteers' list is asked
// for; without this index each read would scan every note the site ever wrote.
constexpr char kSchemaV2Sql[] = "CREATE INDEX help_notes_by_request ON help_notes(request_id, id);";

// v3: a trusted publisher key keeps the name its .pub file gives (kiosks say "signed by
// <name>"); the figures read one site's lesson completions at a time.
constexpr char kSchemaV3Sql[] =
    "ALTER TABLE trusted_keys ADD COLUMN name TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX lesson_completions_by_site ON lesson_completions(site_id, completed_at);";

// v4: staff mode (docs/sync-protocol.md, "Staff at the kiosk"). A staff member's PIN as
// an argon2id hash (never the PIN), sent to the site's kiosks to check offline; the
// hours volunteers serve, as a double-entry ledger (each transfer two rows summing to 0,
// so the site's account says what it received and nothing is counted twice); the
// classes volunteers held; and when a booking was moved, so every later change of it
// still tells its kiosk where it now is.
constexpr char kSchemaV4Sql[] =
    "ALTER TABLE staff ADD COLUMN pin_hash TEXT NOT NULL DEFAULT '';"
    "CREATE TABLE hours_ledger ("
    " id INTEGER PRIMARY KEY,"
    " entry_id TEXT NOT NULL,"
    " site_id TEXT NOT NULL,"
    " account TEXT NOT NULL,"
    " staff_id TEXT NOT NULL,"
    " minutes INTEGER NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind IN ('shift', 'class')),"
    " started_at TEXT NOT NULL,"
    " ended_at TEXT NOT NULL,"
    " recorded_at TEXT NOT NULL,"
    " UNIQUE (entry_id, account));"
    "CREATE INDEX hours_by_account ON hours_ledger(account);"
    "CREATE TABLE classes ("
    " entry_id TEXT PRIMARY KEY NOT NULL,"
    " class_id TEXT NOT NULL UNIQUE,"
    " site_id TEXT NOT NULL,"
    " kiosk_id TEXT NOT NULL,"
    " staff_id TEXT NOT NULL,"
    " pack_id TEXT NOT NULL,"
    " lesson_id TEXT NOT NULL,"
    " pack_version TEXT NOT NULL,"
    " language TEXT NOT NULL,"
    " started_at TEXT NOT NULL,"
    " ended_at TEXT NOT NULL,"
    " attended INTEGER NOT NULL,"
    " walk_ins INTEGER NOT NULL,"
    " bookings_left INTEGER NOT NULL);"
    "ALTER TABLE bookings ADD COLUMN moved_at TEXT;";

struct Step {
    int version;
    const char* sql;
};

constexpr Step kSteps[] = {
    {1, kSchemaV1Sql},
    {2, kSchemaV2Sql},
    {3, kSchemaV3Sql},
    {4, kSchemaV4Sql},
};

// Two changes that each add "the next step" must not both become step N: a repeated
// number would be skipped silently on every file that has the first.
constexpr bool numbered_in_order() {
    for (std::size_t i = 0; i < std::size(kSteps); ++i)
        if (kSteps[i].version != static_cast<int>(i) + 1) return false;
    return true;
}
static_assert(numbered_in_order(), "schema steps must be numbered 1, 2, 3 ... in order");

std::int64_t application_id(core::Database& db) {
    core::Statement statement(db, "PRAGMA application_id");
    statement.step();
    return statement.column_int(0);
}

void check_identity(core::Database& db) {
    const std::string where = "the back office file " + db.path().string();
    const std::int64_t id = application_id(db);
    if (id != 0 && id != kBackofficeApplicationId)
        throw core::StorageError(where + " belongs to another program (a kiosk's store?); it was left untouched");
    if (db.user_version() > latest_server_schema_version())
        throw core::StorageError(where + " was written by a newer qiao-backoffice (schema " +
                                 std::to_string(db.user_version()) + "); it was left untouched");
}

}  // namespace

int latest_server_schema_version() { return std::prev(std::end(kSteps))->version; }

void migrate_server_schema(core::Database& db) {
    check_identity(db);
    for (const Step& step : kSteps) {
        if (db.user_version() >= step.version) continue;
        core::Transaction transaction(db);
        check_identity(db);
        if (db.user_version() >= step.version) continue;
        db.exec(step.sql);
        db.exec("PRAGMA application_id = " + std::to_string(kBackofficeApplicationId));
        db.set_user_version(step.version);
        transaction.commit();
    }
}

}  // namespace qiao::backoffice
