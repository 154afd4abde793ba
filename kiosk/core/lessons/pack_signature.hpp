#pragma once
// Signing and verifying lesson packs (Ed25519 over every file's SHA-256, via libsodium).
//
// SIGNATURE (a JSON file at the top of the pack folder):
//   {"format": 1,
//    "publisher": "Qiao volunteers",
//    "publisher_key": "<base64 of the 32-byte public key>",
//    "files": {"lessons/x/lesson.json": "<sha256 hex>", "pack.json": "<sha256 hex>", ...},
//    "signature": "<base64 of the 64-byte Ed25519 detached signature of the canonical message>"}
// Canonical message (what is signed), every file but SIGNATURE sorted byte-wise by path:
//   "qiao-pack-signature v1\n" + for each file: "<sha256hex>  <path>\n"
#include <filesystem>
#include <string>
#include <vector>

#include "core/lessons/pack_hashes.hpp"
#include "core/lessons/publisher_key.hpp"

namespace qiao::core {

// The bytes that are signed for this list of files (which must be sorted by path).
std::string canonical_signing_message(const std::vector<PackFile>& files);

// Hashes every file of folder and writes folder/SIGNATURE (replacing an old one).
// Throws PackError. Returns the signed file list.
std::vector<PackFile> sign_pack(const std::filesystem::path& folder, const PublisherSecretKey& key);

struct VerifyOptions {
    // Development mode: a pack without SIGNATURE (or signed by a key this site does not
    // trust) is accepted, and the result says so in notes. A broken signature or a file
    // changed after signing is still refused: the pack is not what its signer made.
    bool allow_unsigned = false;
};

struct FileChange {
    enum class Kind { Changed, Added, Removed };
    Kind kind = Kind::Changed;
    std::string path;
    std::string message() const;  // "lessons/x/lesson.json was changed after signing"
};

struct SignatureCheck {
    bool has_signature = false;     // SIGNATURE present
    bool signature_valid = false;   // well-formed and made by publisher_key over its file list
    bool trusted = false;           // publisher_key is one of the site's trusted keys
    std::string publisher;          // the trusted key's name if trusted, else SIGNATURE's claim
    std::string fingerprint;        // of publisher_key
    std::vector<FileChange> changes;  // files that differ from the signed list
    std::vector<std::string> problems;  // why the pack is refused, plain words; empty = accepted
    std::vector<std::string> notes;     // accepted but worth saying (development mode)

    bool accepted() const { return problems.empty(); }
    std::string summary() const;  // problems (or notes) joined by line breaks
};

// Never throws for a bad pack: every problem is in the result. Throws PackError only if the
// folder cannot be read at all.
SignatureCheck verify_pack(const std::filesystem::path& folder, const std::vector<PublisherKey>& trusted,
                           const VerifyOptions& options = {});

}  // namespace qiao::core
