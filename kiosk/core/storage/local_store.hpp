#pragma once
// LocalStore: the one place that opens the kiosk's SQLite file (<data-dir>/qiao.db).
// A file that is corrupt or is not a database is moved aside (qiao.db.corrupt-<UTC
// time>, with its -wal and -shm), the reason is logged, and the kiosk starts with a
// fresh store rather than crash-looping. A store written by a newer Qiao is left
// alone and reported (StorageError), since moving it aside would lose data.
#include <filesystem>
#include <optional>
#include <string>

#include "core/log.hpp"
#include "core/storage/database.hpp"

namespace qiao::core {

struct StoreOpenReport {
    bool recovered_from_corruption = false;
    std::filesystem::path moved_aside_to;  // set when recovered
    std::string reason;                    // SQLite's words, for the log
};

class LocalStore {
public:
    static constexpr const char* kFileName = "qiao.db";

    // Creates data_dir if needed, opens, checks and migrates the store.
    static LocalStore open_in(const std::filesystem::path& data_dir, Log& log);
    // A migrated in-memory store, for tests.
    static LocalStore open_in_memory();

    Database& db() { return db_; }
    const StoreOpenReport& open_report() const { return report_; }

private:
    LocalStore(Database db, StoreOpenReport report) : db_(std::move(db)), report_(std::move(report)) {}
    Database db_;
    StoreOpenReport report_;
};

}  // namespace qiao::core
