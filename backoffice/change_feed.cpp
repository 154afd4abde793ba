#include "backoffice/change_feed.hpp"

namespace qiao::backoffice {

void ChangeFeed::publish(const std::string& site_id, const std::string& kiosk_id, const std::string& kind,
                         const std::string& subject, const nlohmann::json& data) {
    // Delete then insert (not REPLACE's update in place): the change must get a new,
    // higher seq so kiosks past the old one see it.
    core::Statement drop(db_, "DELETE FROM feed WHERE site_id = ? AND kiosk_id = ? AND kind = ? AND subject = ?");
    drop.bind(1, site_id).bind(2, kiosk_id).bind(3, kind).bind(4, subject);
    drop.run();
    core::Statement insert(db_, "INSERT INTO feed (site_id, kiosk_id, kind, subject, data) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, site_id).bind(2, kiosk_id).bind(3, kind).bind(4, subject).bind(5, data.dump());
    insert.run();
}

FeedPage ChangeFeed::read(const std::string& site_id, const std::string& kiosk_id, std::int64_t after, int limit) const {
    FeedPage page;
    page.next_after = after;
    core::Statement select(db_,
                           "SELECT seq, kind, data FROM feed WHERE site_id = ? AND seq > ? AND kiosk_id IN ('', ?) "
                           "ORDER BY seq LIMIT ?");
    select.bind(1, site_id).bind(2, after).bind(3, kiosk_id).bind(4, limit + 1);
    int rows = 0;
    while (select.step()) {
        if (++rows > limit) {
            page.more = true;
            break;
        }
        page.next_after = select.column_int(0);
        page.changes.push_back({{"seq", page.next_after},
                                {"kind", select.column_text(1)},
                                {"data", nlohmann::json::parse(select.column_text(2))}});
    }
    return page;
}

}  // namespace qiao::backoffice
