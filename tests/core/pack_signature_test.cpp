#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "core/lessons/pack_error.hpp"
#include "core/lessons/pack_hashes.hpp"
#include "core/lessons/pack_signature.hpp"
#include "core/lessons/publisher_key.hpp"
#include "core/lessons/trusted_keys.hpp"
#include "core/pack_sign_fixture.hpp"

using namespace qiao::core;
using qiao::test::make_tiny_pack;
using qiao::test::PackTempDir;
using qiao::test::read_text;
using qiao::test::write_text;
namespace fs = std::filesystem;

namespace {

bool has_problem(const SignatureCheck& check, const std::string& text) {
    for (const std::string& problem : check.problems)
        if (problem.find(text) != std::string::npos) return true;
    return false;
}

struct SignedPack {
    PackTempDir dir{"sign"};
    PublisherKeyPair keys = generate_keypair("Test volunteers");
    fs::path pack = make_tiny_pack(dir / "pack");
    SignedPack() { sign_pack(pack, keys.secret); }
    SignatureCheck verify(const VerifyOptions& options = {}) const { return verify_pack(pack, {keys.public_key}, options); }
};

}  // namespace

TEST_CASE("pack signature: key files round trip, secret kept private and never overwritten") {
    PackTempDir dir("keys");
    const PublisherKeyPair pair = generate_keypair("Qiao volunteers");
    save_secret_key(pair.secret, dir / "me.key");
    save_public_key(pair.public_key, dir / "me.pub");

    CHECK(read_text(dir / "me.pub").rfind("qiao-publisher-key v1\n", 0) == 0);
    CHECK(read_text(dir / "me.key").rfind("qiao-publisher-secret-key v1\n", 0) == 0);
    struct stat info {};
    REQUIRE(::stat((dir / "me.key").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);

    const PublisherKey pub = load_public_key(dir / "me.pub");
    const PublisherSecretKey secret = load_secret_key(dir / "me.key");
    CHECK(pub.same_key(pair.public_key));
    CHECK(pub.name == "Qiao volunteers");
    CHECK(secret.bytes == pair.secret.bytes);
    CHECK(secret.public_key().same_key(pub));
    CHECK(pub.fingerprint().size() == 19);  // "xxxx xxxx xxxx xxxx"

    CHECK_THROWS_WITH_AS(save_secret_key(pair.secret, dir / "me.key"), doctest::Contains("already exists"), PackError);
}

TEST_CASE("pack signature: a bad key file is named with what is wrong") {
    PackTempDir dir("badkeys");
    const PublisherKeyPair pair = generate_keypair("x");
    save_secret_key(pair.secret, dir / "secret.pub");
    CHECK_THROWS_WITH_AS(load_public_key(dir / "secret.pub"), doctest::Contains("is a SECRET key"), PackError);

    write_text(dir / "junk.pub", "hello\n");
    CHECK_THROWS_WITH_AS(load_public_key(dir / "junk.pub"), doctest::Contains("junk.pub: the first line should be"), PackError);

    write_text(dir / "short.pub", "qiao-publisher-key v1\nAAAA\n");
    CHECK_THROWS_WITH_AS(load_public_key(dir / "short.pub"), doctest::Contains("32-byte key"), PackError);

    CHECK_THROWS_WITH_AS(load_public_key(dir / "missing.pub"), doctest::Contains("missing.pub"), PackError);

    // A secret key whose halves disagree (one byte of the public half flipped).
    PublisherSecretKey broken = pair.secret;
    broken.bytes[63] ^= 1;
    save_secret_key(broken, dir / "broken.key");
    CHECK_THROWS_WITH_AS(load_secret_key(dir / "broken.key"), doctest::Contains("damaged"), PackError);
}

TEST_CASE("pack signature: canonical message is the documented text") {
    const std::vector<PackFile> files = {{"a.json", 1, std::string(64, 'a')}, {"lessons/b/lesson.json", 2, std::string(64, 'b')}};
    CHECK(canonical_signing_message(files) == "qiao-pack-signature v1\n" + std::string(64, 'a') + "  a.json\n" +
                                                  std::string(64, 'b') + "  lessons/b/lesson.json\n");
}

TEST_CASE("pack signature: files are listed sorted with SHA-256, SIGNATURE excluded") {
    PackTempDir dir("files");
    write_text(dir / "b.txt", "abc");
    write_text(dir / "a/z.txt", "");
    write_text(dir / "SIGNATURE", "{}");
    const std::vector<PackFile> files = list_pack_files(dir.path());
    REQUIRE(files.size() == 2);
    CHECK(files[0].path == "a/z.txt");
    CHECK(files[0].sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(files[1].path == "b.txt");
    CHECK(files[1].size == 3);
    CHECK(files[1].sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("pack signature: sign and verify round trip") {
    SignedPack p;
    const SignatureCheck check = p.verify();
    CHECK(check.accepted());
    CHECK(check.has_signature);
    CHECK(check.signature_valid);
    CHECK(check.trusted);
    CHECK(check.publisher == "Test volunteers");
    CHECK(check.fingerprint == p.keys.public_key.fingerprint());
    CHECK(check.changes.empty());
    const std::string signature = read_text(p.pack / "SIGNATURE");
    CHECK(signature.find("\"lessons/hello/lesson.json\"") != std::string::npos);
    CHECK(signature.find("\"publisher_key\"") != std::string::npos);
}

TEST_CASE("pack signature: a changed, an added and a removed file are each named") {
    SignedPack p;
    SUBCASE("changed") {
        write_text(p.pack / "lessons/hello/lesson.json", "{}");
        const SignatureCheck check = p.verify();
        CHECK_FALSE(check.accepted());
        REQUIRE(check.changes.size() == 1);
        CHECK(check.changes[0].kind == FileChange::Kind::Changed);
        CHECK(has_problem(check, "lessons/hello/lesson.json was changed after signing"));
    }
    SUBCASE("added") {
        write_text(p.pack / "lessons/hello/extra.png", "x");
        const SignatureCheck check = p.verify();
        CHECK_FALSE(check.accepted());
        CHECK(has_problem(check, "lessons/hello/extra.png was added after signing"));
    }
    SUBCASE("removed") {
        fs::remove(p.pack / "lessons/hello/images/wave.png");
        const SignatureCheck check = p.verify();
        CHECK_FALSE(check.accepted());
        CHECK(has_problem(check, "lessons/hello/images/wave.png was removed after signing"));
    }
    SUBCASE("changed files are refused even in development mode") {
        write_text(p.pack / "pack.json", "{}");
        CHECK_FALSE(p.verify({.allow_unsigned = true}).accepted());
    }
}

TEST_CASE("pack signature: an edited SIGNATURE file list makes the signature invalid") {
    SignedPack p;
    write_text(p.pack / "lessons/hello/lesson.json", "{\"evil\": true}");
    // The attacker also puts the changed file's hash into SIGNATURE.
    std::string signature = read_text(p.pack / "SIGNATURE");
    const std::string field = "\"lessons/hello/lesson.json\": \"";
    const auto pos = signature.find(field);
    REQUIRE(pos != std::string::npos);
    signature.replace(pos + field.size(), 64, sha256_file(p.pack / "lessons/hello/lesson.json"));
    write_text(p.pack / "SIGNATURE", signature);

    const SignatureCheck check = p.verify();
    CHECK_FALSE(check.signature_valid);
    CHECK(has_problem(check, "SIGNATURE does not match"));

    write_text(p.pack / "SIGNATURE", "not json");
    CHECK(has_problem(p.verify(), "SIGNATURE is damaged"));
}

TEST_CASE("pack signature: a key the site does not trust is named by fingerprint") {
    SignedPack p;
    const PublisherKeyPair other = generate_keypair("Someone else");
    const SignatureCheck check = verify_pack(p.pack, {other.public_key});
    CHECK(check.signature_valid);
    CHECK_FALSE(check.trusted);
    CHECK_FALSE(check.accepted());
    CHECK(has_problem(check, p.keys.public_key.fingerprint()));
    CHECK(has_problem(check, "does not trust"));

    const SignatureCheck dev = verify_pack(p.pack, {other.public_key}, {.allow_unsigned = true});
    CHECK(dev.accepted());
    REQUIRE(dev.notes.size() == 1);
    CHECK(dev.notes[0].find("development mode") != std::string::npos);
}

TEST_CASE("pack signature: unsigned packs are refused unless in development mode") {
    PackTempDir dir("unsigned");
    const fs::path pack = make_tiny_pack(dir / "pack");
    const SignatureCheck strict = verify_pack(pack, {});
    CHECK_FALSE(strict.has_signature);
    CHECK_FALSE(strict.accepted());
    CHECK(has_problem(strict, "not signed"));

    const SignatureCheck dev = verify_pack(pack, {}, {.allow_unsigned = true});
    CHECK(dev.accepted());
    REQUIRE(dev.notes.size() == 1);
    CHECK(dev.notes[0].find("not signed") != std::string::npos);
}

TEST_CASE("pack signature: a symbolic link in a pack is refused by name") {
    PackTempDir dir("link");
    const fs::path pack = make_tiny_pack(dir / "pack");
    fs::create_symlink("/etc/passwd", pack / "lessons/hello/passwd");
    const PublisherKeyPair keys = generate_keypair("x");
    CHECK_THROWS_WITH_AS(sign_pack(pack, keys.secret), doctest::Contains("lessons/hello/passwd is a symbolic link"), PackError);
    CHECK_THROWS_WITH_AS(verify_pack(pack, {}), doctest::Contains("lessons/hello/passwd is a symbolic link"), PackError);
}

TEST_CASE("pack signature: trusted keys: every .pub is loaded, bad files are reported without losing the rest") {
    PackTempDir dir("trusted");
    const fs::path folder = trusted_publishers_dir(dir.path());
    fs::create_directories(folder);
    const PublisherKeyPair a = generate_keypair("A");
    const PublisherKeyPair b = generate_keypair("B");
    save_public_key(a.public_key, folder / "a.pub");
    save_public_key(b.public_key, folder / "b.pub");
    save_public_key(b.public_key, folder / "b-copy.pub");  // duplicates count once
    write_text(folder / "broken.pub", "nonsense\n");
    save_secret_key(a.secret, folder / "oops.pub");
    write_text(folder / "README.txt", "not a key, not looked at");

    const TrustedKeys trusted = load_trusted_keys(folder);
    CHECK(trusted.keys.size() == 2);
    REQUIRE(trusted.problems.size() == 2);
    CHECK(trusted.problems[0].find("broken.pub") != std::string::npos);
    CHECK(trusted.problems[1].find("oops.pub") != std::string::npos);

    const TrustedKeys none = load_trusted_keys(dir / "nowhere");
    CHECK(none.keys.empty());
    CHECK(none.problems.size() == 1);
}
