#pragma once
// SyncWorker: the kiosk's sync with its back office, on a thread of its own (DESIGN.md,
// "How data flows"). It opens ITS OWN connection to the store (a SQLite connection
// belongs to one thread) and runs rounds (sync_round.hpp): every 30 s when all is well,
// at once when nudged (the UI queued something), after a back-off while failing
// (backoff.hpp). A token the back office no longer knows (401) stops syncing until the
// kiosk is enrolled again. A lesson pack download runs last in a round, on this thread,
// and gives way at once to stop() and to nudge() (it continues at the next round from the
// bytes it has), so what a senior queued is never held up by a pack. It never touches the screen: the UI reads status() and, when
// told through on_store_changed, reads again what it shows (take_store_changes()).
// Nothing the UI calls here waits for the network.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/log.hpp"
#include "core/sync/backoff.hpp"
#include "core/sync/pack_downloads.hpp"
#include "core/sync/store_changes.hpp"

namespace qiao::core {

struct SyncWorkerOptions {
    std::filesystem::path data_dir;  // holds qiao.db (made and migrated by LocalStore) and the token file
    std::string app_version;
    std::string ca_file;  // a site's own CA, trusted besides the system's; "" for none
    std::chrono::milliseconds idle_interval{30000};       // between rounds when all is well
    std::chrono::milliseconds heartbeat_interval{60000};  // at most one heartbeat this often
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds request_timeout{30000};
    // One try at a lesson pack download; a longer one continues at the next round.
    std::chrono::milliseconds download_timeout{std::chrono::minutes(10)};
    PackDownloadOptions packs;  // the app gives --install-pack's validator and the pack size limit
    Backoff::RandomSource random;  // tests: a fixed source; else libsodium's
    // Called on the worker's thread after a round changed the store. Keep it short and
    // thread-safe (the app wakes its loop: LoopWaker::notify).
    std::function<void()> on_store_changed;
};

// What staff see of the sync (a snapshot; every field as of the last round).
struct SyncStatus {
    bool enrolled = false;
    std::string site_name;
    std::string backoffice_url;
    std::optional<std::chrono::system_clock::time_point> last_success;  // the last round that got through
    std::string last_error;        // plain words; "" when the last round went well
    bool needs_enrolment = false;  // the back office refused the token: enrol again
    std::size_t outbox_depth = 0;
    std::size_t sync_problems = 0;  // entries the back office refused for good (Outbox::problems)
    std::uint64_t rounds = 0;       // rounds tried since start
    std::string pack_problem;       // the last lesson pack download or install that went wrong, plain words
    std::string last_pack_installed;  // "org.qiao.basics 1.2.0", the last one installed from the back office
};

class SyncWorker {
public:
    // Starts the thread at once; it syncs only while the kiosk is enrolled (it looks
    // again every idle_interval, so an enrolment made meanwhile is picked up).
    SyncWorker(SyncWorkerOptions options, Log& log);
    ~SyncWorker();  // stop()
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    // Something was queued: start a round now rather than at the next interval.
    void nudge();
    // Wakes the thread, cuts a request in flight short, and joins. Idempotent.
    void stop();

    SyncStatus status() const;
    // What rounds changed in the store since the last call (the UI thread asks after
    // on_store_changed woke it).
    StoreChanges take_store_changes();

private:
    void run();
    // Sleeps until `wait` passed, nudge() or stop(); false once stopping.
    bool sleep_for(std::chrono::milliseconds wait);

    SyncWorkerOptions options_;
    Log& log_;
    mutable std::mutex mutex_;  // guards everything below but the thread
    std::condition_variable wake_;
    bool nudged_ = false;
    std::atomic<bool> stopping_{false};
    SyncStatus status_;
    StoreChanges pending_changes_;
    std::thread thread_;  // last: starts once everything above exists
};

}  // namespace qiao::core
