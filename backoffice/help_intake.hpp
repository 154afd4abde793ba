#pragma once
// HelpIntake: help requests and the senior's "did it help?" answers as kiosks push them.
// A request keeps the deadline the kiosk promised the senior (respond_by); volunteers
// claim and resolve it through the staff endpoints (VolunteerDesk).
#include <nlohmann/json.hpp>

#include "backoffice/change_feed.hpp"
#include "backoffice/enrolment.hpp"

namespace qiao::backoffice {

// A voice message in a push is at most 60 s of Ogg Vorbis; this leaves room to spare.
inline constexpr std::size_t kMaxVoiceBytes = 1024 * 1024;

class HelpIntake {
public:
    explicit HelpIntake(core::Database& db) : db_(db) {}

    // Throws EntryRejected for a body it cannot read. Call inside a transaction.
    void file(const Caller& kiosk, const nlohmann::json& body, Clock::time_point now);
    void feedback(const Caller& kiosk, const nlohmann::json& body);

private:
    core::Database& db_;
};

}  // namespace qiao::backoffice
