#pragma once
// ChangeFeed: what kiosks pull (docs/sync-protocol.md, "pull"). Every change gets the
// next number of one server-wide sequence; a newer change of the same subject replaces
// the older one, so a kiosk away for a month reads what is true now, page by page,
// not every step on the way.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/storage/database.hpp"

namespace qiao::backoffice {

struct FeedPage {
    nlohmann::json changes = nlohmann::json::array();  // [{seq, kind, data}]
    std::int64_t next_after = 0;
    bool more = false;
};

class ChangeFeed {
public:
    explicit ChangeFeed(core::Database& db) : db_(db) {}

    // kiosk_id "" addresses every kiosk of the site. Call inside the caller's
    // transaction so the change and what caused it are stored together.
    void publish(const std::string& site_id, const std::string& kiosk_id, const std::string& kind,
                 const std::string& subject, const nlohmann::json& data);

    // What changed for this kiosk after `after`, at most `limit` changes, oldest first.
    FeedPage read(const std::string& site_id, const std::string& kiosk_id, std::int64_t after, int limit) const;

private:
    core::Database& db_;
};

}  // namespace qiao::backoffice
