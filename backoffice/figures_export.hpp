#pragma once
// The site figures as a site manager takes them away (docs/sync-protocol.md, "Figures"):
// JSON for programs, and CSV for a spreadsheet. The CSV is one long table,
//     site,day,figure,key,value
// one figure a row: `day` is YYYY-MM-DD, or `total` for the days asked for together, or
// `latest` for a kiosk's state; `key` is the screen of a mis-touch figure or the kiosk of
// a kiosk figure, empty otherwise; an unknown value (no feedback yet, no heartbeat yet)
// is an empty cell. One file holds every site and day, and a pivot table turns it into
// whatever grid the manager wants.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backoffice/site_figures.hpp"

namespace qiao::backoffice {

nlohmann::json figures_json(const std::vector<SiteReport>& reports, const FiguresQuery& query);

// RFC 4180: CRLF line ends, fields quoted where they hold a comma, quote or line break.
std::string figures_csv(const std::vector<SiteReport>& reports);

}  // namespace qiao::backoffice
