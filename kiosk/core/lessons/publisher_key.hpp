#pragma once
// Publisher keys: the Ed25519 key pair with which a publisher signs lesson packs, and the
// text files `qiao-pack keygen` writes for them.
//
// Secret key file (keep private; written with mode 0600, never overwritten):
//     qiao-publisher-secret-key v1
//     <base64 of the 64-byte libsodium Ed25519 secret key>
//     <publisher name>                       (optional)
// Public key file (".pub"; give it to sites, who copy it into <data_dir>/trusted-publishers/):
//     qiao-publisher-key v1
//     <base64 of the 32-byte Ed25519 public key>
//     <publisher name>                       (optional)
#include <array>
#include <filesystem>
#include <string>

namespace qiao::core {

struct PublisherKey {
    std::array<unsigned char, 32> bytes{};
    std::string name;  // who the key says it belongs to; informative only

    std::string base64() const;
    // Short, stable, human-comparable id: first 8 bytes of SHA-256(key) as
    // "3f2a 91c0 5be1 77d4". Read it aloud over the phone to check a key.
    std::string fingerprint() const;
    bool same_key(const PublisherKey& other) const { return bytes == other.bytes; }
};

struct PublisherSecretKey {
    std::array<unsigned char, 64> bytes{};  // libsodium layout: seed, then public key
    std::string name;

    PublisherSecretKey() = default;
    PublisherSecretKey(const PublisherSecretKey&) = default;
    PublisherSecretKey& operator=(const PublisherSecretKey&) = default;
    ~PublisherSecretKey();  // wipes the secret from memory

    PublisherKey public_key() const;
};

struct PublisherKeyPair {
    PublisherSecretKey secret;
    PublisherKey public_key;
};

PublisherKeyPair generate_keypair(const std::string& name);

// Throws PackError naming the file. save_secret_key refuses to replace an existing file:
// losing a publisher key means every site must be told to trust a new one.
void save_secret_key(const PublisherSecretKey& key, const std::filesystem::path& file);
void save_public_key(const PublisherKey& key, const std::filesystem::path& file);

// Throw PackError naming the file and what is wrong with it.
PublisherSecretKey load_secret_key(const std::filesystem::path& file);
PublisherKey load_public_key(const std::filesystem::path& file);

// A public key from its base64 text (as in a SIGNATURE file); throws PackError if malformed.
PublisherKey public_key_from_base64(const std::string& text, const std::string& name);

}  // namespace qiao::core
