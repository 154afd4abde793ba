// What kiosks and site managers report: the kiosks' heartbeat, and the site's figures
// (docs/sync-protocol.md, "heartbeat" and "Figures").
#include <httplib.h>

#include "backoffice/backoffice_server.hpp"
#include "backoffice/figures_export.hpp"
#include "backoffice/heartbeat_intake.hpp"
#include "backoffice/http_answers.hpp"

namespace qiao::backoffice {

namespace {

FiguresQuery figures_query(const httplib::Request& req, const std::string& site_id) {
    FiguresQuery query;
    query.site_id = site_id;
    query.from = req.get_param_value("from");
    query.to = req.get_param_value("to");
    return query;  // SiteFigures checks the dates
}

}  // namespace

void BackofficeServer::add_report_routes() {
    http_->Post("/api/v1/heartbeat", guarded([this](const httplib::Request& req, httplib::Response& res) {
        const nlohmann::json body = json_body(req);
        const auto lock = office_.lock();
        const Caller kiosk = kiosk_caller(req);
        HeartbeatIntake(office_.db()).take(kiosk, body, Clock::now());
        answer(res, 200, {{"protocol", 1}});
    }));

    http_->Get("/api/v1/figures", guarded([this](const httplib::Request& req, httplib::Response& res) {
        const std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
        if (format != "json" && format != "csv")
            throw bad_request("format is json or csv (found \"" + format.substr(0, 20) + "\")");
        const auto lock = office_.lock();
        const Caller staff = staff_caller(req);
        if (staff.kind != Caller::Kind::Manager) throw forbidden("the site's figures are for its site managers");
        const FiguresQuery query = figures_query(req, staff.site_id);
        const std::vector<SiteReport> reports = SiteFigures(office_.db()).collect(query);
        if (format == "json") {
            answer(res, 200, figures_json(reports, query));
            return;
        }
        res.status = 200;
        res.set_header("Content-Disposition", "attachment; filename=\"qiao-figures-" + staff.site_id + ".csv\"");
        res.set_content(figures_csv(reports), "text/csv; charset=utf-8");
    }));
}

}  // namespace qiao::backoffice
