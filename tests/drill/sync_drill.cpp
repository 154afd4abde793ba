// qiao-sync-drill: a kiosk's core without a screen, for the tests that kill it
// (tests/sync/kill_kiosk_test.cpp). It does what a busy kiosk does to its store and its
// back office, with the real services and the real sync worker, and can be SIGKILLed
// at any instant:
//
//   qiao-sync-drill --data-dir D --enroll URL CODE     enrol, then exit
//   qiao-sync-drill --data-dir D --services FILE        load the timetable, then exit
//   qiao-sync-drill --data-dir D --busy                 book and ask for help without
//                                                       end (one every few ms), syncing
//   qiao-sync-drill --data-dir D --queue N              store N bookings and help
//                                                       requests offline (no sync), exit
//   qiao-sync-drill --data-dir D --drain SECONDS        only sync, until the outbox is
//                                                       empty and a last pull is done;
//                                                       print how long that took; exit 0,
//                                                       or 1 if time ran out
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/booking/booking_service.hpp"
#include "core/help/help_desk.hpp"
#include "core/outbox/outbox.hpp"
#include "core/storage/local_store.hpp"
#include "core/storage/settings_store.hpp"
#include "core/sync/enrolment.hpp"
#include "core/sync/sync_worker.hpp"

namespace {

using namespace qiao;
using Clock = std::chrono::system_clock;

core::SyncWorkerOptions worker_options(const std::filesystem::path& data_dir) {
    core::SyncWorkerOptions options;
    options.data_dir = data_dir;
    options.app_version = "drill";
    options.idle_interval = std::chrono::milliseconds(200);
    options.heartbeat_interval = std::chrono::milliseconds(1000);
    options.connect_timeout = std::chrono::milliseconds(1000);
    options.request_timeout = std::chrono::milliseconds(3000);
    return options;
}

std::string random_phone(std::mt19937& random) {
    std::string digits = "13";
    for (int i = 0; i < 9; ++i) digits += static_cast<char>('0' + random() % 10);
    return digits;
}

// One booking of a random slot the timetable offers, or one help request with a small
// "voice message" file, whichever the dice say. Failures a senior could meet (the slot
// is booked already by this number) are part of the drill and ignored.
void do_one_thing(core::BookingService& bookings, core::HelpDesk& help, const std::filesystem::path& voice_dir,
                  std::mt19937& random, bool with_voice = true) {
    const auto now = Clock::now();
    if (random() % 2 == 0 && bookings.schedule()) {
        const auto& slots = bookings.schedule()->explicit_slots();
        if (slots.empty()) return;
        core::BookingDraft draft{slots[random() % slots.size()].id, random_phone(random), false};
        try {
            bookings.request(draft, now);
        } catch (const core::BookingError&) {
        }
        return;
    }
    core::HelpRequestDraft draft;
    draft.category = core::HelpCategory::Scam;
    draft.phone_digits = random_phone(random);
    if (with_voice && random() % 2 == 0) {
        draft.voice_path = (voice_dir / (core::new_client_id() + ".ogg")).string();
        std::ofstream(draft.voice_path, std::ios::binary) << std::string(2000 + random() % 4000, 'v');
    }
    help.submit(draft, now, now + std::chrono::hours(4));
}

int run(const std::vector<std::string>& args) {
    std::filesystem::path data_dir;
    std::string mode, url, code, file;
    int seconds = 0, queue = 0;
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto next = [&] { return i + 1 < args.size() ? args[++i] : std::string(); };
        if (args[i] == "--data-dir") data_dir = next();
        else if (args[i] == "--enroll") mode = "enroll", url = next(), code = next();
        else if (args[i] == "--services") mode = "services", file = next();
        else if (args[i] == "--busy") mode = "busy";
        else if (args[i] == "--drain") mode = "drain", seconds = std::stoi(next());
        else if (args[i] == "--queue") mode = "queue", queue = std::stoi(next());
        else throw std::runtime_error("unknown argument " + args[i]);
    }
    if (data_dir.empty() || mode.empty()) throw std::runtime_error("usage: qiao-sync-drill --data-dir D (--enroll URL CODE | --services FILE | --busy | --drain S)");

    core::Log log;
    core::LocalStore store = core::LocalStore::open_in(data_dir, log);
    core::SettingsStore settings(store.db());
    core::Outbox outbox(store.db());
    core::BookingService bookings(store.db(), outbox);
    core::HelpDesk help(store.db(), outbox);

    if (mode == "enroll") {
        core::HttpClient client;
        core::enroll(client, {url, code, "drill", "drill"}, data_dir, settings, store.db());
        return 0;
    }
    if (mode == "services") {
        bookings.load_schedule(core::read_schedule_file(file), file, Clock::now());
        return 0;
    }
    // As the kiosk does at start-up: a recording whose request was never stored (the
    // drill was killed between the two) is deleted, not kept for ever.
    const std::filesystem::path voice_dir = data_dir / "voice";
    std::filesystem::create_directories(voice_dir);
    help.delete_unsent_recordings(voice_dir);
    if (mode == "queue") {
        // Offline: a kiosk whose network was down for days. No voice messages, so the
        // figure is the protocol's and the store's, not the size of recordings.
        std::mt19937 random(20261127);
        while (outbox.depth() < static_cast<std::size_t>(queue)) do_one_thing(bookings, help, voice_dir, random, false);
        std::cout << outbox.depth() << " entries queued\n";
        return 0;
    }
    const auto started = std::chrono::steady_clock::now();
    const std::size_t depth_at_start = outbox.depth();
    core::SyncWorker worker(worker_options(data_dir), log);
    if (mode == "busy") {
        std::mt19937 random(static_cast<unsigned>(::getpid()) ^ static_cast<unsigned>(Clock::now().time_since_epoch().count()));
        for (;;) {
            do_one_thing(bookings, help, voice_dir, random);
            worker.nudge();
            std::this_thread::sleep_for(std::chrono::milliseconds(2 + random() % 8));
        }
    }
    // drain: wait for an empty outbox, then for one more round so the last decisions
    // are pulled too.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    std::uint64_t rounds_when_empty = 0;
    std::chrono::steady_clock::time_point emptied_at;
    while (std::chrono::steady_clock::now() < deadline) {
        worker.nudge();
        const core::SyncStatus status = worker.status();
        if (outbox.depth() == 0) {
            if (rounds_when_empty == 0) rounds_when_empty = status.rounds, emptied_at = std::chrono::steady_clock::now();
            if (status.rounds >= rounds_when_empty + 2 && status.last_error.empty()) {
                using std::chrono::duration_cast, std::chrono::milliseconds;
                std::cout << "drained " << depth_at_start << " entries in "
                          << duration_cast<milliseconds>(emptied_at - started).count() << " ms; decisions pulled after "
                          << duration_cast<milliseconds>(std::chrono::steady_clock::now() - started).count() << " ms\n";
                return 0;
            }
        } else {
            rounds_when_empty = 0;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::cerr << "qiao-sync-drill: still " << outbox.depth() << " entries after " << seconds
              << " s; last error: " << worker.status().last_error << "\n";
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run({argv + 1, argv + argc});
    } catch (const std::exception& e) {
        std::cerr << "qiao-sync-drill: " << e.what() << "\n";
        return 2;
    }
}
