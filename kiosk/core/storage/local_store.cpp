#include "core/storage/local_store.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <optional>
#include <system_error>
#include <utility>

#include "core/storage/migrations.hpp"

namespace qiao::core {

namespace {

namespace fs = std::filesystem;

// The first 100 bytes of every SQLite file (sqlite.org/fileformat.html).
constexpr std::size_t kHeaderSize = 100;
constexpr char kHeaderMagic[] = "SQLite format 3";  // followed by its NUL: 16 bytes
constexpr std::size_t kUserVersionOffset = 60;
constexpr std::size_t kApplicationIdOffset = 68;

std::int32_t read_be32(const unsigned char* bytes) {
    const std::uint32_t value = (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) |
                                (std::uint32_t{bytes[2]} << 8) | std::uint32_t{bytes[3]};
    return static_cast<std::int32_t>(value);
}

// Refuses a newer or foreign store from its header alone, before SQLite opens it:
// opening would switch a rollback-journal file to WAL, which writes to it. (A WAL
// file's newest version may still sit in its -wal; migrate() checks that again.)
void refuse_foreign_or_newer_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::array<unsigned char, kHeaderSize> header{};
    if (!in.read(reinterpret_cast<char*>(header.data()), header.size())) return;  // short: SQLite will judge
    if (std::memcmp(header.data(), kHeaderMagic, sizeof kHeaderMagic) != 0) return;
    check_store_identity(read_be32(header.data() + kUserVersionOffset),
                         read_be32(header.data() + kApplicationIdOffset), file);
}

void prepare_data_dir(const fs::path& data_dir) {
    std::error_code ec;
    fs::create_directories(data_dir, ec);
    if (ec) {
        throw StorageError("cannot create the data directory " + data_dir.string() + ": " + ec.message());
    }
    if (!fs::is_directory(data_dir, ec)) {
        throw StorageError("the data directory " + data_dir.string() + " is not a directory");
    }
    // SQLite needs to create qiao.db-wal and -shm next to the file, so the directory
    // itself must be writable; say so plainly rather than "unable to open database file".
    if (::access(data_dir.c_str(), W_OK | X_OK) != 0) {
        throw StorageError("the data directory " + data_dir.string() + " is not writable: " +
                           std::strerror(errno));
    }
}

std::string utc_stamp() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
    return text;
}

bool any_exists(const fs::path& base) {
    std::error_code ec;
    return fs::exists(base, ec) || fs::exists(base.string() + "-wal", ec) || fs::exists(base.string() + "-shm", ec);
}

// Moves qiao.db with its -wal and -shm to qiao.db.corrupt-<UTC time>[.N], keeping the
// three together so the moved copy can still be opened for a post-mortem.
fs::path move_aside(const fs::path& file) {
    const std::string base = file.string() + ".corrupt-" + utc_stamp();
    fs::path target = base;
    for (int counter = 2; any_exists(target); ++counter) target = base + "." + std::to_string(counter);

    // -wal first: a stale -wal left next to a fresh qiao.db would be replayed into it.
    for (const char* suffix : {"-wal", "-shm", ""}) {
        const fs::path from = file.string() + suffix;
        std::error_code ec;
        if (!fs::exists(from, ec)) continue;
        fs::rename(from, target.string() + suffix, ec);
        if (ec) {
            throw StorageError("cannot move the damaged store " + from.string() + " aside to " +
                               target.string() + suffix + ": " + ec.message());
        }
    }
    return target;
}

}  // namespace

LocalStore LocalStore::open_in(const fs::path& data_dir, Log& log) {
    prepare_data_dir(data_dir);
    const fs::path file = data_dir / kFileName;
    refuse_foreign_or_newer_file(file);

    StoreOpenReport report;
    {
        std::optional<Database> db;
        try {
            db.emplace(Database::open(file));
            const std::string check = db->quick_check();
            if (check == "ok") {
                migrate(*db);
                return LocalStore(std::move(*db), std::move(report));
            }
            report.reason = "PRAGMA quick_check: " + check;
        } catch (const StorageError& e) {
            // Only damage is moved aside. A newer schema, a foreign database, a full
            // disk or a permission problem must reach the operator with the file intact.
            if (!e.is_corruption()) throw;
            report.reason = e.what();
        }
        // Closing would otherwise checkpoint the -wal into the damaged file and delete
        // it: keep both exactly as found.
        if (db) sqlite3_db_config(db->handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    }  // the damaged connection closes here, before its files are moved

    report.recovered_from_corruption = true;
    report.moved_aside_to = move_aside(file);
    log.warning("the local store " + file.string() + " is damaged (" + report.reason + "); it was moved aside to " +
                report.moved_aside_to.string() + " and a fresh, empty store was started");

    Database fresh = Database::open(file);
    migrate(fresh);
    return LocalStore(std::move(fresh), std::move(report));
}

LocalStore LocalStore::open_in_memory() {
    Database db = Database::open(":memory:");
    migrate(db);
    return LocalStore(std::move(db), StoreOpenReport{});
}

}  // namespace qiao::core
