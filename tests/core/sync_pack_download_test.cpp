// The kiosk's lesson pack downloads (core/sync/pack_downloads.hpp) and the back office's
// trusted publishers written as files (core/sync/trusted_keys_file.hpp), against a fake
// back office that serves an archive built here, resuming from what the part file holds.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/lessons/pack_archive.hpp"
#include "core/lessons/pack_hashes.hpp"
#include "core/lessons/pack_installer.hpp"
#include "core/lessons/pack_signature.hpp"
#include "core/lessons/pack_state.hpp"
#include "core/lessons/trusted_keys.hpp"
#include "core/pack_sign_fixture.hpp"
#include "core/sync/pack_downloads.hpp"
#include "core/sync/sync_credentials.hpp"
#include "core/sync/sync_round.hpp"
#include "core/sync/trusted_keys_file.hpp"
#include "core/sync_test_support.hpp"

using namespace qiao::core;
using qiao::test::FakeBackoffice;
using qiao::test::make_tiny_pack;
using qiao::test::PackTempDir;
using qiao::test::read_text;
using qiao::test::SyncDesk;
using qiao::test::write_text;
using nlohmann::json;
namespace fs = std::filesystem;
using Outcome = PackDownloadResult::Outcome;

namespace {

const std::string kId = "org.qiao.test";

// A kiosk's data folder and store, a publisher, and a fake back office serving `served`.
struct PackKiosk {
    PackTempDir dir{"download"};
    SyncDesk desk;
    FakeBackoffice office;
    PublisherKeyPair publisher = generate_keypair("Test volunteers");
    std::string served;                      // the bytes the back office sends for any pack
    std::optional<std::size_t> cut_after;    // the next download breaks off after this many bytes in all
    PackDownloadOptions options;

    PackKiosk() {
        options.validate = [](const fs::path&) { return std::vector<std::string>{}; };  // the reader has its own tests
        office.downloader = [this](const std::string&, const fs::path& file) {
            // As the real server: "Range: bytes=N-" from what the file holds, appended.
            const std::size_t have = fs::exists(file) ? fs::file_size(file) : 0;
            if (have >= served.size()) return HttpReply{416, R"({"error":"range_not_satisfiable"})", "", false};
            std::size_t end = served.size();
            const bool cut = cut_after && *cut_after < end;
            if (cut) end = std::max(have, *cut_after);
            std::ofstream(file, std::ios::binary | std::ios::app) << served.substr(have, end - have);
            if (cut) {
                cut_after.reset();
                return HttpReply{0, "", "the connection broke during the request", false};
            }
            return HttpReply{have > 0 ? 206L : 200L, "", "", false};
        };
    }

    fs::path data() const { return dir.path(); }
    std::string archive(const std::string& version, const PublisherSecretKey& key) {
        const fs::path folder = make_tiny_pack(dir / ("src-" + version + "-" + std::to_string(counter++)), version, kId);
        write_text(folder / "lessons/hello/images/noise.png", std::string(40000, 'n') + version);  // several chunks
        sign_pack(folder, key);
        const fs::path file = dir / ("pack-" + std::to_string(counter++) + ".qpack");
        build_archive(folder, file);
        return read_text(file);
    }
    void trust(const PublisherKey& key) {
        fs::create_directories(trusted_publishers_dir(data()));
        save_public_key(key, trusted_publishers_dir(data()) / "site-manager.pub");
    }
    // The catalogue as pulled, listing `bytes` as the pack at `version`.
    void list(const std::string& version, const std::string& bytes, std::optional<std::size_t> size = std::nullopt) {
        const std::string sha = sha256_hex(bytes);
        desk.settings.set(sync_keys::kPackCatalogue,
                          json{{"packs", {{{"id", kId}, {"version", version}, {"size", size.value_or(bytes.size())},
                                           {"sha256", sha}, {"title", "测试"}, {"url", "/api/v1/packs/" + kId + "/" + version}}}}}
                              .dump());
    }
    PackDownloadResult step() { return PackDownloads(office, desk.settings, data(), options, desk.log).run_once(); }
    std::string current() const {
        const auto state = read_pack_state(data() / "packs" / kId);
        return state ? state->current : std::string();
    }
    std::size_t downloads() const {
        std::size_t n = 0;
        for (const auto& seen : office.seen) n += seen.method == "DOWNLOAD";
        return n;
    }
    bool parts_left() const {
        std::error_code ec;
        return fs::exists(data() / "downloads", ec) && !fs::is_empty(data() / "downloads", ec);
    }
    static std::string sha256_hex(const std::string& bytes) {
        PackTempDir scratch("sha");
        write_text(scratch / "f", bytes);
        return sha256_file(scratch / "f");
    }

    int counter = 0;
};

}  // namespace

TEST_CASE("pack downloads: nothing is done before the back office sends a catalogue") {
    PackKiosk kiosk;
    CHECK(kiosk.step().outcome == Outcome::Nothing);
    CHECK(kiosk.office.seen.empty());
}

TEST_CASE("pack downloads: a listed pack this kiosk lacks is downloaded, checked, installed, and its part removed") {
    PackKiosk kiosk;
    kiosk.trust(kiosk.publisher.public_key);
    kiosk.served = kiosk.archive("1.0.0", kiosk.publisher.secret);
    kiosk.list("1.0.0", kiosk.served);

    const PackDownloadResult result = kiosk.step();
    CHECK(result.outcome == Outcome::Installed);
    CHECK(result.pack_id == kId);
    CHECK(result.version == "1.0.0");
    CHECK(result.bytes_fetched == kiosk.served.size());
    CHECK(result.problem.empty());
    CHECK(kiosk.current() == "1.0.0");
    CHECK_FALSE(kiosk.parts_left());
    REQUIRE(kiosk.office.seen.size() == 1);
    CHECK(kiosk.office.seen[0].path == "/api/v1/packs/org.qiao.test/1.0.0");

    // Has it: nothing more is fetched.
    CHECK(kiosk.step().outcome == Outcome::Nothing);
    CHECK(kiosk.downloads() == 1);

    // A newer version is; an older one is not.
    kiosk.served = kiosk.archive("1.1.0", kiosk.publisher.secret);
    kiosk.list("1.1.0", kiosk.served);
    CHECK(kiosk.step().outcome == Outcome::Installed);
    CHECK(kiosk.current() == "1.1.0");
    kiosk.served = kiosk.archive("0.9.0", kiosk.publisher.secret);
    kiosk.list("0.9.0", kiosk.served);
    CHECK(kiosk.step().outcome == Outcome::Nothing);
    CHECK(kiosk.current() == "1.1.0");
}

TEST_CASE("pack downloads: a version staff rolled back from is not installed again") {
    PackKiosk kiosk;
    kiosk.trust(kiosk.publisher.public_key);
    kiosk.served = kiosk.archive("1.0.0", kiosk.publisher.secret);
    kiosk.list("1.0.0", kiosk.served);
    REQUIRE(kiosk.step().outcome == Outcome::Installed);
    kiosk.served = kiosk.archive("1.1.0", kiosk.publisher.secret);
    kiosk.list("1.1.0", kiosk.served);
    REQUIRE(kiosk.step().outcome == Outcome::Installed);
    PackInstaller(kiosk.data() / "packs", {kiosk.publisher.public_key}).rollback(kId);
    REQUIRE(kiosk.current() == "1.0.0");
    CHECK(kiosk.step().outcome == Outcome::Nothing);
    CHECK(kiosk.current() == "1.0.0");
}

TEST_CASE("pack downloads: a broken-off download continues from the bytes it has, and ends with the listed SHA-256") {
    PackKiosk kiosk;
    kiosk.trust(kiosk.publisher.public_key);
    kiosk.served = kiosk.archive("1.0.0", kiosk.publisher.secret);
    kiosk.list("1.0.0", kiosk.served);
    const std::size_t half = kiosk.served.size() / 2;
    kiosk.cut_after = half;

    const PackDownloadResult first = kiosk.step();
    CHECK(first.outcome == Outcome::Unfinished);
    CHECK(first.bytes_fetched == half);
    CHECK(first.problem.find("continues from there") != std::string::npos);
    const fs::path part = kiosk.data() / "downloads" / (PackKiosk::sha256_hex(kiosk.served) + ".part");
    REQUIRE(fs::exists(part));
    CHECK(fs::file_size(part) == half);
    CHECK(kiosk.current().empty());

    // A new PackDownloads, as after a restart: only the rest is fetched.
    const PackDownloadResult second = kiosk.step();
    CHECK(second.outcome == Outcome::Installed);
    CHECK(second.bytes_fetched == kiosk.served.size() - half);
    CHECK(kiosk.current() == "1.0.0");
    CHECK_FALSE(fs::exists(part));
}

TEST_CASE("pack downloads: a download that is not what the catalogue lists is deleted, never installed, and fetched again") {
    PackKiosk kiosk;
    kiosk.trust(kiosk.publisher.public_key);
    const std::string good = kiosk.archive("1.0.0", kiosk.publisher.secret);
    kiosk.list("1.0.0", good);

    SUBCASE("same size, one byte changed") {
        kiosk.served = good;
        kiosk.served[kiosk.served.size() / 2] ^= 0x5a;
        const PackDownloadResult result = kiosk.step();
        CHECK(result.outcome == Outcome::Mismatch);
        CHECK(result.problem.find("its SHA-256 is") != std::string::npos);
    }
    SUBCASE("shorter than listed") {
        kiosk.served = good.substr(0, good.size() - 10);
        const PackDownloadResult result = kiosk.step();
        CHECK(result.outcome == Outcome::Mismatch);
        CHECK(result.problem.find("bytes instead of") != std::string::npos);
    }
    CHECK(kiosk.desk.logged("was deleted, not installed"));
    CHECK(kiosk.current().empty());
    CHECK_FALSE(kiosk.parts_left());
    // Tried again next round; this time the bytes are right.
    kiosk.served = good;
    CHECK(kiosk.step().outcome == Outcome::Installed);
    CHECK(kiosk.downloads() == 2);
}

TEST_CASE("pack downloads: a pack the installer refuses is told in its words and not fetched again until something changes") {
    PackKiosk kiosk;
    const PublisherKeyPair stranger = generate_keypair("Someone else");
    kiosk.trust(kiosk.publisher.public_key);
    kiosk.served = kiosk.archive("1.0.0", stranger.secret);
    kiosk.list("1.0.0", kiosk.served);

    const PackDownloadResult refused = kiosk.step();
    CHECK(refused.outcome == Outcome::Refused);
    CHECK(refused.problem.find("was not installed") != std::string::npos);
    CHECK(refused.problem.find("not downloaded again until") != std::string::npos);
    CHECK(kiosk.desk.logged("was not installed"));
    CHECK(kiosk.current().empty());
    CHECK_FALSE(kiosk.parts_left());

    for (int round = 0; round < 3; ++round) CHECK(kiosk.step().outcome == Outcome::Nothing);
    CHECK(kiosk.downloads() == 1);

    SUBCASE("the kiosk comes to trust its publisher") {
        kiosk.trust(stranger.public_key);
    }
    SUBCASE("the catalogue changes") {
        kiosk.served = kiosk.archive("1.0.1", kiosk.publisher.secret);
        kiosk.list("1.0.1", kiosk.served);
    }
    CHECK(kiosk.step().outcome == Outcome::Installed);
    CHECK(kiosk.downloads() == 2);
}

TEST_CASE("pack downloads: a pack larger than the limit is refused in one log line, never fetched") {
    PackKiosk kiosk;
    kiosk.options.max_download_bytes = 1000;
    kiosk.served = kiosk.archive("1.0.0", kiosk.publisher.secret);
    kiosk.list("1.0.0", kiosk.served);
    CHECK(kiosk.step().outcome == Outcome::Nothing);
    CHECK(kiosk.step().outcome == Outcome::Nothing);
    CHECK(kiosk.downloads() == 0);
    std::size_t lines = 0;
    for (const std::string& line : kiosk.desk.log.lines()) lines += line.find("more than the") != std::string::npos;
    CHECK(lines == 1);
}

TEST_CASE("pack downloads: a catalogue entry that cannot be used is skipped, and parts of packs no longer listed go") {
    PackKiosk kiosk;
    fs::create_directories(kiosk.data() / "downloads");
    write_text(kiosk.data() / "downloads" / (std::string(64, 'b') + ".part"), "old");
    write_text(kiosk.data() / "downloads" / "keep.txt", "not ours");
    kiosk.desk.settings.set(sync_keys::kPackCatalogue,
                            json{{"packs", {{{"id", "../evil"}, {"version", "1.0.0"}, {"size", 10}, {"sha256", std::string(64, 'a')},
                                             {"url", "/api/v1/packs/x/1.0.0"}},
                                            {{"id", kId}, {"version", "1.0.0"}, {"size", 10}, {"sha256", std::string(64, 'a')},
                                             {"url", "http://elsewhere.example/x"}}}}}
                                .dump());
    CHECK(kiosk.step().outcome == Outcome::Nothing);
    CHECK(kiosk.downloads() == 0);
    CHECK(kiosk.desk.logged("no valid \"id\""));
    CHECK(kiosk.desk.logged("no \"url\" under /api/v1/"));
    CHECK_FALSE(fs::exists(kiosk.data() / "downloads" / (std::string(64, 'b') + ".part")));
    CHECK(fs::exists(kiosk.data() / "downloads" / "keep.txt"));
}

TEST_CASE("trusted keys file: the back office's keys become publisher files, and a site manager's own are never removed") {
    PackKiosk kiosk;
    const PublisherKeyPair first = generate_keypair("Riverside volunteers");
    const PublisherKeyPair second = generate_keypair("City library");
    const fs::path folder = trusted_publishers_dir(kiosk.data());
    fs::create_directories(folder);
    save_public_key(kiosk.publisher.public_key, folder / "by-hand.pub");  // the manager's own

    CHECK_FALSE(write_backoffice_publishers(kiosk.data(), kiosk.desk.settings, kiosk.desk.log).changed());  // nothing pulled yet
    const auto keys = [](std::vector<const PublisherKey*> list) {
        json entries = json::array();
        for (const PublisherKey* key : list)
            entries.push_back({{"id", "x"}, {"public_key", key->base64()}, {"name", key->name}});
        return json{{"keys", entries}}.dump();
    };
    kiosk.desk.settings.set(sync_keys::kTrustedKeys,
                            keys({&first.public_key, &second.public_key, &kiosk.publisher.public_key}));
    const TrustedKeysFileResult written = write_backoffice_publishers(kiosk.data(), kiosk.desk.settings, kiosk.desk.log);
    CHECK(written.written == 3);
    TrustedKeys trusted = load_trusted_keys(folder);
    CHECK(trusted.problems.empty());
    CHECK(trusted.keys.size() == 3);
    for (const auto& entry : fs::directory_iterator(folder)) {
        struct stat info {};
        REQUIRE(::stat(entry.path().c_str(), &info) == 0);
        CHECK((info.st_mode & 0777) == 0644);
    }
    // Again: nothing to do.
    CHECK_FALSE(write_backoffice_publishers(kiosk.data(), kiosk.desk.settings, kiosk.desk.log).changed());

    // The back office stops trusting all three: its files go, the manager's file stays.
    kiosk.desk.settings.set(sync_keys::kTrustedKeys, keys({&second.public_key}));
    const TrustedKeysFileResult removed = write_backoffice_publishers(kiosk.data(), kiosk.desk.settings, kiosk.desk.log);
    CHECK(removed.removed == 2);
    CHECK(fs::exists(folder / "by-hand.pub"));
    trusted = load_trusted_keys(folder);
    CHECK(trusted.keys.size() == 2);  // the manager's key and the second
    kiosk.desk.settings.set(sync_keys::kTrustedKeys, keys({}));
    CHECK(write_backoffice_publishers(kiosk.data(), kiosk.desk.settings, kiosk.desk.log).removed == 1);
    trusted = load_trusted_keys(folder);
    REQUIRE(trusted.keys.size() == 1);
    CHECK(trusted.keys[0].same_key(kiosk.publisher.public_key));

    // A key that is not a key is skipped, in words.
    kiosk.desk.settings.set(sync_keys::kTrustedKeys, R"({"keys": [{"id": "x", "public_key": "bm90IGEga2V5"}]})");
    CHECK_FALSE(write_backoffice_publishers(kiosk.data(), kiosk.desk.settings, kiosk.desk.log).changed());
    CHECK(kiosk.desk.logged("a trusted key from the back office was skipped"));
}

TEST_CASE("sync round: the pulled trusted keys are written before the pack is installed, and the round says lessons changed") {
    PackKiosk kiosk;
    kiosk.served = kiosk.archive("1.0.0", kiosk.publisher.secret);
    const std::string sha = PackKiosk::sha256_hex(kiosk.served);
    const json catalogue = {{"packs", {{{"id", kId}, {"version", "1.0.0"}, {"size", kiosk.served.size()}, {"sha256", sha},
                                        {"title", "测试"}, {"url", "/api/v1/packs/org.qiao.test/1.0.0"}}}}};
    const json keys = {{"keys", {{{"id", "x"}, {"public_key", kiosk.publisher.public_key.base64()}, {"name", "Test volunteers"}}}}};
    kiosk.office.handler = [&](const qiao::test::SeenRequest& request) {
        if (request.path.rfind("/api/v1/sync/pull", 0) == 0)
            return qiao::test::json_reply(200, {{"protocol", 1},
                                                {"changes", {{{"seq", 1}, {"kind", "pack_catalogue"}, {"data", catalogue}},
                                                             {{"seq", 2}, {"kind", "trusted_keys"}, {"data", keys}}}},
                                                {"next_after", 2},
                                                {"more", false}});
        return qiao::test::json_reply(200, {{"protocol", 1}});
    };
    SyncRoundSettings settings{kiosk.data(), "0.1.0", false, "2026-11-30", kiosk.options};
    const SyncRoundResult result = run_sync_round(kiosk.office, kiosk.desk.stores, settings, kiosk.desk.log);
    CHECK(result.sync.done());
    CHECK(result.sync.changes.catalogue);
    CHECK(result.sync.changes.lessons);
    CHECK(result.packs.outcome == Outcome::Installed);
    CHECK(kiosk.current() == "1.0.0");
}
