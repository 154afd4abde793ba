#include "backoffice/help_intake.hpp"

#include "backoffice/entry_rejected.hpp"
#include "core/booking/wall_time.hpp"
#include "core/lessons/sodium_text.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::backoffice {

namespace {

using json = nlohmann::json;

// Used when a kiosk sent no deadline: the protocol's default of 240 minutes.
constexpr std::chrono::minutes kDefaultResponse{240};

std::vector<unsigned char> voice_of(const json& body) {
    const auto it = body.find("voice");
    if (it == body.end() || it->is_null()) return {};
    if (!it->is_object()) throw EntryRejected("bad_body", "body.voice: must be null or {format, base64}");
    if (body_text(*it, "format", 32) != "ogg-vorbis")
        throw EntryRejected("bad_body", "body.voice.format: only ogg-vorbis is taken");
    auto bytes = core::from_base64(body_text(*it, "base64", kMaxVoiceBytes * 4 / 3 + 4));
    if (!bytes) throw EntryRejected("bad_body", "body.voice.base64: not base64");
    return *bytes;
}

}  // namespace

void HelpIntake::file(const Caller& kiosk, const json& body, Clock::time_point now) {
    const std::string id = body_text(body, "id", 64);
    const std::string category = body_text(body, "category", 32);
    const std::string phone = body_optional_text(body, "phone", 32);
    const bool at_station = body_bool(body, "at_station");
    const bool urgent = body_bool(body, "urgent");
    if (phone.empty() && !at_station) throw EntryRejected("bad_body", "body.phone: missing (and not at_station)");
    std::string respond_by = body_optional_text(body, "respond_by", 40);
    if (!respond_by.empty() && !core::parse_utc_text(respond_by))
        throw EntryRejected("bad_body", "body.respond_by: not an ISO 8601 UTC time");
    if (respond_by.empty()) respond_by = core::iso8601_utc(now + kDefaultResponse);
    std::string created_at = body_optional_text(body, "created_at", 40);
    if (created_at.empty()) created_at = core::iso8601_utc(now);
    const std::vector<unsigned char> voice = voice_of(body);

    core::Statement exists(db_, "SELECT site_id FROM help_requests WHERE id = ?");
    exists.bind(1, id);
    if (exists.step()) {
        if (exists.column_text(0) != kiosk.site_id) throw EntryRejected("bad_body", "body.id: already used by another site");
        return;
    }
    exists.reset();
    core::Statement insert(db_,
                           "INSERT INTO help_requests (id, site_id, kiosk_id, category, urgent, phone, at_station, voice, "
                           "created_at, respond_by, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')");
    insert.bind(1, id).bind(2, kiosk.site_id).bind(3, kiosk.id).bind(4, category).bind(5, urgent ? 1 : 0).bind(6, phone);
    insert.bind(7, at_station ? 1 : 0);
    if (voice.empty())
        insert.bind_null(8);
    else
        insert.bind_blob(8, voice.data(), voice.size());
    insert.bind(9, created_at).bind(10, respond_by);
    insert.run();
}

void HelpIntake::feedback(const Caller& kiosk, const json& body) {
    const std::string id = body_text(body, "id", 64);
    const auto helped = body.find("helped");
    if (helped == body.end() || !helped->is_boolean()) throw EntryRejected("bad_body", "body.helped: must be true or false");
    core::Statement update(db_, "UPDATE help_requests SET helped = ? WHERE id = ? AND site_id = ? AND helped IS NULL");
    update.bind(1, helped->get<bool>() ? 1 : 0).bind(2, id).bind(3, kiosk.site_id);
    update.run();
    core::Statement exists(db_, "SELECT 1 FROM help_requests WHERE id = ? AND site_id = ?");
    exists.bind(1, id).bind(2, kiosk.site_id);
    if (!exists.step()) throw EntryRejected("unknown_subject", "no help request " + id + " was made at this site");
}

}  // namespace qiao::backoffice
