#include "support/running_backoffice.hpp"

#include <httplib.h>

#include <chrono>
#include <stdexcept>

namespace qiao::testing {

RunningBackoffice::RunningBackoffice(const std::filesystem::path& db_file) {
    backoffice::ServerOptions options;
    options.db = db_file.string();
    options.port = 0;
    server_ = std::make_unique<backoffice::BackofficeServer>(options, log_);
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->run(); });
    // listen_after_bind starts accepting at once, but wait until it answers so a test's
    // first request never races the thread's start.
    httplib::Client client("127.0.0.1", port_);
    for (int i = 0; i < 200; ++i) {
        if (auto res = client.Get("/api/v1/health"); res && res->status == 200) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    server_->stop();
    thread_.join();
    throw std::runtime_error("the in-process back office did not answer on port " + std::to_string(port_));
}

RunningBackoffice::~RunningBackoffice() {
    server_->stop();
    if (thread_.joinable()) thread_.join();
}

void RunningBackoffice::add_site(const std::string& site_id) {
    const auto lock = server_->office().lock();
    server_->office().enrolment().add_site(site_id, "Site " + site_id, backoffice::Clock::now());
}

std::string RunningBackoffice::enrolment_code(const std::string& site_id) {
    const auto lock = server_->office().lock();
    return server_->office().enrolment().make_code(site_id, std::chrono::hours(1), backoffice::Clock::now());
}

void RunningBackoffice::load_services(const std::string& site_id, const std::string& json_text) {
    const auto lock = server_->office().lock();
    server_->office().timetables().load(site_id, json_text, "test services", backoffice::Clock::now());
}

backoffice::EnrolledKiosk RunningBackoffice::enrol_kiosk(const std::string& site_id) {
    const std::string code = enrolment_code(site_id);
    const auto lock = server_->office().lock();
    return server_->office().enrolment().redeem(code, "test kiosk", backoffice::Clock::now());
}

backoffice::StaffToken RunningBackoffice::add_staff(const std::string& site_id, const std::string& role) {
    const auto lock = server_->office().lock();
    return server_->office().enrolment().add_staff(site_id, "Wei", role, backoffice::Clock::now());
}

std::int64_t RunningBackoffice::count(const std::string& sql) {
    const auto lock = server_->office().lock();
    core::Statement select(server_->office().db(), sql);
    if (!select.step()) throw std::runtime_error("no row from " + sql);
    return select.column_int(0);
}

}  // namespace qiao::testing
