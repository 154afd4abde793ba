#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/lessons/pack_archive.hpp"
#include "core/lessons/pack_error.hpp"
#include "core/lessons/pack_identity.hpp"
#include "core/lessons/pack_installer.hpp"
#include "core/lessons/pack_signature.hpp"
#include "core/pack_sign_fixture.hpp"

using namespace qiao::core;
using qiao::test::make_tiny_pack;
using qiao::test::PackTempDir;
using qiao::test::read_text;
using qiao::test::write_text;
namespace fs = std::filesystem;

namespace {

const std::string kId = "org.qiao.test";

// A site with a packs folder, one trusted publisher, and signed packs of any version.
struct Site {
    PackTempDir dir{"install"};
    PublisherKeyPair keys = generate_keypair("Test volunteers");
    fs::path packs = dir / "packs";

    PackInstaller installer(PackValidator validate = {}) const { return PackInstaller(packs, {keys.public_key}, validate); }

    fs::path signed_pack(const std::string& version) const {
        const fs::path folder = make_tiny_pack(dir / ("src-" + version), version);
        sign_pack(folder, keys.secret);
        return folder;
    }

    std::string current() const {
        const auto pack = installer().installed(kId);
        return pack ? pack->current_version : "";
    }

    bool staging_empty() const { return fs::is_empty(packs / ".staging"); }
    std::vector<std::string> versions() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(packs / kId / "versions")) names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }
};

}  // namespace

TEST_CASE("pack installer: installs a signed pack and lists it") {
    Site site;
    PackInstaller installer = site.installer();
    CHECK(installer.list_installed().empty());

    const InstallResult result = installer.install_from_folder(site.signed_pack("1.0.0"));
    CHECK(result.id == kId);
    CHECK(result.version == "1.0.0");
    CHECK(result.previous_version.empty());
    CHECK_FALSE(result.already_installed);
    CHECK(result.publisher == "Test volunteers");
    CHECK(result.notes.empty());
    CHECK(fs::exists(result.folder / "lessons/hello/lesson.json"));
    CHECK(fs::exists(result.folder / "SIGNATURE"));

    const std::vector<InstalledPack> packs = installer.list_installed();
    REQUIRE(packs.size() == 1);
    CHECK(packs[0].id == kId);
    CHECK(packs[0].current_version == "1.0.0");
    CHECK(packs[0].previous_version.empty());
    CHECK(packs[0].folder == site.packs / kId / "versions/1.0.0");
    CHECK(site.staging_empty());
    CHECK(read_text(site.packs / kId / "state.json").find("\"current\": \"1.0.0\"") != std::string::npos);
}

TEST_CASE("pack installer: upgrade keeps one previous version, rollback and uninstall are one call") {
    Site site;
    PackInstaller installer = site.installer();
    installer.install_from_folder(site.signed_pack("1.0.0"));
    const InstallResult upgrade = installer.install_from_folder(site.signed_pack("1.1.0"));
    CHECK(upgrade.previous_version == "1.0.0");
    CHECK(site.versions() == std::vector<std::string>{"1.0.0", "1.1.0"});

    installer.install_from_folder(site.signed_pack("1.10.0"));  // numeric, not text, order
    CHECK(site.current() == "1.10.0");
    CHECK(site.versions() == std::vector<std::string>{"1.1.0", "1.10.0"});  // 1.0.0 deleted

    InstalledPack back = installer.rollback(kId);
    CHECK(back.current_version == "1.1.0");
    CHECK(back.previous_version == "1.10.0");
    CHECK(read_text(back.folder / "lessons/hello/lesson.json").find("1.1.0") != std::string::npos);
    back = installer.rollback(kId);  // a second rollback undoes the first
    CHECK(back.current_version == "1.10.0");

    installer.uninstall(kId);
    CHECK(installer.list_installed().empty());
    CHECK_FALSE(fs::exists(site.packs / kId));
    CHECK(site.staging_empty());
    CHECK_THROWS_WITH_AS(installer.uninstall(kId), doctest::Contains("is not installed"), PackError);
    CHECK_THROWS_WITH_AS(installer.rollback(kId), doctest::Contains("is not installed"), PackError);
}

TEST_CASE("pack installer: rollback without a previous version says so") {
    Site site;
    PackInstaller installer = site.installer();
    installer.install_from_folder(site.signed_pack("1.0.0"));
    CHECK_THROWS_WITH_AS(installer.rollback(kId), doctest::Contains("no previous version"), PackError);
}

TEST_CASE("pack installer: the same version again is a no-op, an older one needs allow_downgrade") {
    Site site;
    PackInstaller installer = site.installer();
    installer.install_from_folder(site.signed_pack("1.0.0"));
    installer.install_from_folder(site.signed_pack("2.0.0"));

    const InstallResult again = installer.install_from_folder(site.dir / "src-2.0.0");
    CHECK(again.already_installed);
    CHECK(again.previous_version == "1.0.0");
    CHECK(site.versions() == std::vector<std::string>{"1.0.0", "2.0.0"});

    const fs::path old = site.signed_pack("1.5.0");
    CHECK_THROWS_WITH_AS(installer.install_from_folder(old), doctest::Contains("1.5.0 is older than the installed version 2.0.0"),
                         PackError);
    CHECK(site.current() == "2.0.0");
    CHECK(site.staging_empty());

    InstallOptions options;
    options.allow_downgrade = true;
    const InstallResult down = installer.install_from_folder(old, options);
    CHECK(down.previous_version == "2.0.0");
    CHECK(site.current() == "1.5.0");
}

TEST_CASE("pack installer: a pack that fails verification changes nothing and leaves no staging") {
    Site site;
    PackInstaller installer = site.installer();
    installer.install_from_folder(site.signed_pack("1.0.0"));
    const std::string state_before = read_text(site.packs / kId / "state.json");

    SUBCASE("altered file") {
        const fs::path next = site.signed_pack("1.1.0");
        write_text(next / "lessons/hello/lesson.json", "{\"tampered\": true}");
        CHECK_THROWS_WITH_AS(installer.install_from_folder(next),
                             doctest::Contains("lessons/hello/lesson.json was changed after signing"), PackError);
    }
    SUBCASE("untrusted publisher") {
        const fs::path next = make_tiny_pack(site.dir / "other", "1.1.0");
        const PublisherKeyPair stranger = generate_keypair("Stranger");
        sign_pack(next, stranger.secret);
        CHECK_THROWS_WITH_AS(installer.install_from_folder(next), doctest::Contains(stranger.public_key.fingerprint().c_str()),
                             PackError);
    }
    SUBCASE("unsigned") {
        const fs::path next = make_tiny_pack(site.dir / "unsigned", "1.1.0");
        CHECK_THROWS_WITH_AS(installer.install_from_folder(next), doctest::Contains("not signed"), PackError);
    }
    SUBCASE("rejected by the validator") {
        PackInstaller checking = site.installer([](const fs::path& staged) {
            CHECK(fs::exists(staged / "pack.json"));
            return std::vector<std::string>{"lessons/hello/lesson.json: step 1 has no zh-CN text"};
        });
        CHECK_THROWS_WITH_AS(checking.install_from_folder(site.signed_pack("1.1.0")),
                             doctest::Contains("step 1 has no zh-CN text"), PackError);
    }
    SUBCASE("not a pack folder") {
        write_text(site.dir / "random/notes.txt", "hello");
        CHECK_THROWS_WITH_AS(installer.install_from_folder(site.dir / "random"), doctest::Contains("no pack.json"), PackError);
    }
    SUBCASE("too big") {
        InstallOptions options;
        options.limits.max_total_bytes = 100;
        CHECK_THROWS_WITH_AS(installer.install_from_folder(site.signed_pack("1.1.0"), options),
                             doctest::Contains("larger than the limit"), PackError);
    }
    CHECK(site.current() == "1.0.0");
    CHECK(read_text(site.packs / kId / "state.json") == state_before);
    CHECK(site.versions() == std::vector<std::string>{"1.0.0"});
    CHECK(site.staging_empty());
}

TEST_CASE("pack installer: development mode installs an unsigned pack and says so") {
    Site site;
    InstallOptions options;
    options.development_mode = true;
    const InstallResult result = site.installer().install_from_folder(make_tiny_pack(site.dir / "dev"), options);
    CHECK(site.current() == "1.0.0");
    REQUIRE(result.notes.size() == 1);
    CHECK(result.notes[0].find("development mode") != std::string::npos);
}

TEST_CASE("pack installer: installs from a .qpack archive, refuses a malicious one") {
    Site site;
    PackInstaller installer = site.installer();
    build_archive(site.signed_pack("1.0.0"), site.dir / "p.qpack");
    const InstallResult result = installer.install_from_archive(site.dir / "p.qpack");
    CHECK(result.version == "1.0.0");
    CHECK(site.current() == "1.0.0");
    CHECK(site.staging_empty());

    // An archive of the folder itself (tar czf x.qpack pack/) works too.
    const fs::path wrapped = site.dir / "wrapped";
    fs::create_directories(wrapped);
    fs::rename(site.signed_pack("1.1.0"), wrapped / "my-pack");
    build_archive(wrapped, site.dir / "wrapped.qpack");
    CHECK(installer.install_from_archive(site.dir / "wrapped.qpack").version == "1.1.0");

    write_text(site.dir / "bad.qpack", "this is not an archive at all, not even close............");
    CHECK_THROWS_WITH_AS(installer.install_from_archive(site.dir / "bad.qpack"), doctest::Contains("was not installed"),
                         PackError);
    CHECK(site.current() == "1.1.0");
    CHECK(site.staging_empty());
}

TEST_CASE("pack installer: start-up cleans what a crash left and keeps the current version") {
    Site site;
    site.installer().install_from_folder(site.signed_pack("1.0.0"));
    // A crash mid-install: a half-copied staging folder and a half-written state file.
    write_text(site.packs / ".staging/0123abcd/pack/pack.json", "{\"half\":");
    write_text(site.packs / kId / "state.json.tmp", "{\"current\": \"9.9");

    PackInstaller after = site.installer();
    CHECK(site.staging_empty());
    CHECK_FALSE(fs::exists(site.packs / kId / "state.json.tmp"));
    CHECK(site.current() == "1.0.0");
    CHECK(fs::exists(site.packs / kId / "versions/1.0.0/pack.json"));
}

TEST_CASE("pack installer: a crash between the version rename and the state switch keeps the old version") {
    Site site;
    site.installer().install_from_folder(site.signed_pack("1.0.0"));
    // The new version reached versions/ but state.json was never switched.
    fs::copy(site.signed_pack("1.1.0"), site.packs / kId / "versions/1.1.0", fs::copy_options::recursive);

    PackInstaller after = site.installer();
    CHECK(site.current() == "1.0.0");
    const InstallResult result = after.install_from_folder(site.dir / "src-1.1.0");
    CHECK_FALSE(result.already_installed);
    CHECK(result.previous_version == "1.0.0");
    CHECK(site.current() == "1.1.0");
    CHECK(site.versions() == std::vector<std::string>{"1.0.0", "1.1.0"});
    CHECK(site.staging_empty());
}

TEST_CASE("pack installer: a pack id or version that is not a safe folder name is refused") {
    Site site;
    InstallOptions dev;
    dev.development_mode = true;
    const fs::path evil = make_tiny_pack(site.dir / "evil", "1.0.0", "../../escape");
    CHECK_THROWS_WITH_AS(site.installer().install_from_folder(evil, dev), doctest::Contains("pack.json: \"id\""), PackError);
    const fs::path bad_version = make_tiny_pack(site.dir / "badv", "1.0/../..");
    CHECK_THROWS_WITH_AS(site.installer().install_from_folder(bad_version, dev), doctest::Contains("pack.json: \"version\""),
                         PackError);
    CHECK(site.installer().list_installed().empty());
    CHECK(site.staging_empty());
    CHECK_FALSE(fs::exists(site.dir / "escape"));
}

TEST_CASE("pack installer: versions compare as numbers") {
    CHECK(compare_pack_versions("1.10.0", "1.9.9") > 0);
    CHECK(compare_pack_versions("2.0.0", "10.0.0") < 0);
    CHECK(compare_pack_versions("1.2.3", "1.2.3") == 0);
}
