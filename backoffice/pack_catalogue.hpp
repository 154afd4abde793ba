#pragma once
// PackCatalogue: the lesson packs each site offers its kiosks (docs/sync-protocol.md,
// "Lesson packs"). A site has one version of each pack: publishing another version of a
// pack replaces the earlier one in that site's catalogue. Every publish sends the site's
// whole catalogue as one `pack_catalogue` change; the kiosks download what they lack.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backoffice/change_feed.hpp"
#include "backoffice/enrolment.hpp"
#include "backoffice/pack_shelf.hpp"

namespace qiao::backoffice {

struct PublishedPack {
    std::string id, version, title, sha256;
    std::uintmax_t size = 0;
    std::string replaced_version;    // the version the site offered before; "" if none
    std::vector<std::string> notes;  // accepted, but worth telling the site manager
};

// A pack a kiosk may download: where it is and what it must be.
struct ShelvedPack {
    std::filesystem::path file;
    std::uintmax_t size = 0;
    std::string sha256;
};

class PackCatalogue {
public:
    PackCatalogue(core::Database& db, ChangeFeed& feed, PackShelf shelf) : db_(db), feed_(feed), shelf_(std::move(shelf)) {}

    // Copies the .qpack onto the shelf, checks it as a kiosk would, and puts it in the
    // site's catalogue. Throws core::PackError (the pack, in plain words),
    // std::runtime_error (the file), ApiError 404 (no such site); nothing is published then.
    PublishedPack publish(const std::string& site_id, const std::filesystem::path& archive, Clock::time_point now);

    // The pack if it is in the site's catalogue.
    std::optional<ShelvedPack> find(const std::string& site_id, const std::string& pack_id, const std::string& version) const;

    // {"packs": [{"id", "version", "size", "sha256", "title", "url"}]}, by id.
    nlohmann::json catalogue(const std::string& site_id) const;

private:
    core::Database& db_;
    ChangeFeed& feed_;
    PackShelf shelf_;
};

}  // namespace qiao::backoffice
