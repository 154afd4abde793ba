#include "backoffice/class_intake.hpp"

#include <set>

#include "backoffice/entry_rejected.hpp"
#include "core/booking/wall_time.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::backoffice {

namespace {

using json = nlohmann::json;

core::WallTime body_time(const json& body, const char* name) {
    const auto time = core::parse_utc_text(body_text(body, name, 40));
    if (!time) throw EntryRejected("bad_body", std::string("body.") + name + ": not an ISO 8601 UTC time");
    return *time;
}

// A list of ids, each text of 1..max_size bytes, in the order given without repeats.
std::vector<std::string> body_ids(const json& body, const char* name, std::size_t max_size) {
    const auto it = body.find(name);
    if (it == body.end() || !it->is_array())
        throw EntryRejected("bad_body", std::string("body.") + name + ": must be a list (empty when none)");
    if (it->size() > kMaxClassAttendees)
        throw EntryRejected("bad_body", std::string("body.") + name + ": more than " +
                                            std::to_string(kMaxClassAttendees) + " people");
    std::vector<std::string> ids;
    std::set<std::string> seen;
    for (const json& id : *it) {
        if (!id.is_string() || id.get_ref<const std::string&>().empty() || id.get_ref<const std::string&>().size() > max_size)
            throw EntryRejected("bad_body", std::string("body.") + name + ": each must be text of 1 to " +
                                                std::to_string(max_size) + " bytes");
        if (seen.insert(id.get<std::string>()).second) ids.push_back(id.get<std::string>());
    }
    return ids;
}

}  // namespace

void ClassIntake::take(const Caller& kiosk, const std::string& entry_id, const json& body, Clock::time_point now) {
    const std::string class_id = body_text(body, "id", 64);
    const std::string staff_id = body_text(body, "staff_id", 64);
    body_text(body, "pack_id", 128);
    body_text(body, "lesson_id", 128);
    body_text(body, "pack_version", 32);
    body_optional_text(body, "language", 16);
    if (body_time(body, "ended_at") < body_time(body, "started_at"))
        throw EntryRejected("bad_body", "body.ended_at: before started_at");
    const std::vector<std::string> bookings = body_ids(body, "attended_bookings", 64);
    const std::vector<std::string> learners = body_ids(body, "learners", 128);
    const auto volunteer = roster_.member(staff_id);
    if (!volunteer || volunteer->site_id != kiosk.site_id)
        throw EntryRejected("unknown_subject", "no staff member " + staff_id + " at this site");

    core::Statement earlier(db_, "SELECT site_id FROM classes WHERE class_id = ?");
    earlier.bind(1, class_id);
    if (earlier.step()) {
        if (earlier.column_text(0) != kiosk.site_id) throw EntryRejected("bad_body", "body.id: already used by another site");
        return;  // the same class under a new entry id: it was recorded already
    }
    earlier.reset();

    // Completions are keyed by the entry and the learner, so each is counted once.
    int attended = 0, left = 0;
    for (const std::string& booking_id : bookings) {
        if (bookings_.attend_class(kiosk.site_id, booking_id, now) != "attended") {
            ++left;  // unknown, or cancelled, waiting, a no-show: left as it is
            continue;
        }
        ++attended;
        complete(kiosk, entry_id + "/booking:" + booking_id, body, "booking:" + booking_id);
    }
    for (const std::string& learner : learners) complete(kiosk, entry_id + "/" + learner, body, learner);

    core::Statement insert(db_,
                           "INSERT INTO classes (entry_id, class_id, site_id, kiosk_id, staff_id, pack_id, lesson_id, "
                           "pack_version, language, started_at, ended_at, attended, walk_ins, bookings_left) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, entry_id).bind(2, class_id).bind(3, kiosk.site_id).bind(4, kiosk.id).bind(5, staff_id);
    insert.bind(6, body["pack_id"].get<std::string>()).bind(7, body["lesson_id"].get<std::string>());
    insert.bind(8, body["pack_version"].get<std::string>()).bind(9, body_optional_text(body, "language", 16));
    insert.bind(10, body["started_at"].get<std::string>()).bind(11, body["ended_at"].get<std::string>());
    insert.bind(12, attended).bind(13, static_cast<std::int64_t>(learners.size())).bind(14, left);
    insert.run();
}

void ClassIntake::complete(const Caller& kiosk, const std::string& completion_id, const json& body,
                           const std::string& learner) {
    core::Statement insert(db_,
                           "INSERT OR IGNORE INTO lesson_completions (entry_id, site_id, kiosk_id, lesson_id, pack_id, "
                           "pack_version, language, learner, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, completion_id).bind(2, kiosk.site_id).bind(3, kiosk.id).bind(4, body["lesson_id"].get<std::string>());
    insert.bind(5, body["pack_id"].get<std::string>()).bind(6, body["pack_version"].get<std::string>());
    insert.bind(7, body_optional_text(body, "language", 16)).bind(8, learner);
    insert.bind(9, body["ended_at"].get<std::string>());
    insert.run();
}

}  // namespace qiao::backoffice
