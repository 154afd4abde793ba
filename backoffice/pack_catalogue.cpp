#include "backoffice/pack_catalogue.hpp"

#include "backoffice/api_error.hpp"
#include "backoffice/pack_archive_check.hpp"
#include "backoffice/site_trusted_keys.hpp"
#include "core/lessons/pack_archive.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::backoffice {

PublishedPack PackCatalogue::publish(const std::string& site_id, const std::filesystem::path& archive,
                                     Clock::time_point now) {
    core::Statement site(db_, "SELECT 1 FROM sites WHERE id = ?");
    site.bind(1, site_id);
    if (!site.step()) throw not_found("there is no site \"" + site_id + "\"; add it first (admin site add)");
    site.reset();

    // What is checked is the copy that will be served, not a file that may change after.
    IncomingPack incoming = shelf_.receive(archive, core::ArchiveLimits{}.max_total_bytes);
    CheckedPack checked;
    {
        const ShelfTemporary scratch = shelf_.scratch_folder();
        checked = check_pack_archive(incoming.file.path(), archive.string(), scratch.path(),
                                     SiteTrustedKeys(db_, feed_).of(site_id));
    }
    const std::string file_name = shelf_.keep(incoming);

    PublishedPack published{checked.id, checked.version, checked.title, incoming.sha256, incoming.size, {}, checked.notes};
    core::Transaction transaction(db_);
    core::Statement earlier(db_, "SELECT version FROM packs WHERE site_id = ? AND pack_id = ? AND version <> ?");
    earlier.bind(1, site_id).bind(2, checked.id).bind(3, checked.version);
    if (earlier.step()) published.replaced_version = earlier.column_text(0);
    earlier.reset();
    core::Statement drop(db_, "DELETE FROM packs WHERE site_id = ? AND pack_id = ?");
    drop.bind(1, site_id).bind(2, checked.id);
    drop.run();
    core::Statement insert(db_,
                           "INSERT INTO packs (site_id, pack_id, version, title, size, sha256, file, published_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, site_id).bind(2, checked.id).bind(3, checked.version).bind(4, checked.title);
    insert.bind(5, static_cast<std::int64_t>(incoming.size)).bind(6, incoming.sha256).bind(7, file_name);
    insert.bind(8, core::iso8601_utc(now));
    insert.run();
    feed_.publish(site_id, "", "pack_catalogue", "pack_catalogue", catalogue(site_id));
    transaction.commit();
    return published;
}

std::optional<ShelvedPack> PackCatalogue::find(const std::string& site_id, const std::string& pack_id,
                                               const std::string& version) const {
    core::Statement select(db_, "SELECT file, size, sha256 FROM packs WHERE site_id = ? AND pack_id = ? AND version = ?");
    select.bind(1, site_id).bind(2, pack_id).bind(3, version);
    if (!select.step()) return std::nullopt;
    return ShelvedPack{shelf_.path_of(select.column_text(0)), static_cast<std::uintmax_t>(select.column_int(1)),
                       select.column_text(2)};
}

nlohmann::json PackCatalogue::catalogue(const std::string& site_id) const {
    nlohmann::json packs = nlohmann::json::array();
    core::Statement select(db_, "SELECT pack_id, version, size, sha256, title FROM packs WHERE site_id = ? ORDER BY pack_id");
    select.bind(1, site_id);
    while (select.step()) {
        const std::string id = select.column_text(0), version = select.column_text(1);
        packs.push_back({{"id", id},
                         {"version", version},
                         {"size", select.column_int(2)},
                         {"sha256", select.column_text(3)},
                         {"title", select.column_text(4)},
                         {"url", "/api/v1/packs/" + id + "/" + version}});
    }
    return {{"packs", packs}};
}

}  // namespace qiao::backoffice
