// The kiosk's sync worker against the real back office (in-process, on loopback):
// enrolment, a booking and a help request there and their answers back, capacity
// between two kiosks, a revoked token, faults on the wire (nothing lost or applied
// twice), and a stop that does not wait for a hung request.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

#include "core/booking/booking_service.hpp"
#include "core/help/help_desk.hpp"
#include "core/outbox/outbox.hpp"
#include "core/storage/local_store.hpp"
#include "core/storage/settings_store.hpp"
#include "core/storage/touch_stats.hpp"
#include "core/sync/backoffice_api.hpp"
#include "core/sync/enrolment.hpp"
#include "core/sync/sync_round.hpp"
#include "core/sync/sync_worker.hpp"
#include "support/fault_proxy.hpp"
#include "support/kiosk_under_test.hpp"
#include "support/running_backoffice.hpp"
#include "support/temp_dir.hpp"
#include "support/test_services.hpp"

using namespace qiao;
using namespace std::chrono_literals;

namespace {

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit = 15s) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(20ms);
    }
    return done();
}

// A kiosk as the app has it (support/kiosk_under_test.hpp), with what these tests do at it.
struct Kiosk : testing::KioskUnderTest {
    using KioskUnderTest::KioskUnderTest;
    core::Booking book(const std::string& slot, const std::string& phone = "13812345678") {
        return bookings.request({slot, phone, false}, std::chrono::system_clock::now());
    }
    core::SyncWorkerOptions worker_options(const std::function<void()>& changed = {}) {
        core::SyncWorkerOptions options;
        options.data_dir = data;
        options.app_version = "0.1.0";
        options.idle_interval = 200ms;
        options.heartbeat_interval = 0ms;
        options.random = [] { return 0.0; };  // back-off waits of 0.5 s, 1 s, 2 s ...
        options.on_store_changed = changed;
        return options;
    }
};

struct Site {
    testing::TempDir dir;
    testing::RunningBackoffice server;
    explicit Site(const std::string& name, int slots = 3, int capacity = 1) : dir(name), server(dir / "bo.db") {
        server.add_site("riverside");
        server.load_services("riverside", testing::services_with_future_slots(slots, capacity));
    }
};

}  // namespace

TEST_CASE("kiosk sync: enrolled by code, the kiosk gets the timetable, and its booking and help request come back decided") {
    Site site("kiosk-sync-flow");
    Kiosk kiosk(site.dir / "kiosk");
    const core::SyncCredentials enrolled = kiosk.enrol(site.server);
    CHECK(enrolled.site_id == "riverside");
    CHECK_FALSE(enrolled.kiosk_id.empty());
    struct stat info {};
    REQUIRE(::stat((kiosk.data / core::kTokenFileName).c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);

    std::atomic<int> told{0};
    core::SyncWorker worker(kiosk.worker_options([&] { ++told; }), kiosk.log);
    // The timetable arrives by pull; the UI reads it again when told.
    REQUIRE(wait_until([&] { return told > 0 && worker.take_store_changes().timetable; }));
    kiosk.bookings.reload_schedule();
    REQUIRE(kiosk.bookings.schedule());
    CHECK(kiosk.bookings.schedule()->explicit_slots().size() == 3);

    const core::Booking booking = kiosk.book("class-1");
    std::filesystem::create_directories(kiosk.data / "voice-messages");
    const auto voice = kiosk.data / "voice-messages" / "message.ogg";
    std::filesystem::copy_file(std::filesystem::path(QIAO_SOURCE_DIR) / "tests/data/help-message.ogg", voice);
    core::HelpRequestDraft draft;
    draft.category = core::HelpCategory::PhoneOrApp;
    draft.phone_digits = "13900001111";
    draft.voice_path = voice.string();
    const auto now = std::chrono::system_clock::now();
    const core::HelpRequest request = kiosk.help.submit(draft, now, now + 4h);
    worker.nudge();

    CHECK(wait_until([&] { return kiosk.bookings.find(booking.id)->state == core::BookingState::Confirmed; }));
    CHECK(kiosk.help.find(request.id)->status == "sent");
    CHECK(kiosk.outbox.depth() == 0);
    CHECK_FALSE(std::filesystem::exists(voice));
    CHECK(kiosk.help.find(request.id)->contact_masked == "139****1111");

    CHECK(site.server.count("SELECT COUNT(*) FROM bookings WHERE state = 'confirmed'") == 1);
    CHECK(site.server.count("SELECT COUNT(*) FROM help_requests WHERE voice IS NOT NULL AND length(voice) > 1000") == 1);
    CHECK(site.server.count("SELECT COUNT(*) FROM received_entries") == 2);

    const core::SyncStatus status = worker.status();
    CHECK(status.enrolled);
    CHECK(status.site_name == enrolled.site_name);
    CHECK(status.last_success.has_value());
    CHECK(status.outbox_depth == 0);
    CHECK(status.sync_problems == 0);
    CHECK_FALSE(status.needs_enrolment);
    worker.stop();
}

TEST_CASE("kiosk sync: two kiosks, one seat: one is confirmed, the other hears 'full' with the next free times") {
    Site site("kiosk-sync-seat", 3, 1);
    Kiosk first(site.dir / "k1"), second(site.dir / "k2");
    first.enrol(site.server);
    second.enrol(site.server);
    CHECK(first.round(site.server.url()).sync.done());  // each gets the timetable
    CHECK(second.round(site.server.url()).sync.done());
    first.bookings.reload_schedule();
    second.bookings.reload_schedule();
    const auto a = first.book("class-1", "13811112222");
    const auto b = second.book("class-1", "13833334444");
    CHECK(first.round(site.server.url()).sync.done());
    CHECK(second.round(site.server.url()).sync.done());
    CHECK(first.bookings.find(a.id)->state == core::BookingState::Confirmed);
    const auto declined = second.bookings.find(b.id);
    CHECK(declined->state == core::BookingState::Declined);
    CHECK(declined->decline_reason == "slot_full");
    CHECK_FALSE(declined->alternative_slot_ids.empty());
}

TEST_CASE("kiosk sync: a revoked token stops syncing with a plain message until the kiosk is enrolled again") {
    Site site("kiosk-sync-revoked");
    Kiosk kiosk(site.dir / "kiosk");
    const auto enrolled = kiosk.enrol(site.server);
    core::SyncWorker worker(kiosk.worker_options(), kiosk.log);
    REQUIRE(wait_until([&] { return worker.status().last_success.has_value(); }));
    {
        const auto lock = site.server.server().office().lock();
        site.server.server().office().enrolment().revoke_kiosk(enrolled.kiosk_id, backoffice::Clock::now());
    }
    kiosk.bookings.reload_schedule();
    kiosk.book("class-2");
    worker.nudge();
    REQUIRE(wait_until([&] { return worker.status().needs_enrolment; }));
    const core::SyncStatus stopped = worker.status();
    CHECK(stopped.last_error.find("enrol the kiosk again with qiao-kiosk --enroll URL CODE") != std::string::npos);
    CHECK(stopped.outbox_depth == 1);
    const auto rounds = stopped.rounds;
    std::this_thread::sleep_for(600ms);  // three idle intervals: no more tries with that token
    worker.nudge();
    std::this_thread::sleep_for(100ms);
    CHECK(worker.status().rounds == rounds);

    kiosk.enrol(site.server);  // a new code, a new token: the worker picks it up by itself
    CHECK(wait_until([&] { return kiosk.outbox.depth() == 0 && !worker.status().needs_enrolment; }));
    CHECK(site.server.count("SELECT COUNT(*) FROM bookings") == 1);
}

TEST_CASE("kiosk sync: garbage, cut and failed answers lose nothing and apply nothing twice") {
    Site site("kiosk-sync-faults", 3, 10);
    Kiosk kiosk(site.dir / "kiosk");
    kiosk.enrol(site.server);
    testing::FaultProxy proxy(site.server.port());
    CHECK(kiosk.round(proxy.url()).sync.done());
    kiosk.bookings.reload_schedule();

    for (const testing::Fault fault : {testing::Fault::GarbageJson, testing::Fault::CutAfterRequest, testing::Fault::TruncatedJson,
                                       testing::Fault::Http500, testing::Fault::Refuse, testing::Fault::CutMidRequest}) {
        CAPTURE(static_cast<int>(fault));
        const auto booking = kiosk.book("class-1", "1380000000" + std::to_string(static_cast<int>(fault)));
        proxy.set_fault_for_next(1, fault);
        const auto failed = kiosk.round(proxy.url());
        CHECK(failed.sync.outcome == core::SyncStep::Outcome::Failed);
        CHECK_FALSE(failed.sync.error.empty());
        CHECK(kiosk.outbox.depth() == 1);  // kept, with its number, to be sent again
        CHECK(kiosk.outbox.next_batch(1).at(0).attempts == 1);
        CHECK(kiosk.round(proxy.url()).sync.done());
        CHECK(kiosk.outbox.depth() == 0);
        CHECK(kiosk.bookings.find(booking.id)->state == core::BookingState::Confirmed);
    }
    CHECK(site.server.count("SELECT COUNT(*) FROM bookings") == 6);
    CHECK(site.server.count("SELECT COUNT(*) FROM received_entries") == 6);
}

TEST_CASE("kiosk sync: a back office slower than the kiosk's time limit loses nothing and applies nothing twice") {
    Site site("kiosk-sync-slow", 3, 1);
    Kiosk kiosk(site.dir / "kiosk");
    kiosk.enrol(site.server);
    testing::FaultProxy proxy(site.server.port());
    CHECK(kiosk.round(proxy.url()).sync.done());  // the timetable, at full speed
    kiosk.bookings.reload_schedule();
    const core::Booking booking = kiosk.book("class-1");
    core::HelpRequestDraft draft;
    draft.category = core::HelpCategory::PhoneOrApp;
    draft.phone_digits = "13900001111";
    const auto now = std::chrono::system_clock::now();
    const core::HelpRequest request = kiosk.help.submit(draft, now, now + 4h);
    REQUIRE(kiosk.outbox.depth() == 2);

    // Every answer now comes 1.5 s late, the kiosk gives up after 0.5 s: the back office
    // applies each push, the kiosk never hears that it did.
    proxy.set_fault(testing::Fault::Slow);
    proxy.set_delay(1500ms);
    kiosk.settings.set(core::sync_keys::kUrl, proxy.url());
    core::SyncWorkerOptions options = kiosk.worker_options();
    options.request_timeout = 500ms;
    core::SyncWorker worker(options, kiosk.log);

    // Two pushes (a try and its resend after the 0.5 s back-off) reached the back office.
    REQUIRE(wait_until([&] {
        return proxy.requests_forwarded() >= 2 && worker.status().last_error.find("did not answer in time") != std::string::npos;
    }, 8s));
    const core::SyncStatus slow = worker.status();
    CAPTURE(slow.last_error);
    CHECK(slow.last_error.rfind("push: ", 0) == 0);  // one plain line: what was asked, what went wrong
    CHECK(slow.last_error.find('\n') == std::string::npos);
    CHECK_FALSE(slow.last_success.has_value());
    CHECK(slow.outbox_depth == 2);
    CHECK_FALSE(slow.needs_enrolment);
    // The back office has both (applied once, however often they came) ...
    CHECK(wait_until([&] {
        return site.server.count("SELECT COUNT(*) FROM received_entries") == 2;
    }, 3s));
    CHECK(site.server.count("SELECT COUNT(*) FROM bookings") == 1);
    CHECK(site.server.count("SELECT COUNT(*) FROM help_requests") == 1);
    // ... and the kiosk still holds both, with the numbers, to send again.
    CHECK(kiosk.outbox.depth() == 2);
    const auto queued = kiosk.outbox.next_batch(10);
    REQUIRE(queued.size() == 2);
    CHECK(queued.at(0).attempts >= 1);
    CHECK(kiosk.bookings.find(booking.id)->state == core::BookingState::Requested);
    CHECK(kiosk.help.find(request.id)->status == "waiting_to_send");

    // The back office answers in time again: the resends are "already had", the outbox
    // drains, and the decision comes back by pull.
    proxy.set_fault(testing::Fault::Pass);
    worker.nudge();
    CHECK(wait_until([&] {
        const core::SyncStatus status = worker.status();
        return kiosk.outbox.depth() == 0 && status.last_success.has_value() && status.last_error.empty() &&
               kiosk.bookings.find(booking.id)->state == core::BookingState::Confirmed;
    }, 8s));
    CHECK(kiosk.help.find(request.id)->status == "sent");
    CHECK(kiosk.help.find(request.id)->contact_masked == "139****1111");
    CHECK(worker.status().outbox_depth == 0);
    CHECK(worker.status().sync_problems == 0);
    worker.stop();

    CHECK(site.server.count("SELECT COUNT(*) FROM bookings") == 1);
    CHECK(site.server.count("SELECT COUNT(*) FROM bookings WHERE id = '" + booking.id + "' AND state = 'confirmed'") == 1);
    CHECK(site.server.count("SELECT COUNT(*) FROM help_requests") == 1);
    CHECK(site.server.count("SELECT COUNT(*) FROM help_requests WHERE id = '" + request.id + "'") == 1);
    CHECK(site.server.count("SELECT COUNT(*) FROM received_entries") == 2);
    CHECK(proxy.requests_forwarded() >= 3);  // at least two slow pushes and the one that got through
}

TEST_CASE("kiosk sync: stop() cuts a hung request short and joins promptly") {
    Site site("kiosk-sync-stop");
    Kiosk kiosk(site.dir / "kiosk");
    kiosk.enrol(site.server);
    testing::FaultProxy proxy(site.server.port());
    proxy.set_fault(testing::Fault::Slow);
    proxy.set_delay(20s);
    kiosk.settings.set(core::sync_keys::kUrl, proxy.url());  // the worker talks through the slow proxy
    auto worker = std::make_unique<core::SyncWorker>(kiosk.worker_options(), kiosk.log);
    REQUIRE(wait_until([&] { return proxy.requests_seen() > 0; }));
    const auto start = std::chrono::steady_clock::now();
    worker->stop();
    CHECK(std::chrono::steady_clock::now() - start < 3s);
    worker.reset();
}

TEST_CASE("kiosk sync: enrolment failures are one plain sentence each") {
    Site site("kiosk-sync-enrol");
    Kiosk kiosk(site.dir / "kiosk");
    core::HttpClient client;
    const std::string code = site.server.enrolment_code("riverside");
    CHECK(core::enroll(client, {site.server.url(), code, "", ""}, kiosk.data, kiosk.settings, kiosk.store.db()).site_id ==
          "riverside");
    const auto refusal = [&](const std::string& url, const std::string& typed) {
        try {
            core::enroll(client, {url, typed, "", ""}, kiosk.data, kiosk.settings, kiosk.store.db());
        } catch (const core::EnrolmentError& e) {
            return std::string(e.what());
        }
        FAIL("enrolment should have failed");
        return std::string();
    };
    CHECK(refusal(site.server.url(), code).find("this code was used already") != std::string::npos);
    CHECK(refusal(site.server.url(), "AAAA-BBBB-CCCC").find("does not know this code") != std::string::npos);
    CHECK(refusal("http://127.0.0.1:1", "AAAA-BBBB-CCCC").find("could not reach the back office at http://127.0.0.1:1") !=
          std::string::npos);
    CHECK(refusal("ftp://office", "AAAA-BBBB-CCCC").find("must start with https://") != std::string::npos);
    CHECK(refusal(site.server.url() + "/nothing-here", "AAAA-BBBB-CCCC").find("no Qiao back office") != std::string::npos);
    // The failures changed nothing: the first enrolment stands.
    CHECK(core::load_credentials(kiosk.data, kiosk.settings)->site_id == "riverside");
}
