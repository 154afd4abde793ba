#include "core/sync/pack_downloads.hpp"

#include <sodium.h>

#include <algorithm>
#include <optional>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/lessons/durable_fs.hpp"
#include "core/lessons/pack_error.hpp"
#include "core/lessons/pack_hashes.hpp"
#include "core/lessons/pack_identity.hpp"
#include "core/lessons/pack_reader.hpp"
#include "core/lessons/pack_state.hpp"
#include "core/lessons/sodium_text.hpp"
#include "core/lessons/trusted_keys.hpp"
#include "core/storage/database.hpp"
#include "core/sync/backoffice_reply.hpp"
#include "core/sync/sync_credentials.hpp"

namespace fs = std::filesystem;

namespace qiao::core {

namespace {

using json = nlohmann::json;
using Outcome = PackDownloadResult::Outcome;

constexpr const char* kPartSuffix = ".part";

struct CatalogueEntry {
    std::string id;
    std::string version;
    std::uintmax_t size = 0;
    std::string sha256;
    std::string url;

    std::string name() const { return id + " " + version; }
};

bool is_sha256_hex(const std::string& text) {
    return text.size() == 64 &&
           std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// A url is appended to the back office's address: it must stay a path under the API.
bool is_api_path(const std::string& url) {
    return url.rfind("/api/v1/", 0) == 0 && url.find("..") == std::string::npos &&
           std::none_of(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; });
}

// One entry of {"packs": [...]}, or why it cannot be used.
std::optional<CatalogueEntry> read_entry(const json& item, std::string& why) {
    const auto text = [&](const char* field) -> std::optional<std::string> {
        if (!item.is_object() || !item.contains(field) || !item[field].is_string()) return std::nullopt;
        return item[field].get<std::string>();
    };
    CatalogueEntry entry;
    const auto id = text("id"), version = text("version"), sha256 = text("sha256"), url = text("url");
    if (!id || !is_valid_pack_id(*id)) {
        why = "a pack in the back office's catalogue has no valid \"id\"";
        return std::nullopt;
    }
    const std::string who = "the back office's catalogue entry for " + *id;
    if (!version || !is_valid_pack_version(*version)) why = who + " has no valid \"version\"";
    else if (!item.contains("size") || !item["size"].is_number_unsigned() || item["size"].get<std::uintmax_t>() == 0)
        why = who + " has no valid \"size\"";
    else if (!sha256 || !is_sha256_hex(*sha256)) why = who + " has no valid \"sha256\" (64 lowercase hex digits)";
    else if (!url || !is_api_path(*url)) why = who + " has no \"url\" under /api/v1/";
    if (!why.empty()) return std::nullopt;
    entry.id = *id;
    entry.version = *version;
    entry.size = item["size"].get<std::uintmax_t>();
    entry.sha256 = *sha256;
    entry.url = *url;
    return entry;
}

std::string sha256_of(const std::string& text) {
    ensure_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    return to_hex(digest, sizeof digest);
}

// What a refusal depends on: the catalogue and whom the kiosk trusts. When either
// changes, every refused pack gets another chance.
std::string refusal_basis(const std::string& catalogue, const TrustedKeys& trusted) {
    std::vector<std::string> fingerprints;
    for (const PublisherKey& key : trusted.keys) fingerprints.push_back(key.fingerprint());
    std::sort(fingerprints.begin(), fingerprints.end());
    std::string basis = catalogue;
    for (const std::string& fingerprint : fingerprints) basis += "\n" + fingerprint;
    return sha256_of(basis);
}

std::uintmax_t size_of(const fs::path& file) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    return ec ? 0 : size;
}

void remove_quietly(const fs::path& file) {
    std::error_code ec;
    fs::remove(file, ec);
}

std::string mebibytes(std::uintmax_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MiB"; }

// Every error the pack reader finds: what --install-pack checks, but for the font, which
// only the app knows.
PackValidator reader_validator(std::uintmax_t max_pack_bytes) {
    return [max_pack_bytes](const fs::path& staged) {
        PackLimits limits;
        limits.max_pack_bytes = max_pack_bytes;
        std::vector<std::string> errors;
        for (const PackProblem& p : read_pack(staged, limits).problems)
            if (p.severity == PackProblem::Severity::Error) errors.push_back(describe(p));
        return errors;
    };
}

}  // namespace

PackDownloadResult PackDownloads::run_once() {
    PackDownloadResult result;
    const auto catalogue_text = settings_.get(sync_keys::kPackCatalogue);
    if (!catalogue_text) return result;  // nothing offered yet
    const json catalogue = json::parse(*catalogue_text, nullptr, false);
    if (!catalogue.is_object() || !catalogue.contains("packs") || !catalogue["packs"].is_array()) return result;

    const TrustedKeys trusted = load_trusted_keys(trusted_publishers_dir(data_dir_));

    // Refusals stand until the catalogue or the trusted publishers change.
    const std::string basis = refusal_basis(*catalogue_text, trusted);
    json refused = json::parse(settings_.get(sync_keys::kRefusedPacks).value_or("{}"), nullptr, false);
    const bool fresh = !refused.is_object() || refused.value("basis", "") != basis || !refused.contains("packs") ||
                       !refused["packs"].is_object();
    if (fresh) {
        refused = {{"basis", basis}, {"packs", json::object()}};
        settings_.set(sync_keys::kRefusedPacks, refused.dump());
    }
    const auto refuse = [&](const CatalogueEntry& entry, const std::string& why) {
        refused["packs"][entry.sha256] = why;
        settings_.set(sync_keys::kRefusedPacks, refused.dump());
    };

    // Which pack to take: the first by id this kiosk lacks and may take.
    std::optional<CatalogueEntry> wanted;
    std::set<std::string> listed;  // sha256 of every usable entry: their parts are kept
    for (const json& item : catalogue["packs"]) {
        std::string why;
        const auto entry = read_entry(item, why);
        if (!entry) {
            if (fresh) log_.warning("sync: " + why + "; it is not downloaded");
            continue;
        }
        if (refused["packs"].contains(entry->sha256)) continue;
        if (entry->size > options_.max_download_bytes) {
            const std::string words = "the lesson pack " + entry->name() + " in the back office's catalogue is " +
                                      mebibytes(entry->size) + ", more than the " + mebibytes(options_.max_download_bytes) +
                                      " a kiosk downloads; it is not downloaded (make the pack smaller)";
            log_.warning("sync: " + words);
            refuse(*entry, words);
            continue;
        }
        listed.insert(entry->sha256);
        if (wanted) continue;
        if (const auto state = read_pack_state(packs_dir() / entry->id);
            state && is_valid_pack_version(state->current)) {
            if (compare_pack_versions(entry->version, state->current) <= 0) continue;  // has it, or newer
            // previous newer than current: staff rolled back from it; not forced on them again.
            if (state->previous == entry->version && compare_pack_versions(state->previous, state->current) > 0) continue;
        }
        wanted = entry;
    }

    try {
        // Parts of packs no longer listed (a replaced version, a refused pack) go.
        std::error_code ec;
        for (fs::directory_iterator it(downloads_dir(), ec), end; !ec && it != end; it.increment(ec)) {
            const fs::path& path = it->path();
            if (path.extension() == kPartSuffix && listed.count(path.stem().string()) == 0) remove_quietly(path);
        }
        if (!wanted) return result;
        const CatalogueEntry& entry = *wanted;
        result.pack_id = entry.id;
        result.version = entry.version;

        create_directories_durably(downloads_dir());
        const fs::path part = downloads_dir() / (entry.sha256 + kPartSuffix);
        std::uintmax_t have = size_of(part);
        if (have > entry.size) {
            remove_quietly(part);  // longer than the pack: not a part of it
            have = 0;
        }
        if (have < entry.size) {
            log_.info("sync: downloading the lesson pack " + entry.name() + " (" + std::to_string(entry.size) + " bytes" +
                      (have > 0 ? ", continuing from byte " + std::to_string(have) : std::string()) + ")");
            const HttpReply reply = api_.download(entry.url, part);
            const std::uintmax_t now_have = size_of(part);
            result.bytes_fetched = reply.status == 200 || now_have < have ? now_have : now_have - have;
            const std::string where = std::to_string(now_have) + " of " + std::to_string(entry.size) + " bytes";
            if (reply.stopped) {
                result.outcome = Outcome::Unfinished;
                log_.info("sync: the download of the lesson pack " + entry.name() + " paused at " + where +
                          "; it continues from there at the next sync");
                return result;
            }
            if (reply.status == 416) {
                remove_quietly(part);  // the back office has fewer bytes than the part: start again
                result.outcome = Outcome::Mismatch;
                result.problem = "the back office could not continue the download of the lesson pack " + entry.name() +
                                 " from byte " + std::to_string(have) + "; it starts again at the next sync";
                log_.warning("sync: " + result.problem);
                return result;
            }
            if (!reply.success()) {
                result.outcome = Outcome::Unfinished;
                result.problem = describe_failure("the download of the lesson pack " + entry.name(), reply) + "; it stopped at " +
                                 where + " and continues from there at the next sync";
                log_.warning("sync: " + result.problem);
                return result;
            }
        }

        // Exactly what the catalogue lists, or nothing.
        const std::uintmax_t got = size_of(part);
        const std::string sha256 = got == entry.size ? sha256_file(part) : std::string();
        if (got != entry.size || sha256 != entry.sha256) {
            remove_quietly(part);
            result.outcome = Outcome::Mismatch;
            result.problem = "the downloaded lesson pack " + entry.name() + " is not the one the back office's catalogue lists (" +
                             (got != entry.size ? std::to_string(got) + " bytes instead of " + std::to_string(entry.size)
                                                : "its SHA-256 is " + sha256 + ", not " + entry.sha256) +
                             "); it was deleted, not installed, and is downloaded again at the next sync";
            log_.warning("sync: " + result.problem);
            return result;
        }

        for (const std::string& problem : trusted.problems) log_.warning("sync: " + problem);
        PackInstaller installer(packs_dir(), trusted.keys,
                                options_.validate ? options_.validate : reader_validator(options_.max_pack_bytes));
        InstallOptions install;  // never development mode: a downloaded pack is always signed
        install.limits.max_total_bytes = options_.max_pack_bytes;
        InstallResult installed;
        try {
            installed = installer.install_from_archive(part, install);
        } catch (const StorageError&) {
            throw;
        } catch (const std::exception& e) {
            remove_quietly(part);
            result.outcome = Outcome::Refused;
            result.problem = "the lesson pack " + entry.name() + " from the back office was not installed: " + e.what() +
                             "\n(it is not downloaded again until the back office's catalogue or trusted publishers change)";
            log_.error("sync: " + result.problem);
            refuse(entry, result.problem);
            return result;
        }
        remove_quietly(part);
        result.outcome = Outcome::Installed;
        log_.info("sync: installed the lesson pack " + installed.id + " " + installed.version + " from the back office" +
                  (installed.publisher.empty() ? std::string() : ", signed by " + installed.publisher) +
                  (installed.previous_version.empty() ? std::string()
                                                      : " (previous version " + installed.previous_version + " kept for rollback)"));
        if (installed.id != entry.id || installed.version != entry.version) {
            // Signed and sound, so it stays; but it is not what was listed: asking again would loop.
            result.problem = "the back office's catalogue lists " + entry.name() + " but its file holds " + installed.id + " " +
                             installed.version + "; tell the back office's site manager";
            log_.warning("sync: " + result.problem);
            refuse(entry, result.problem);
        }
        return result;
    } catch (const StorageError&) {
        throw;
    } catch (const std::exception& e) {
        // The disk (full, not writable): the next round tries again.
        result.outcome = Outcome::Unfinished;
        result.problem = std::string("a lesson pack could not be downloaded: ") + e.what();
        log_.warning("sync: " + result.problem);
        return result;
    }
}

}  // namespace qiao::core
