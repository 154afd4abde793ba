// What a site manager sees when a USB stick goes in: every pack on it, with a verdict.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "core/lessons/pack_archive.hpp"
#include "core/lessons/pack_folder_scan.hpp"
#include "core/lessons/pack_installer.hpp"
#include "core/lessons/pack_signature.hpp"
#include "core/pack_sign_fixture.hpp"

using namespace qiao::core;
using qiao::test::make_tiny_pack;
using qiao::test::PackTempDir;
using qiao::test::write_text;
namespace fs = std::filesystem;

namespace {

const std::string kId = "org.qiao.test";

// A site with org.qiao.test 1.0.0 installed, one trusted publisher, and a "stick" to fill.
struct Site {
    PackTempDir dir{"scan"};
    PublisherKeyPair keys = generate_keypair("Test volunteers");
    fs::path packs = dir / "packs";
    fs::path stick = dir / "stick";
    fs::path sources = dir / "sources";

    Site() {
        fs::create_directories(stick);
        PackInstaller(packs, {keys.public_key}).install_from_folder(signed_folder(sources / "installed", "1.0.0"));
    }

    fs::path signed_folder(const fs::path& folder, const std::string& version, const std::string& id = kId) const {
        make_tiny_pack(folder, version, id);
        sign_pack(folder, keys.secret);
        return folder;
    }
    fs::path signed_archive(const std::string& name, const std::string& version, const std::string& id = kId) const {
        const fs::path archive = stick / name;
        build_archive(signed_folder(sources / name, version, id), archive);
        return archive;
    }

    PackScanOptions options() const {
        PackScanOptions o;
        o.trusted_keys = {keys.public_key};
        o.packs_dir = packs;
        o.work_dir = dir / "work";
        return o;
    }
};

const ScannedPack& named(const PackFolderScan& scan, const std::string& file_name) {
    for (const ScannedPack& pack : scan.packs)
        if (pack.path.filename() == file_name) return pack;
    FAIL("no pack " << file_name << " in the scan");
    throw std::logic_error("unreachable");
}

bool listed(const PackFolderScan& scan, const std::string& file_name) {
    for (const ScannedPack& pack : scan.packs)
        if (pack.path.filename() == file_name) return true;
    return false;
}

}  // namespace

TEST_CASE("pack folder scan: each pack on the stick gets its plain verdict and how it compares with what is installed") {
    Site site;
    site.signed_archive("same-1.0.0.qpack", "1.0.0");
    site.signed_folder(site.stick / "newer-1.1.0", "1.1.0");
    site.signed_archive("older-0.9.0.qpack", "0.9.0");
    site.signed_archive("other.QPACK", "2.0.0", "org.qiao.other");  // a FAT stick's capitals
    make_tiny_pack(site.stick / "unsigned", "1.0.0", "org.qiao.unsigned");
    make_tiny_pack(site.stick / "broken", "1.0.0", "org.qiao.broken");
    write_text(site.stick / "broken/pack.json", R"({"format": 1, "id": "org.qiao.broken", "version": "1.0.0",)");
    const fs::path changed = site.signed_folder(site.stick / "changed", "1.2.0");
    write_text(changed / "lessons/hello/lesson.json", "{}");
    write_text(site.stick / "notes.txt", "bring biscuits");
    write_text(site.stick / "fake.qpack", "this is not an archive");

    const PackFolderScan scan = scan_pack_folder(site.stick, site.options());
    REQUIRE(scan.ok());
    CHECK(scan.packs.size() == 8);
    CHECK_FALSE(listed(scan, "notes.txt"));  // not a pack: not listed

    const ScannedPack& same = named(scan, "same-1.0.0.qpack");
    CHECK(same.archive);
    CHECK(same.valid);
    CHECK(same.problems.empty());
    CHECK(same.id == kId);
    CHECK(same.version == "1.0.0");
    CHECK(same.title.in("en") == "Test");
    CHECK(same.publisher == "Test volunteers");
    CHECK(same.languages == std::vector<std::string>{"zh-CN", "en"});
    CHECK(same.compared == PackComparison::Same);
    CHECK(same.installed_version == "1.0.0");

    const ScannedPack& newer = named(scan, "newer-1.1.0");
    CHECK_FALSE(newer.archive);
    CHECK(newer.valid);
    CHECK(newer.compared == PackComparison::Newer);
    CHECK(to_string(newer.compared) == "newer");
    CHECK(named(scan, "older-0.9.0.qpack").compared == PackComparison::Older);
    CHECK(named(scan, "older-0.9.0.qpack").valid);  // a good pack; installing it would be a downgrade
    const ScannedPack& other = named(scan, "other.QPACK");
    CHECK(other.valid);
    CHECK(other.id == "org.qiao.other");
    CHECK(other.compared == PackComparison::New);
    CHECK(other.installed_version.empty());

    const ScannedPack& unsigned_pack = named(scan, "unsigned");
    CHECK_FALSE(unsigned_pack.valid);
    REQUIRE(unsigned_pack.problems.size() == 1);
    CHECK(unsigned_pack.problems[0] ==
          "this pack is not signed (it has no SIGNATURE file); ask its publisher for a signed copy, or turn on "
          "development mode to try it");
    CHECK(unsigned_pack.id == "org.qiao.unsigned");  // it reads: which pack it is, is said
    CHECK(unsigned_pack.title.in("en") == "Test");

    const ScannedPack& broken = named(scan, "broken");
    CHECK_FALSE(broken.valid);
    CHECK(broken.problem_count >= 2);  // unsigned, and its pack.json does not read
    CHECK(broken.problems.size() <= kScanProblemsShown);
    bool says_json = false;
    for (const auto& p : broken.problems) says_json |= p.find("pack.json") != std::string::npos;
    CHECK(says_json);
    CHECK(broken.title.by_language.empty());

    const ScannedPack& tampered = named(scan, "changed");
    CHECK_FALSE(tampered.valid);
    CHECK(tampered.problems.size() <= kScanProblemsShown);
    CHECK(tampered.problems[0].find("lessons/hello/lesson.json was changed after signing") != std::string::npos);
    CHECK(tampered.problem_count > tampered.problems.size());  // the reader's complaints too, counted

    const ScannedPack& fake = named(scan, "fake.qpack");
    CHECK_FALSE(fake.valid);
    REQUIRE(fake.problems.size() == 1);
    CHECK(fake.problems[0].find("it is not a lesson pack archive that can be opened") == 0);
    CHECK(fake.id.empty());

    // Nothing was installed, nothing left behind in the work folder, the stick unchanged.
    CHECK(PackInstaller(site.packs, {}).installed(kId)->current_version == "1.0.0");
    CHECK_FALSE(PackInstaller(site.packs, {}).installed("org.qiao.other").has_value());
    CHECK(fs::is_empty(site.dir / "work"));
    CHECK(fs::exists(site.stick / "notes.txt"));
}

TEST_CASE("pack folder scan: with unsigned packs allowed, an unsigned pack is valid and says so") {
    Site site;
    make_tiny_pack(site.stick / "unsigned", "1.0.0", "org.qiao.unsigned");
    PackScanOptions options = site.options();
    options.allow_unsigned = true;
    const PackFolderScan scan = scan_pack_folder(site.stick, options);
    REQUIRE(scan.packs.size() == 1);
    CHECK(scan.packs[0].valid);
    REQUIRE(scan.packs[0].notes.size() == 1);
    CHECK(scan.packs[0].notes[0].find("not signed") != std::string::npos);
    CHECK(scan.packs[0].publisher == "Test volunteers");  // what the pack says, as none vouches for it
}

TEST_CASE("pack folder scan: one level down is looked at, deeper and hidden folders are not") {
    Site site;
    site.signed_folder(site.stick / "packs/first", "1.3.0");
    fs::create_directories(site.stick / "a/b");
    build_archive(site.signed_folder(site.sources / "deep", "1.4.0"), site.stick / "a/b/deep.qpack");
    site.signed_folder(site.stick / ".Trashes/lost", "1.5.0");
    const PackFolderScan scan = scan_pack_folder(site.stick, site.options());
    REQUIRE(scan.packs.size() == 1);
    CHECK(scan.packs[0].path == site.stick / "packs/first");
    CHECK(scan.packs[0].valid);
    CHECK(scan.packs[0].compared == PackComparison::Newer);
}

TEST_CASE("pack folder scan: the folder picked may itself be a pack") {
    Site site;
    const fs::path pack = site.signed_folder(site.stick / "only", "1.0.0");
    const PackFolderScan scan = scan_pack_folder(pack, site.options());
    REQUIRE(scan.packs.size() == 1);
    CHECK(scan.packs[0].compared == PackComparison::Same);
}

TEST_CASE("pack folder scan: the extra validator's problems (the app's font check) count as the installer's would") {
    Site site;
    site.signed_folder(site.stick / "newer", "1.1.0");
    PackScanOptions options = site.options();
    options.validate = [](const fs::path&) { return std::vector<std::string>{"the station's font cannot draw 测"}; };
    const PackFolderScan scan = scan_pack_folder(site.stick, options);
    REQUIRE(scan.packs.size() == 1);
    CHECK_FALSE(scan.packs[0].valid);
    CHECK(scan.packs[0].problems == std::vector<std::string>{"the station's font cannot draw 测"});
}

TEST_CASE("pack folder scan: the repository's real pack, unsigned, reads with its languages") {
    Site site;
    PackScanOptions options = site.options();
    options.allow_unsigned = true;
    const ScannedPack basics = scan_one_pack(fs::path(QIAO_SOURCE_DIR) / "lessons/qiao-basics", options);
    CHECK(basics.valid);
    CHECK_FALSE(basics.id.empty());
    REQUIRE_FALSE(basics.languages.empty());
    CHECK(basics.languages.front() == "zh-CN");
    CHECK(basics.compared == PackComparison::New);
}

TEST_CASE("pack folder scan: a folder that cannot be read gives one plain sentence, no throw") {
    Site site;
    const PackFolderScan missing = scan_pack_folder(site.dir / "no-such-stick", site.options());
    CHECK_FALSE(missing.ok());
    CHECK(missing.packs.empty());
    CHECK(missing.problem == "There is no folder " + (site.dir / "no-such-stick").string() + ". Is the USB stick plugged in?");

    write_text(site.stick / "notes.txt", "x");
    const PackFolderScan file = scan_pack_folder(site.stick / "notes.txt", site.options());
    CHECK(file.problem.find("is a file, not a folder") != std::string::npos);

    if (::geteuid() != 0) {  // root reads any folder
        fs::create_directories(site.stick / "locked");
        fs::permissions(site.stick / "locked", fs::perms::none);
        const PackFolderScan locked = scan_pack_folder(site.stick / "locked", site.options());
        CHECK(locked.problem.find("cannot be read") != std::string::npos);
        fs::permissions(site.stick / "locked", fs::perms::owner_all);
    }
}
