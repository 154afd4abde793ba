// Lesson packs from the real back office (in-process, on loopback) to a kiosk: published
// and downloaded and installed, the library sees it; a download cut in the middle resumes
// with only the rest; a corrupted download is never installed; a pack from an untrusted
// publisher is refused and not fetched again every round, until the back office's
// trusted keys arrive; and stop() cuts a slow download short.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "backoffice/pack_catalogue.hpp"
#include "backoffice/site_trusted_keys.hpp"
#include "core/booking/booking_service.hpp"
#include "core/help/help_desk.hpp"
#include "core/lessons/lesson_library.hpp"
#include "core/lessons/pack_archive.hpp"
#include "core/lessons/pack_signature.hpp"
#include "core/lessons/pack_state.hpp"
#include "core/lessons/trusted_keys.hpp"
#include "core/outbox/outbox.hpp"
#include "core/storage/local_store.hpp"
#include "core/storage/settings_store.hpp"
#include "core/storage/touch_stats.hpp"
#include "core/sync/enrolment.hpp"
#include "core/sync/sync_credentials.hpp"
#include "core/sync/sync_round.hpp"
#include "core/sync/sync_worker.hpp"
#include "support/kiosk_under_test.hpp"
#include "support/fault_proxy.hpp"
#include "support/running_backoffice.hpp"
#include "support/temp_dir.hpp"

using namespace qiao;
using namespace std::chrono_literals;
using nlohmann::json;
namespace fs = std::filesystem;
using Outcome = core::PackDownloadResult::Outcome;

namespace {

const std::string kPackId = "org.qiao.test-minimal";

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit = 20s) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(20ms);
    }
    return done();
}

std::string file_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A site on a real back office, with a publisher whose packs it may or may not trust.
struct Site {
    testing::TempDir dir;
    testing::RunningBackoffice server;
    core::PublisherKeyPair publisher = core::generate_keypair("Riverside volunteers");

    explicit Site(const std::string& name) : dir(name), server(dir / "bo.db") { server.add_site("riverside"); }

    // tests/packs/good/minimal at `version`, with `noise_bytes` of random data (so the
    // archive spans many pieces of a download), signed by the publisher.
    fs::path qpack(const std::string& version, std::size_t noise_bytes) {
        const fs::path folder = dir / ("pack-" + version);
        fs::copy(fs::path(QIAO_SOURCE_DIR) / "tests/packs/good/minimal", folder, fs::copy_options::recursive);
        std::ifstream in(folder / "pack.json");
        json manifest = json::parse(in);
        in.close();
        manifest["version"] = version;
        std::ofstream(folder / "pack.json") << manifest.dump(2);
        std::mt19937 random(11);
        std::string noise(noise_bytes, '\0');
        for (char& c : noise) c = static_cast<char>(random());
        std::ofstream(folder / "lessons/first-tap/images/noise.png", std::ios::binary) << noise;
        core::sign_pack(folder, publisher.secret);
        const fs::path archive = dir / (folder.filename().string() + ".qpack");
        core::build_archive(folder, archive);
        return archive;
    }
    backoffice::PublishedPack publish(const fs::path& qpack) {
        auto& office = server.server().office();
        const auto lock = office.lock();
        return backoffice::PackCatalogue(office.db(), office.feed(), backoffice::PackShelf::beside(office.db().path()))
            .publish("riverside", qpack, backoffice::Clock::now());
    }
    // `qiao-backoffice admin trust-key --site riverside river.pub`
    void trust_publisher() {
        core::save_public_key(publisher.public_key, dir / "river.pub");
        auto& office = server.server().office();
        const auto lock = office.lock();
        backoffice::SiteTrustedKeys(office.db(), office.feed()).trust("riverside", dir / "river.pub");
    }
    fs::path shelved(const std::string& sha256) const { return dir / "bo.db.packs" / (sha256 + ".qpack"); }
};

// A kiosk as the app has it (support/kiosk_under_test.hpp), enrolled at the site.
struct Kiosk : testing::KioskUnderTest {
    Kiosk(fs::path dir, testing::RunningBackoffice& server) : KioskUnderTest(std::move(dir)) { enrol(server); }
    core::SyncRoundResult round(const std::string& url) { return KioskUnderTest::round(url, false); }
    std::string installed_version() const {
        const auto state = core::read_pack_state(data / "packs" / kPackId);
        return state ? state->current : std::string();
    }
    fs::path part(const std::string& sha256) const { return data / "downloads" / (sha256 + ".part"); }
    bool logged(const std::string& words) const {
        for (const std::string& line : log.lines())
            if (line.find(words) != std::string::npos) return true;
        return false;
    }
};

}  // namespace

TEST_CASE("kiosk packs: a published pack is downloaded and installed by the sync worker, and the lesson library sees it") {
    Site site("kiosk-packs-worker");
    site.trust_publisher();
    const backoffice::PublishedPack published = site.publish(site.qpack("1.0.0", 200 * 1024));
    Kiosk kiosk(site.dir / "kiosk", site.server);

    std::atomic<bool> lessons_changed{false};
    core::SyncWorkerOptions options;
    options.data_dir = kiosk.data;
    options.app_version = "0.1.0";
    options.idle_interval = 200ms;
    options.random = [] { return 0.0; };
    core::SyncWorker worker(std::move(options), kiosk.log);
    REQUIRE(wait_until([&] {
        lessons_changed = lessons_changed || worker.take_store_changes().lessons;
        return lessons_changed.load();
    }));
    CHECK(worker.status().last_pack_installed == kPackId + " 1.0.0");
    CHECK(worker.status().pack_problem.empty());
    worker.stop();

    const core::LessonLibrary library = core::LessonLibrary::load(kiosk.data / "packs", kiosk.log);
    REQUIRE(library.find_pack(kPackId) != nullptr);
    CHECK(library.find_pack(kPackId)->version == "1.0.0");
    CHECK(library.lesson_count() >= 1);
    CHECK(kiosk.installed_version() == "1.0.0");
    CHECK_FALSE(fs::exists(kiosk.part(published.sha256)));

    // The back office's key is a trusted publisher of this kiosk now: a file like a .pub, 0644.
    const core::TrustedKeys trusted = core::load_trusted_keys(core::trusted_publishers_dir(kiosk.data));
    REQUIRE(trusted.keys.size() == 1);
    CHECK(trusted.keys[0].same_key(site.publisher.public_key));
    for (const auto& entry : fs::directory_iterator(core::trusted_publishers_dir(kiosk.data))) {
        struct stat info {};
        REQUIRE(::stat(entry.path().c_str(), &info) == 0);
        CHECK((info.st_mode & 0777) == 0644);
        CHECK(entry.path().filename().string().rfind("backoffice-", 0) == 0);
    }
}

TEST_CASE("kiosk packs: a download cut in the middle resumes with only the rest, and the pack is the one listed") {
    Site site("kiosk-packs-resume");
    site.trust_publisher();
    const fs::path archive = site.qpack("1.0.0", 400 * 1024);
    const backoffice::PublishedPack published = site.publish(archive);
    const std::string bytes = file_bytes(archive);
    Kiosk kiosk(site.dir / "kiosk", site.server);
    testing::FaultProxy proxy(site.server.port());

    // The pull goes through; the download gets half its body, then the connection closes.
    proxy.set_fault(testing::Fault::TruncatedJson);
    proxy.set_fault_for_next(1, testing::Fault::Pass);
    const core::SyncRoundResult first = kiosk.round(proxy.url());
    CHECK(first.sync.done());
    CHECK(first.packs.outcome == Outcome::Unfinished);
    CHECK_FALSE(first.packs.problem.empty());
    const fs::path part = kiosk.part(published.sha256);
    REQUIRE(fs::exists(part));
    const std::uintmax_t had = fs::file_size(part);
    CHECK(had > 0);
    CHECK(had < bytes.size());
    CHECK(first.packs.bytes_fetched == had);
    CHECK(file_bytes(part) == bytes.substr(0, had));
    CHECK(kiosk.installed_version().empty());

    // Next round: only the rest is fetched, and the whole checks out against the catalogue.
    proxy.set_fault(testing::Fault::Pass);
    const core::SyncRoundResult second = kiosk.round(proxy.url());
    CHECK(second.packs.outcome == Outcome::Installed);
    CHECK(second.packs.bytes_fetched == bytes.size() - had);
    CHECK(second.packs.bytes_fetched < bytes.size());
    CHECK(second.sync.changes.lessons);
    CHECK(kiosk.installed_version() == "1.0.0");
    CHECK_FALSE(fs::exists(part));
    // What was installed is what was published, byte for byte.
    const fs::path installed = kiosk.data / "packs" / kPackId / "versions" / "1.0.0";
    CHECK(file_bytes(installed / "lessons/first-tap/images/noise.png") ==
          file_bytes(site.dir / "pack-1.0.0" / "lessons/first-tap/images/noise.png"));
}

TEST_CASE("kiosk packs: a corrupted download is deleted and never installed, and fetched again next round") {
    Site site("kiosk-packs-corrupt");
    site.trust_publisher();
    const backoffice::PublishedPack published = site.publish(site.qpack("1.0.0", 100 * 1024));
    const fs::path shelved = site.shelved(published.sha256);
    const std::string good = file_bytes(shelved);
    {
        std::string bad = good;
        bad[bad.size() / 2] ^= 0x5a;  // the same size, one byte changed on the server's disk
        std::ofstream(shelved, std::ios::binary | std::ios::trunc) << bad;
    }
    Kiosk kiosk(site.dir / "kiosk", site.server);

    for (int round = 0; round < 2; ++round) {
        const core::SyncRoundResult result = kiosk.round(site.server.url());
        CHECK(result.sync.done());
        CHECK(result.packs.outcome == Outcome::Mismatch);
        CHECK(result.packs.bytes_fetched == good.size());
        CHECK(result.packs.problem.find("SHA-256") != std::string::npos);
        CHECK_FALSE(result.sync.changes.lessons);
        CHECK(kiosk.installed_version().empty());
        CHECK_FALSE(fs::exists(kiosk.part(published.sha256)));
    }
    CHECK(kiosk.logged("was deleted, not installed"));

    std::ofstream(shelved, std::ios::binary | std::ios::trunc) << good;
    CHECK(kiosk.round(site.server.url()).packs.outcome == Outcome::Installed);
    CHECK(kiosk.installed_version() == "1.0.0");
}

TEST_CASE("kiosk packs: an untrusted pack is refused and not fetched again every round, until the back office's trusted key lets it in") {
    Site site("kiosk-packs-trust");
    const backoffice::PublishedPack published = site.publish(site.qpack("1.0.0", 100 * 1024));
    Kiosk kiosk(site.dir / "kiosk", site.server);
    testing::FaultProxy proxy(site.server.port());

    const core::SyncRoundResult refused = kiosk.round(proxy.url());
    CHECK(refused.sync.done());
    CHECK(refused.packs.outcome == Outcome::Refused);
    CHECK(refused.packs.problem.find("not installed") != std::string::npos);
    CHECK(kiosk.logged("was not installed"));
    CHECK(kiosk.installed_version().empty());

    for (int round = 0; round < 3; ++round) {
        const std::size_t before = proxy.requests_seen();
        const core::SyncRoundResult again = kiosk.round(proxy.url());
        CHECK(again.packs.outcome == Outcome::Nothing);
        CHECK(again.packs.bytes_fetched == 0);
        CHECK(proxy.requests_seen() == before + 1);  // the pull, and no download
    }

    site.trust_publisher();
    const core::SyncRoundResult trusted = kiosk.round(proxy.url());
    CHECK(trusted.packs.outcome == Outcome::Installed);
    CHECK(trusted.sync.changes.lessons);
    CHECK(kiosk.installed_version() == "1.0.0");
    CHECK(core::load_trusted_keys(core::trusted_publishers_dir(kiosk.data)).keys.size() == 1);
    CHECK_FALSE(fs::exists(kiosk.part(published.sha256)));
}

TEST_CASE("kiosk packs: stop() cuts a slow download short, and the next start continues it") {
    Site site("kiosk-packs-stop");
    site.trust_publisher();
    const backoffice::PublishedPack published = site.publish(site.qpack("1.0.0", 100 * 1024));
    Kiosk kiosk(site.dir / "kiosk", site.server);
    testing::FaultProxy proxy(site.server.port());
    // The pull and the heartbeat go through; the download hangs.
    proxy.set_fault(testing::Fault::Slow);
    proxy.set_delay(20s);
    proxy.set_fault_for_next(2, testing::Fault::Pass);
    kiosk.settings.set(core::sync_keys::kUrl, proxy.url());

    core::SyncWorkerOptions options;
    options.data_dir = kiosk.data;
    options.app_version = "0.1.0";
    options.idle_interval = 200ms;
    options.heartbeat_interval = 1h;
    options.random = [] { return 0.0; };
    auto worker = std::make_unique<core::SyncWorker>(options, kiosk.log);
    REQUIRE(wait_until([&] { return proxy.requests_seen() >= 3; }));
    std::this_thread::sleep_for(200ms);  // the download is waiting on the proxy
    const auto start = std::chrono::steady_clock::now();
    worker->stop();
    CHECK(std::chrono::steady_clock::now() - start < 3s);
    worker.reset();
    CHECK(kiosk.installed_version().empty());

    proxy.set_fault(testing::Fault::Pass);
    worker = std::make_unique<core::SyncWorker>(options, kiosk.log);
    CHECK(wait_until([&] { return kiosk.installed_version() == "1.0.0"; }));
    worker->stop();
}
