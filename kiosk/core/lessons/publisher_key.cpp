#include "core/lessons/publisher_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/lessons/pack_error.hpp"
#include "core/lessons/sodium_text.hpp"
#include "core/lessons/unique_fd.hpp"

namespace fs = std::filesystem;

namespace qiao::core {
namespace {

constexpr const char* kSecretHeader = "qiao-publisher-secret-key v1";
constexpr const char* kPublicHeader = "qiao-publisher-key v1";

std::string strip_line_end(std::string line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    return line;
}

std::vector<std::string> read_lines(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw PackError("key file " + file.string() + " cannot be read: " + std::strerror(errno));
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line) && lines.size() < 16) lines.push_back(strip_line_end(line));
    return lines;
}

void write_key_file(const fs::path& file, const std::string& text, bool exclusive, mode_t mode) {
    const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (exclusive ? O_EXCL : O_TRUNC);
    UniqueFd fd(::open(file.c_str(), flags, mode));
    if (!fd.valid()) {
        if (errno == EEXIST)
            throw PackError("key file " + file.string() +
                            " already exists; a secret key is never overwritten — choose another name or move the old key away");
        throw PackError("could not write key file " + file.string() + ": " + std::strerror(errno));
    }
    if (::write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size()) || ::fsync(fd.get()) != 0)
        throw PackError("could not write key file " + file.string() + ": " + std::strerror(errno));
}

std::string key_text(const char* header, const unsigned char* bytes, std::size_t size, const std::string& name) {
    std::string text = std::string(header) + "\n" + to_base64(bytes, size) + "\n";
    if (!name.empty()) text += name + "\n";
    return text;
}

// The base64 line of a key file, decoded and checked for length.
std::vector<unsigned char> key_bytes(const fs::path& file, const std::vector<std::string>& lines,
                                     const char* header, std::size_t size) {
    if (lines.empty()) throw PackError("key file " + file.string() + " is empty");
    if (lines[0] != header) {
        if (lines[0] == kSecretHeader)
            throw PackError("key file " + file.string() +
                            " is a SECRET key, not a public key; use the .pub file (and keep this one private)");
        if (lines[0] == kPublicHeader)
            throw PackError("key file " + file.string() + " is a public key; signing needs the secret key file");
        throw PackError("key file " + file.string() + ": the first line should be \"" + header + "\" but is \"" +
                        lines[0].substr(0, 60) + "\"");
    }
    if (lines.size() < 2 || lines[1].empty())
        throw PackError("key file " + file.string() + " has no key on its second line");
    auto bytes = from_base64(lines[1]);
    if (!bytes || bytes->size() != size)
        throw PackError("key file " + file.string() + ": the second line should be base64 of a " +
                        std::to_string(size) + "-byte key; the file is damaged or was edited");
    return *bytes;
}

}  // namespace

std::string PublisherKey::base64() const { return to_base64(bytes.data(), bytes.size()); }

std::string PublisherKey::fingerprint() const {
    ensure_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, bytes.data(), bytes.size());
    const std::string hex = to_hex(digest, 8);
    return hex.substr(0, 4) + " " + hex.substr(4, 4) + " " + hex.substr(8, 4) + " " + hex.substr(12, 4);
}

PublisherSecretKey::~PublisherSecretKey() { sodium_memzero(bytes.data(), bytes.size()); }

PublisherKey PublisherSecretKey::public_key() const {
    PublisherKey key;
    crypto_sign_ed25519_sk_to_pk(key.bytes.data(), bytes.data());
    key.name = name;
    return key;
}

PublisherKeyPair generate_keypair(const std::string& name) {
    ensure_sodium();
    if (name.find('\n') != std::string::npos || name.find('\r') != std::string::npos)
        throw PackError("a publisher name must be one line");
    PublisherKeyPair pair;
    crypto_sign_keypair(pair.public_key.bytes.data(), pair.secret.bytes.data());
    pair.secret.name = name;
    pair.public_key.name = name;
    return pair;
}

void save_secret_key(const PublisherSecretKey& key, const fs::path& file) {
    std::string text = key_text(kSecretHeader, key.bytes.data(), key.bytes.size(), key.name);
    write_key_file(file, text, /*exclusive=*/true, 0600);
    sodium_memzero(text.data(), text.size());
}

void save_public_key(const PublisherKey& key, const fs::path& file) {
    write_key_file(file, key_text(kPublicHeader, key.bytes.data(), key.bytes.size(), key.name), false, 0644);
}

PublisherSecretKey load_secret_key(const fs::path& file) {
    std::vector<std::string> lines = read_lines(file);
    std::vector<unsigned char> bytes = key_bytes(file, lines, kSecretHeader, 64);
    PublisherSecretKey key;
    std::memcpy(key.bytes.data(), bytes.data(), bytes.size());
    sodium_memzero(bytes.data(), bytes.size());
    sodium_memzero(lines[1].data(), lines[1].size());
    if (lines.size() > 2) key.name = lines[2];

    // The second half must be the public key the first half (the seed) derives; otherwise
    // the file was damaged and every signature made with it would fail to verify.
    unsigned char seed[crypto_sign_SEEDBYTES];
    crypto_sign_ed25519_sk_to_seed(seed, key.bytes.data());
    unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
    unsigned char secret_key[crypto_sign_SECRETKEYBYTES];
    crypto_sign_seed_keypair(public_key, secret_key, seed);
    const bool consistent = sodium_memcmp(secret_key, key.bytes.data(), sizeof secret_key) == 0;
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(secret_key, sizeof secret_key);
    if (!consistent) throw PackError("key file " + file.string() + " is damaged: its two halves do not belong together");
    return key;
}

PublisherKey load_public_key(const fs::path& file) {
    const std::vector<std::string> lines = read_lines(file);
    const std::vector<unsigned char> bytes = key_bytes(file, lines, kPublicHeader, 32);
    PublisherKey key;
    std::memcpy(key.bytes.data(), bytes.data(), bytes.size());
    if (lines.size() > 2) key.name = lines[2];
    return key;
}

PublisherKey public_key_from_base64(const std::string& text, const std::string& name) {
    auto bytes = from_base64(text);
    if (!bytes || bytes->size() != 32) throw PackError("\"" + text.substr(0, 60) + "\" is not a publisher key (base64 of 32 bytes)");
    PublisherKey key;
    std::memcpy(key.bytes.data(), bytes->data(), bytes->size());
    key.name = name;
    return key;
}

}  // namespace qiao::core
