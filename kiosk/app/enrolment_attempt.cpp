#include "app/enrolment_attempt.hpp"

#include "core/storage/local_store.hpp"
#include "core/storage/settings_store.hpp"
#include "core/sync/http_client.hpp"

namespace qiao::app {

EnrolmentAttempt::EnrolmentAttempt(std::filesystem::path data_dir, core::EnrolmentRequest request, std::string ca_file, core::Log& log,
                                   std::function<void()> on_done) {
    thread_ = std::thread([this, data_dir = std::move(data_dir), request = std::move(request), ca_file = std::move(ca_file), &log,
                           on_done = std::move(on_done)] {
        EnrolmentOutcome result;
        try {
            core::LocalStore store = core::LocalStore::open_in(data_dir, log);
            core::SettingsStore settings(store.db());
            core::HttpOptions http;
            http.ca_file = ca_file;
            http.user_agent = std::string("qiao-kiosk/") + QIAO_VERSION;
            http.should_stop = [this] { return stopping_.load(); };
            core::HttpClient client(http);
            const core::SyncCredentials enrolled = core::enroll(client, request, data_dir, settings, store.db());
            result.enrolled = true;
            result.site_name = enrolled.site_name;
            log.info("enrolled from the staff screen: kiosk " + enrolled.kiosk_id + " at " + enrolled.site_name + ", " + enrolled.url);
        } catch (const std::exception& e) {
            result.message = e.what();
            log.warning(std::string("enrolling from the staff screen failed: ") + e.what());
        }
        {
            const std::lock_guard lock(mutex_);
            outcome_ = std::move(result);
        }
        if (on_done) on_done();
    });
}

EnrolmentAttempt::~EnrolmentAttempt() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
}

std::optional<EnrolmentOutcome> EnrolmentAttempt::outcome() const {
    const std::lock_guard lock(mutex_);
    return outcome_;
}

}  // namespace qiao::app
