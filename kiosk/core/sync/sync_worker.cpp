#include "core/sync/sync_worker.hpp"

#include <memory>

#include "core/booking/booking_service.hpp"
#include "core/help/help_desk.hpp"
#include "core/outbox/outbox.hpp"
#include "core/storage/local_store.hpp"
#include "core/storage/migrations.hpp"
#include "core/storage/settings_store.hpp"
#include "core/storage/touch_stats.hpp"
#include "core/sync/backoffice_api.hpp"
#include "core/sync/sync_credentials.hpp"
#include "core/sync/sync_round.hpp"

namespace qiao::core {

namespace {

constexpr const char* kEnrolAgain =
    "the back office no longer accepts this kiosk's token (it was revoked, or the kiosk was removed): "
    "syncing has stopped; enrol the kiosk again with qiao-kiosk --enroll URL CODE";

}  // namespace

SyncWorker::SyncWorker(SyncWorkerOptions options, Log& log)
    : options_(std::move(options)), log_(log), thread_([this] { run(); }) {}

SyncWorker::~SyncWorker() { stop(); }

void SyncWorker::nudge() {
    {
        std::lock_guard lock(mutex_);
        nudged_ = true;
    }
    wake_.notify_all();
}

void SyncWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

SyncStatus SyncWorker::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

StoreChanges SyncWorker::take_store_changes() {
    std::lock_guard lock(mutex_);
    return std::exchange(pending_changes_, StoreChanges{});
}

bool SyncWorker::sleep_for(std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, wait, [this] { return stopping_.load() || nudged_; });
    nudged_ = false;
    return !stopping_;
}

void SyncWorker::run() {
    std::unique_ptr<Database> db;
    try {
        db = std::make_unique<Database>(Database::open(options_.data_dir / LocalStore::kFileName));
        migrate(*db);  // a no-op after LocalStore; safe on a second connection
    } catch (const std::exception& e) {
        log_.error(std::string("sync: the store could not be opened, so nothing is synced: ") + e.what());
        std::lock_guard lock(mutex_);
        status_.last_error = std::string("the kiosk's store could not be opened for syncing: ") + e.what();
        return;
    }
    Outbox outbox(*db);
    BookingService bookings(*db, outbox);
    HelpDesk help(*db, outbox);
    SettingsStore settings(*db);
    TouchStats touches(*db);
    SyncStores stores{*db, outbox, bookings, help, settings, touches};
    Backoff backoff(options_.random);
    std::optional<std::string> refused_token;
    std::optional<std::chrono::steady_clock::time_point> last_heartbeat;
    std::unique_ptr<BackofficeLink> link;
    std::string link_for;  // the url and token the link was made with

    HttpOptions http;
    http.ca_file = options_.ca_file;
    http.connect_timeout = options_.connect_timeout;
    http.request_timeout = options_.request_timeout;
    http.user_agent = "qiao-kiosk/" + options_.app_version;
    http.should_stop = [this] { return stopping_.load(); };
    // A pack download also gives way to a nudge: something a senior did waits to be sent.
    HttpOptions download = http;
    download.request_timeout = options_.download_timeout;
    download.should_stop = [this] {
        std::lock_guard lock(mutex_);
        return stopping_.load() || nudged_;
    };

    std::chrono::milliseconds wait{0};
    while (sleep_for(wait)) {
        wait = options_.idle_interval;
        std::optional<SyncCredentials> credentials;
        SyncRoundResult result;
        bool tried = false;
        try {
            credentials = load_credentials(options_.data_dir, settings);
            if (credentials && refused_token != credentials->token) {
                refused_token.reset();
                if (!link || link_for != credentials->url + "\n" + credentials->token) {
                    link = std::make_unique<BackofficeLink>(credentials->url, credentials->token, http, download);
                    link_for = credentials->url + "\n" + credentials->token;
                }
                const auto now = std::chrono::steady_clock::now();
                SyncRoundSettings round{options_.data_dir, options_.app_version,
                                        !last_heartbeat || now - *last_heartbeat >= options_.heartbeat_interval,
                                        local_date_today(), options_.packs};
                tried = true;
                result = run_sync_round(*link, stores, round, log_);
                if (result.heartbeat_sent) last_heartbeat = now;
            }
        } catch (const std::exception& e) {
            // The store failed (busy, full disk): a failed round like any other.
            tried = true;
            result.sync.outcome = SyncStep::Outcome::Failed;
            result.sync.error = std::string("sync: the kiosk's store failed: ") + e.what();
        }
        if (result.sync.outcome == SyncStep::Outcome::Stopped) break;

        if (result.sync.outcome == SyncStep::Outcome::Failed) {
            wait = backoff.next_wait();
            log_.warning(result.sync.error + " (trying again in " + std::to_string(wait.count() / 1000) + " s)");
        } else if (result.sync.outcome == SyncStep::Outcome::Unauthenticated) {
            refused_token = credentials ? credentials->token : std::string();
            log_.error(result.sync.error + ": " + kEnrolAgain);
        } else if (tried) {
            backoff.reset();
        }

        std::size_t depth = 0, problems = 0;
        try {
            depth = outbox.depth();
            problems = outbox.problem_count();
            // Kept in the store too, so `qiao-kiosk --sync-status` can tell staff why;
            // written only when it changes, not with an fsync every idle round.
            if (tried) {
                const std::string error = result.sync.done() ? std::string()
                                          : result.sync.outcome == SyncStep::Outcome::Unauthenticated
                                              ? std::string(kEnrolAgain)
                                              : result.sync.error;
                if (settings.get(sync_keys::kLastError).value_or("") != error) settings.set(sync_keys::kLastError, error);
            }
        } catch (const std::exception&) {
            // figures for staff only; the next round tries again
        }
        bool changed = false;
        {
            std::lock_guard lock(mutex_);
            status_.enrolled = credentials.has_value();
            status_.site_name = credentials ? credentials->site_name : std::string();
            status_.backoffice_url = credentials ? credentials->url : std::string();
            status_.needs_enrolment = refused_token.has_value();
            status_.outbox_depth = depth;
            status_.sync_problems = problems;
            if (tried) {
                ++status_.rounds;
                if (result.sync.done()) {
                    status_.last_success = std::chrono::system_clock::now();
                    status_.last_error = result.heartbeat_error;
                } else {
                    status_.last_error =
                        result.sync.outcome == SyncStep::Outcome::Unauthenticated ? kEnrolAgain : result.sync.error;
                }
            } else if (!credentials) {
                status_.last_error.clear();
            }
            if (result.packs.outcome == PackDownloadResult::Outcome::Installed) {
                status_.last_pack_installed = result.packs.pack_id + " " + result.packs.version;
                status_.pack_problem = result.packs.problem;
            } else if (!result.packs.problem.empty()) {
                status_.pack_problem = result.packs.problem;
            }
            pending_changes_ |= result.sync.changes;
            changed = result.sync.changes.any();
        }
        if (changed && options_.on_store_changed) options_.on_store_changed();
    }
}

}  // namespace qiao::core
