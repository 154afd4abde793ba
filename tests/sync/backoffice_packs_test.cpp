// What a site publishes to its kiosks, against the real server: lesson packs (checked
// as a kiosk would, offered in the site's catalogue, downloaded whole or resumed with a
// Range, never to another site's kiosk), the publishers they trust, and their settings.
#include <doctest/doctest.h>

#include <httplib.h>
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "backoffice/api_error.hpp"
#include "backoffice/pack_catalogue.hpp"
#include "backoffice/site_settings.hpp"
#include "backoffice/site_trusted_keys.hpp"
#include "core/lessons/pack_archive.hpp"
#include "core/lessons/pack_error.hpp"
#include "core/lessons/pack_signature.hpp"
#include "core/lessons/sodium_text.hpp"
#include "core/sync/pulled_changes.hpp"
#include "support/kiosk_api.hpp"
#include "support/running_backoffice.hpp"
#include "support/temp_dir.hpp"

using namespace qiao;
using nlohmann::json;
using testing::KioskApi;
namespace fs = std::filesystem;

namespace {

std::string sha256_hex(const std::string& bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return core::to_hex(digest, sizeof digest);
}

std::string file_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Site {
    testing::TempDir dir{"packs"};
    testing::RunningBackoffice server{dir / "bo.db"};
    core::PublisherKeyPair publisher = core::generate_keypair("Riverside volunteers");
    Site() {
        server.add_site("riverside");
        server.add_site("hillside");
    }
    KioskApi kiosk(const std::string& site_id = "riverside") {
        return KioskApi(server.port(), server.enrol_kiosk(site_id).token);
    }
    backoffice::PackCatalogue catalogue() {
        auto& office = server.server().office();
        return backoffice::PackCatalogue(office.db(), office.feed(), backoffice::PackShelf::beside(office.db().path()));
    }
    backoffice::PublishedPack publish(const std::string& site_id, const fs::path& qpack) {
        const auto lock = server.server().office().lock();
        return catalogue().publish(site_id, qpack, backoffice::Clock::now());
    }
    // tests/packs/good/minimal at `version`, with `noise_bytes` of random data in an extra
    // file (so the archive spans several chunks of a download), signed unless told not.
    fs::path qpack(const std::string& version, std::size_t noise_bytes = 0, bool sign = true) {
        const fs::path folder = dir / ("pack-" + version + "-" + std::to_string(noise_bytes));
        fs::copy(fs::path(QIAO_SOURCE_DIR) / "tests/packs/good/minimal", folder, fs::copy_options::recursive);
        std::ifstream in(folder / "pack.json");
        json manifest = json::parse(in);
        manifest["version"] = version;
        std::ofstream(folder / "pack.json") << manifest.dump(2);
        if (noise_bytes > 0) {
            std::mt19937 random(7);
            std::string noise(noise_bytes, '\0');
            for (char& c : noise) c = static_cast<char>(random());
            std::ofstream(folder / "lessons/first-tap/images/noise.png", std::ios::binary) << noise;
        }
        if (sign) core::sign_pack(folder, publisher.secret);
        const fs::path archive = dir / (folder.filename().string() + ".qpack");
        core::build_archive(folder, archive);
        return archive;
    }
};

// The latest change of a kind the kiosk can pull, or null.
json pulled(const KioskApi& kiosk, const std::string& kind) {
    json latest;
    const json page = kiosk.pull(0, 500).json();
    for (const json& change : page["changes"])
        if (change["kind"] == kind) latest = change["data"];
    return latest;
}

httplib::Result download(int port, const std::string& token, const std::string& url, const std::string& range = "") {
    httplib::Client client("127.0.0.1", port);
    httplib::Headers headers = {{"Authorization", "Bearer " + token}};
    if (!range.empty()) headers.emplace("Range", range);
    return client.Get(url.c_str(), headers);
}

}  // namespace

TEST_CASE("packs: a published pack is in the site's catalogue, downloads whole, and resumes from the middle") {
    Site site;
    const fs::path archive = site.qpack("1.0.0", 300 * 1024);
    const backoffice::PublishedPack published = site.publish("riverside", archive);
    const std::string bytes = file_bytes(archive);
    CHECK(published.id == "org.qiao.test-minimal");
    CHECK(published.sha256 == sha256_hex(bytes));
    CHECK(published.size == bytes.size());
    CHECK(fs::exists(site.dir / "bo.db.packs" / (published.sha256 + ".qpack")));
    CHECK_FALSE(published.notes.empty());  // the site does not trust the publisher yet

    const auto enrolled = site.server.enrol_kiosk("riverside");
    const KioskApi kiosk(site.server.port(), enrolled.token);
    const json catalogue = pulled(kiosk, "pack_catalogue");
    REQUIRE(catalogue["packs"].size() == 1);
    const json& entry = catalogue["packs"][0];
    CHECK(entry["id"] == "org.qiao.test-minimal");
    CHECK(entry["version"] == "1.0.0");
    CHECK(entry["size"] == bytes.size());
    CHECK(entry["sha256"] == published.sha256);
    CHECK(entry["url"] == "/api/v1/packs/org.qiao.test-minimal/1.0.0");
    CHECK_FALSE(entry["title"].get<std::string>().empty());

    const auto whole = download(site.server.port(), enrolled.token, entry["url"]);
    REQUIRE(whole);
    CHECK(whole->status == 200);
    CHECK(whole->get_header_value("Content-Type") == "application/octet-stream");
    CHECK(sha256_hex(whole->body) == published.sha256);

    // Cut off at the middle: the rest comes with "bytes=N-", and the two make the pack.
    const std::size_t middle = bytes.size() / 2;
    const auto rest = download(site.server.port(), enrolled.token, entry["url"], "bytes=" + std::to_string(middle) + "-");
    REQUIRE(rest);
    CHECK(rest->status == 206);
    CHECK(rest->get_header_value("Content-Range") ==
          "bytes " + std::to_string(middle) + "-" + std::to_string(bytes.size() - 1) + "/" + std::to_string(bytes.size()));
    CHECK(sha256_hex(whole->body.substr(0, middle) + rest->body) == published.sha256);

    // "bytes=N-M", and an end past the file's, which means "to the end".
    const auto part = download(site.server.port(), enrolled.token, entry["url"], "bytes=100-199");
    REQUIRE(part);
    CHECK(part->status == 206);
    CHECK(part->body == bytes.substr(100, 100));
    const auto beyond = download(site.server.port(), enrolled.token, entry["url"],
                                 "bytes=" + std::to_string(middle) + "-" + std::to_string(bytes.size() * 2));
    REQUIRE(beyond);
    CHECK(beyond->status == 206);
    CHECK(beyond->body == rest->body);
}

TEST_CASE("packs: a Range past the end is 416, and another site's pack, or one not published, is a JSON 404") {
    Site site;
    const backoffice::PublishedPack published = site.publish("riverside", site.qpack("1.0.0"));
    const std::string url = "/api/v1/packs/org.qiao.test-minimal/1.0.0";
    const std::string token = site.server.enrol_kiosk("riverside").token;

    for (const std::string& range : {"bytes=" + std::to_string(published.size) + "-", std::string("bytes=999999999-"),
                                     std::string("bytes=-0")}) {
        CAPTURE(range);
        const auto past = download(site.server.port(), token, url, range);
        REQUIRE(past);
        CHECK(past->status == 416);
        CHECK(json::parse(past->body)["error"] == "range_not_satisfiable");
        CHECK(past->get_header_value("Content-Range") == "bytes */" + std::to_string(published.size));
    }

    const std::string hillside = site.server.enrol_kiosk("hillside").token;
    for (const std::string& range : {std::string(), std::string("bytes=10-")}) {
        CAPTURE(range);  // a Range must not cut the JSON answer into pieces
        const auto other = download(site.server.port(), hillside, url, range);
        REQUIRE(other);
        CHECK(other->status == 404);
        CHECK(json::parse(other->body)["error"] == "not_found");
    }
    const auto missing = download(site.server.port(), token, "/api/v1/packs/org.qiao.test-minimal/2.0.0");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(download(site.server.port(), token, "/api/v1/packs/..%2F..%2Fetc/1.0.0")->status == 404);
    CHECK(download(site.server.port(), site.server.add_staff("riverside", "manager").token, url)->status == 403);
    CHECK(pulled(KioskApi(site.server.port(), hillside), "pack_catalogue").is_null());
}

TEST_CASE("packs: a broken or unsigned pack is refused with the reader's words and nothing is published") {
    Site site;
    std::ofstream(site.dir / "not-a-pack.qpack") << "this is not an archive";
    CHECK_THROWS_WITH_AS(site.publish("riverside", site.dir / "not-a-pack.qpack"),
                         doctest::Contains("not-a-pack.qpack is damaged or is not a .qpack"), core::PackError);
    CHECK_THROWS_WITH_AS(site.publish("riverside", site.qpack("1.0.0", 0, false)), doctest::Contains("not signed"),
                         core::PackError);
    CHECK_THROWS_AS(site.publish("nowhere", site.qpack("1.0.1")), backoffice::ApiError);
    CHECK(site.server.count("SELECT COUNT(*) FROM packs") == 0);
    CHECK(site.server.count("SELECT COUNT(*) FROM feed WHERE kind = 'pack_catalogue'") == 0);
    // Nothing half-done is left on the shelf either.
    CHECK(fs::is_empty(site.dir / "bo.db.packs"));
}

TEST_CASE("packs: a newer version replaces the older in the catalogue, and the old one is no longer served") {
    Site site;
    site.publish("riverside", site.qpack("1.0.0"));
    const backoffice::PublishedPack newer = site.publish("riverside", site.qpack("1.1.0"));
    CHECK(newer.replaced_version == "1.0.0");
    const std::string token = site.server.enrol_kiosk("riverside").token;
    const json catalogue = pulled(KioskApi(site.server.port(), token), "pack_catalogue");
    REQUIRE(catalogue["packs"].size() == 1);
    CHECK(catalogue["packs"][0]["version"] == "1.1.0");
    CHECK(download(site.server.port(), token, "/api/v1/packs/org.qiao.test-minimal/1.0.0")->status == 404);
    CHECK(download(site.server.port(), token, "/api/v1/packs/org.qiao.test-minimal/1.1.0")->status == 200);
}

TEST_CASE("trusted keys: a publisher's .pub file is checked and sent to the site's kiosks, then packs it signed are trusted") {
    Site site;
    core::save_public_key(site.publisher.public_key, site.dir / "river.pub");
    std::ofstream(site.dir / "bad.pub") << "qiao-publisher-key v1\nnot base64\n";
    auto& office = site.server.server().office();
    {
        const auto lock = office.lock();
        backoffice::SiteTrustedKeys keys(office.db(), office.feed());
        CHECK_THROWS_AS(keys.trust("riverside", site.dir / "bad.pub"), core::PackError);
        keys.trust("riverside", site.dir / "river.pub");
        keys.trust("riverside", site.dir / "river.pub");  // again: still one key
    }
    const json keys = pulled(site.kiosk(), "trusted_keys");
    REQUIRE(keys["keys"].size() == 1);
    CHECK(keys["keys"][0]["public_key"] == site.publisher.public_key.base64());
    CHECK(keys["keys"][0]["name"] == "Riverside volunteers");
    CHECK(keys["keys"][0]["id"].get<std::string>().size() == 16);
    CHECK(pulled(site.kiosk("hillside"), "trusted_keys").is_null());
    CHECK(site.publish("riverside", site.qpack("1.0.0")).notes.empty());
}

TEST_CASE("site settings: checked by the kiosk's own rules, stored, and sent to the site's kiosks") {
    Site site;
    auto& office = site.server.server().office();
    const auto lock = office.lock();
    backoffice::SiteSettings settings(office.db(), office.feed());
    CHECK_THROWS_WITH_AS(settings.set("riverside", {{"colour", "red"}}), doctest::Contains("not a setting a site can set"),
                         backoffice::SettingsError);
    CHECK_THROWS_WITH_AS(settings.set("riverside", {{"data_dir", "/tmp"}}), doctest::Contains("not a setting a site can set"),
                         backoffice::SettingsError);
    CHECK_THROWS_WITH_AS(settings.set("riverside", {{"speech_rate", "500"}}), doctest::Contains("80 to 260"),
                         backoffice::SettingsError);
    CHECK_THROWS_WITH_AS(settings.set("riverside", {{"open_days", "mon-sut"}}), doctest::Contains("sut"),
                         backoffice::SettingsError);
    // One bad value refuses the lot.
    CHECK_THROWS_AS(settings.set("riverside", {{"opening_hours", "09:00-17:00"}, {"utc_offset", "+99:00"}}),
                    backoffice::SettingsError);
    CHECK(backoffice::site_settings_of(office.db(), "riverside").empty());

    settings.set("riverside", {{"opening_hours", "09:00-17:00"}, {"help_response_minutes", "120"}});
    settings.set("riverside", {{"utc_offset", "+07:00"}});
    const auto stored = backoffice::site_settings_of(office.db(), "riverside");
    CHECK(stored.size() == 3);
    CHECK(stored.at("opening_hours") == "09:00-17:00");
    CHECK(backoffice::site_utc_offset_minutes(office.db(), "riverside") == 420);
    const auto page = office.feed().read("riverside", "any-kiosk", 0, 100);
    REQUIRE(page.changes.size() == 1);  // the latest settings only
    CHECK(page.changes[0]["kind"] == "settings");
    CHECK(page.changes[0]["data"]["settings"] ==
          json{{"opening_hours", "09:00-17:00"}, {"help_response_minutes", "120"}, {"utc_offset", "+07:00"}});
}

TEST_CASE("site settings: the keys a site may set are the keys a kiosk takes from its back office") {
    for (const std::string& key : backoffice::site_setting_keys()) {
        CAPTURE(key);
        CHECK(core::site_may_set(key));
    }
}
