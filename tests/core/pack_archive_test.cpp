#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/lessons/archive_handle.hpp"
#include "core/lessons/pack_archive.hpp"
#include "core/lessons/pack_error.hpp"
#include "core/lessons/pack_hashes.hpp"
#include "core/lessons/pack_signature.hpp"
#include "core/pack_sign_fixture.hpp"

using namespace qiao::core;
using qiao::test::make_tiny_pack;
using qiao::test::PackTempDir;
using qiao::test::read_text;
using qiao::test::write_text;
namespace fs = std::filesystem;

namespace {

// One entry of a hand-made (possibly malicious) tar.
struct TarEntry {
    std::string name;
    unsigned type = AE_IFREG;
    std::string content;
    std::string symlink;   // for AE_IFLNK
    std::string hardlink;  // makes it a hard link
};

void write_tar(const fs::path& file, const std::vector<TarEntry>& entries, bool gzip = false) {
    ArchiveWriter writer(archive_write_new());
    archive_write_set_format_pax_restricted(writer.get());
    if (gzip) archive_write_add_filter_gzip(writer.get());
    REQUIRE(archive_write_open_filename(writer.get(), file.c_str()) == ARCHIVE_OK);
    for (const TarEntry& e : entries) {
        ArchiveEntry entry(archive_entry_new());
        archive_entry_copy_pathname(entry.get(), e.name.c_str());
        archive_entry_set_filetype(entry.get(), e.type);
        archive_entry_set_perm(entry.get(), 0644);
        if (e.type == AE_IFCHR) archive_entry_set_rdev(entry.get(), 0x0103);
        if (!e.symlink.empty()) archive_entry_set_symlink(entry.get(), e.symlink.c_str());
        if (!e.hardlink.empty()) archive_entry_set_hardlink(entry.get(), e.hardlink.c_str());
        archive_entry_set_size(entry.get(), e.type == AE_IFREG && e.hardlink.empty() ? static_cast<la_int64_t>(e.content.size()) : 0);
        REQUIRE(archive_write_header(writer.get(), entry.get()) >= ARCHIVE_WARN);
        if (!e.content.empty()) archive_write_data(writer.get(), e.content.data(), e.content.size());
    }
    REQUIRE(archive_write_close(writer.get()) == ARCHIVE_OK);
}

void check_refused(const std::vector<TarEntry>& entries, const std::string& expected, const ArchiveLimits& limits = {}) {
    PackTempDir dir("evil");
    write_tar(dir / "evil.qpack", entries);
    CHECK_THROWS_WITH_AS(extract_archive(dir / "evil.qpack", dir / "out", limits), doctest::Contains(expected.c_str()),
                         PackError);
    CHECK_FALSE(fs::exists(dir / "out"));  // nothing half-unpacked is left
    CHECK_FALSE(fs::exists(dir.path().parent_path() / "x"));
}

}  // namespace

TEST_CASE("pack archive: build and extract round trip keeps every file and the signature") {
    PackTempDir dir("roundtrip");
    const fs::path pack = make_tiny_pack(dir / "pack");
    write_text(pack / "lessons/hello/images/挥手.png", "unicode name");
    const PublisherKeyPair keys = generate_keypair("T");
    sign_pack(pack, keys.secret);

    for (ArchiveCompression compression : {ArchiveCompression::Gzip, ArchiveCompression::None}) {
        const fs::path archive = dir / (compression == ArchiveCompression::Gzip ? "p.qpack" : "p.tar");
        const fs::path out = dir / ("out-" + archive.filename().string());
        build_archive(pack, archive, compression);
        CHECK_FALSE(fs::exists(archive.string() + ".tmp"));
        extract_archive(archive, out);

        const std::vector<PackFile> before = list_pack_files(pack);
        const std::vector<PackFile> after = list_pack_files(out);
        REQUIRE(before.size() == after.size());
        for (std::size_t i = 0; i < before.size(); ++i) {
            CHECK(before[i].path == after[i].path);
            CHECK(before[i].sha256 == after[i].sha256);
        }
        CHECK(read_text(out / "SIGNATURE") == read_text(pack / "SIGNATURE"));
        CHECK(verify_pack(out, {keys.public_key}).accepted());
    }
}

TEST_CASE("pack archive: the same pack always gives the same archive bytes") {
    PackTempDir dir("same");
    const fs::path pack = make_tiny_pack(dir / "pack");
    build_archive(pack, dir / "a.qpack");
    fs::last_write_time(pack / "pack.json", fs::file_time_type::clock::now() - std::chrono::hours(5));
    build_archive(pack, dir / "b.qpack");
    CHECK(read_text(dir / "a.qpack") == read_text(dir / "b.qpack"));
}

TEST_CASE("pack archive: an archive is not written inside the pack it is made of") {
    PackTempDir dir("inside");
    const fs::path pack = make_tiny_pack(dir / "pack");
    CHECK_THROWS_WITH_AS(build_archive(pack, pack / "self.qpack"), doctest::Contains("inside the pack folder"), PackError);
}

TEST_CASE("pack archive: ./ prefixes and folder entries (as tar -C pack . writes) are accepted") {
    PackTempDir dir("dot");
    write_tar(dir / "a.tar.gz",
              {{"./", AE_IFDIR}, {"./pack.json", AE_IFREG, "{}"}, {"./lessons/", AE_IFDIR}, {"./lessons/a/x.json", AE_IFREG, "1"}},
              /*gzip=*/true);
    extract_archive(dir / "a.tar.gz", dir / "out");
    CHECK(read_text(dir / "out/pack.json") == "{}");
    CHECK(read_text(dir / "out/lessons/a/x.json") == "1");
}

TEST_CASE("pack archive: dangerous entries are refused, each by name") {
    check_refused({{"pack.json", AE_IFREG, "{}"}, {"../x", AE_IFREG, "escaped"}}, "\"../x\" uses \"..\"");
    check_refused({{"lessons/../../x", AE_IFREG, "escaped"}}, "\"lessons/../../x\" uses \"..\"");
    check_refused({{"/etc/x", AE_IFREG, "root"}}, "\"/etc/x\" has an absolute path");
    check_refused({{"lessons/link", AE_IFLNK, "", "/etc/passwd"}}, "\"lessons/link\" is a symbolic link (to \"/etc/passwd\")");
    check_refused({{"pack.json", AE_IFREG, "{}"}, {"copy.json", AE_IFREG, "", "", "pack.json"}}, "\"copy.json\" is a hard link");
    check_refused({{"dev/tty", AE_IFCHR}}, "\"dev/tty\" is a device, pipe or socket");
    check_refused({{"fifo", AE_IFIFO}}, "\"fifo\" is a device, pipe or socket");
    check_refused({{"pack.json", AE_IFREG, "{}"}, {"./pack.json", AE_IFREG, "{\"again\":1}"}}, "\"./pack.json\" appears twice");
    check_refused({{"win\\path.json", AE_IFREG, "{}"}}, "backslash");
}

TEST_CASE("pack archive: unpacking stops past the size limit, naming where") {
    ArchiveLimits limits;
    limits.max_total_bytes = 1000;
    check_refused({{"a.png", AE_IFREG, std::string(600, 'a')}, {"b.png", AE_IFREG, std::string(600, 'b')}},
                  "more than 1000 bytes (reached at \"b.png\")", limits);
    limits.max_entries = 2;
    limits.max_total_bytes = 1 << 20;
    check_refused({{"a", AE_IFREG, "1"}, {"b", AE_IFREG, "2"}, {"c", AE_IFREG, "3"}}, "more than 2 entries", limits);
}

TEST_CASE("pack archive: a file that is not a tar archive gets a plain message") {
    PackTempDir dir("garbage");
    write_text(dir / "x.qpack", std::string(2000, 'z'));
    CHECK_THROWS_WITH_AS(extract_archive(dir / "x.qpack", dir / "out"), doctest::Contains("is damaged or is not a .qpack"),
                         PackError);
    CHECK_THROWS_WITH_AS(extract_archive(dir / "missing.qpack", dir / "out"), doctest::Contains("does not exist"), PackError);
    CHECK_FALSE(fs::exists(dir / "out"));
}
