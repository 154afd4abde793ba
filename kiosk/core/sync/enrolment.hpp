#pragma once
// Enrolling a kiosk with its back office (docs/sync-protocol.md, "POST /api/v1/enroll"):
// the site manager's one-time code buys a device token, kept as sync_credentials.hpp
// says. Every failure is an EnrolmentError whose message a site manager can act on.
#include <filesystem>
#include <stdexcept>
#include <string>

#include "core/storage/database.hpp"
#include "core/storage/settings_store.hpp"
#include "core/sync/http_client.hpp"
#include "core/sync/sync_credentials.hpp"

namespace qiao::core {

class EnrolmentError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct EnrolmentRequest {
    std::string url;   // the back office: "https://office.example.org"
    std::string code;  // "7KQM-X2PA-RT9W" (case and dashes do not matter to the server)
    std::string kiosk_name;   // optional: how staff see this kiosk
    std::string app_version;  // optional
};

// Asks the back office, then stores what it answered. Throws EnrolmentError (nothing
// stored) for a refused code, no connection, or an answer that is not an enrolment.
SyncCredentials enroll(HttpClient& client, const EnrolmentRequest& request, const std::filesystem::path& data_dir,
                       SettingsStore& settings, Database& db);

}  // namespace qiao::core
