#include "core/lessons/pack_signature.hpp"

#include <sodium.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

#include "core/lessons/durable_fs.hpp"
#include "core/lessons/pack_error.hpp"
#include "core/lessons/sodium_text.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace qiao::core {
namespace {

constexpr const char* kMessageHeader = "qiao-pack-signature v1\n";

bool is_sha256_hex(const std::string& text) {
    if (text.size() != 64) return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

struct ParsedSignature {
    PublisherKey key;
    std::map<std::string, std::string> files;  // path -> sha256 hex, sorted like the message
    std::vector<unsigned char> signature;
};

// The SIGNATURE file, or a plain reason why it cannot be used.
ParsedSignature parse_signature(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    const std::string damaged = "SIGNATURE is damaged (";
    const std::string fix = "); sign the pack again with qiao-pack sign";
    if (doc.is_discarded() || !doc.is_object()) throw PackError(damaged + "it is not valid JSON" + fix);
    if (!doc.contains("format") || doc["format"] != 1)
        throw PackError(damaged + "\"format\" should be 1; it may come from a newer qiao-pack" + fix);
    for (const char* field : {"publisher_key", "signature"})
        if (!doc.contains(field) || !doc[field].is_string()) throw PackError(damaged + "no \"" + field + "\"" + fix);
    if (!doc.contains("files") || !doc["files"].is_object()) throw PackError(damaged + "no \"files\" list" + fix);

    ParsedSignature parsed;
    const std::string name = doc.contains("publisher") && doc["publisher"].is_string() ? doc["publisher"].get<std::string>() : "";
    try {
        parsed.key = public_key_from_base64(doc["publisher_key"].get<std::string>(), name);
    } catch (const PackError&) {
        throw PackError(damaged + "\"publisher_key\" is not a key" + fix);
    }
    for (const auto& [path, hash] : doc["files"].items()) {
        // A line break in a path could make two different lists sign the same message.
        if (std::any_of(path.begin(), path.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
            throw PackError(damaged + "a file name in it contains a control character" + fix);
        if (!hash.is_string() || !is_sha256_hex(hash.get<std::string>()))
            throw PackError(damaged + "the hash for " + path + " is not 64 hex digits" + fix);
        parsed.files.emplace(path, hash.get<std::string>());
    }
    auto signature = from_base64(doc["signature"].get<std::string>());
    if (!signature || signature->size() != crypto_sign_BYTES) throw PackError(damaged + "\"signature\" is not a signature" + fix);
    parsed.signature = std::move(*signature);
    return parsed;
}

void compare_files(const std::map<std::string, std::string>& signed_files, const std::vector<PackFile>& actual,
                   std::vector<FileChange>& changes) {
    std::map<std::string, const PackFile*> present;
    for (const PackFile& file : actual) present.emplace(file.path, &file);
    // Both maps are sorted, so the changes come out in path order.
    for (const auto& [path, file] : present) {
        auto it = signed_files.find(path);
        if (it == signed_files.end()) changes.push_back({FileChange::Kind::Added, path});
        else if (it->second != file->sha256) changes.push_back({FileChange::Kind::Changed, path});
    }
    for (const auto& [path, hash] : signed_files)
        if (!present.count(path)) changes.push_back({FileChange::Kind::Removed, path});
    std::stable_sort(changes.begin(), changes.end(),
                     [](const FileChange& a, const FileChange& b) { return a.path < b.path; });
}

}  // namespace

std::string canonical_signing_message(const std::vector<PackFile>& files) {
    std::string message = kMessageHeader;
    for (const PackFile& file : files) message += file.sha256 + "  " + file.path + "\n";
    return message;
}

std::vector<PackFile> sign_pack(const fs::path& folder, const PublisherSecretKey& key) {
    ensure_sodium();
    std::vector<PackFile> files = list_pack_files(folder);
    if (files.empty()) throw PackError("pack folder " + folder.string() + " holds no files to sign");
    const std::string message = canonical_signing_message(files);
    unsigned char signature[crypto_sign_BYTES];
    crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         key.bytes.data());

    json doc = json::object();
    doc["format"] = 1;
    doc["publisher"] = key.name;
    doc["publisher_key"] = key.public_key().base64();
    json listed = json::object();
    for (const PackFile& file : files) listed[file.path] = file.sha256;
    doc["files"] = std::move(listed);
    doc["signature"] = to_base64(signature, sizeof signature);
    std::string text;
    try {
        text = doc.dump(2) + "\n";
    } catch (const json::exception&) {
        throw PackError("a file name in " + folder.string() + " is not valid UTF-8 text; rename it");
    }
    write_file_atomically(folder / kSignatureFileName, text);
    return files;
}

std::string FileChange::message() const {
    switch (kind) {
        case Kind::Changed: return path + " was changed after signing";
        case Kind::Added: return path + " was added after signing";
        case Kind::Removed: return path + " was removed after signing";
    }
    return path;
}

std::string SignatureCheck::summary() const {
    const std::vector<std::string>& lines = problems.empty() ? notes : problems;
    std::string out;
    for (const std::string& line : lines) out += (out.empty() ? "" : "\n") + line;
    return out;
}

SignatureCheck verify_pack(const fs::path& folder, const std::vector<PublisherKey>& trusted, const VerifyOptions& options) {
    ensure_sodium();
    SignatureCheck check;
    const std::vector<PackFile> actual = list_pack_files(folder);
    const fs::path signature_file = folder / kSignatureFileName;
    std::error_code ec;
    check.has_signature = fs::exists(fs::symlink_status(signature_file, ec));
    if (!check.has_signature) {
        if (options.allow_unsigned)
            check.notes.push_back("this pack is not signed; it is accepted only because development mode is on");
        else
            check.problems.push_back("this pack is not signed (it has no SIGNATURE file); ask its publisher for a signed "
                                     "copy, or turn on development mode to try it");
        return check;
    }
    if (!fs::is_regular_file(fs::symlink_status(signature_file, ec))) {
        check.problems.push_back("SIGNATURE is not a regular file; sign the pack again with qiao-pack sign");
        return check;
    }

    ParsedSignature parsed;
    try {
        parsed = parse_signature(signature_file);
    } catch (const PackError& e) {
        check.problems.push_back(e.what());
        return check;
    }
    check.fingerprint = parsed.key.fingerprint();
    check.publisher = parsed.key.name;

    std::vector<PackFile> signed_list;
    for (const auto& [path, hash] : parsed.files) signed_list.push_back({path, 0, hash});
    const std::string message = canonical_signing_message(signed_list);
    check.signature_valid = crypto_sign_verify_detached(parsed.signature.data(),
                                                        reinterpret_cast<const unsigned char*>(message.data()),
                                                        message.size(), parsed.key.bytes.data()) == 0;
    if (!check.signature_valid) {
        // The file list inside SIGNATURE itself was edited, or it was signed with another key:
        // nothing in it can be believed, so no per-file comparison is offered.
        check.problems.push_back("SIGNATURE does not match its own contents (it was edited, or it is damaged); "
                                 "this pack cannot be trusted — get a fresh copy from its publisher");
        return check;
    }

    for (const PublisherKey& key : trusted) {
        if (key.same_key(parsed.key)) {
            check.trusted = true;
            if (!key.name.empty()) check.publisher = key.name;  // the site's name for it, not the pack's claim
        }
    }
    if (!check.trusted) {
        const std::string who = "signed by \"" + parsed.key.name + "\" with key " + check.fingerprint;
        if (options.allow_unsigned)
            check.notes.push_back(who + ", which this site does not trust; accepted only because development mode is on");
        else
            check.problems.push_back(who + ", which this site does not trust; if you trust this publisher, copy their "
                                     ".pub key file into the trusted-publishers folder");
    }

    compare_files(parsed.files, actual, check.changes);
    for (const FileChange& change : check.changes) check.problems.push_back(change.message());
    return check;
}

}  // namespace qiao::core
