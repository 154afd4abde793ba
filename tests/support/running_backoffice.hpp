#pragma once
// RunningBackoffice: a real qiao-backoffice server, in this process, on a free
// loopback port, with its own database file; it stops when the object goes. For tests
// that need the program itself (killed with SIGKILL, restarted) see BackofficeProcess.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "backoffice/backoffice_server.hpp"
#include "core/log.hpp"

namespace qiao::testing {

class RunningBackoffice {
public:
    explicit RunningBackoffice(const std::filesystem::path& db_file);
    ~RunningBackoffice();
    RunningBackoffice(const RunningBackoffice&) = delete;
    RunningBackoffice& operator=(const RunningBackoffice&) = delete;

    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    backoffice::BackofficeServer& server() { return *server_; }

    // Site manager's steps, done in-process as `qiao-backoffice admin` would.
    void add_site(const std::string& site_id);
    std::string enrolment_code(const std::string& site_id);
    void load_services(const std::string& site_id, const std::string& json_text);
    // A kiosk enrolled at the site: its id and token.
    backoffice::EnrolledKiosk enrol_kiosk(const std::string& site_id);
    backoffice::StaffToken add_staff(const std::string& site_id, const std::string& role);
    // One number from the server's file (SELECT COUNT(*) ... and the like), under its lock.
    std::int64_t count(const std::string& sql);

private:
    core::Log log_;
    std::unique_ptr<backoffice::BackofficeServer> server_;
    int port_ = 0;
    std::thread thread_;
};

}  // namespace qiao::testing
