#include "backoffice/entry_intake.hpp"

#include <algorithm>

#include "backoffice/api_error.hpp"
#include "backoffice/entry_rejected.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::backoffice {

namespace {

using json = nlohmann::json;

bool client_id(const json& id) {
    if (!id.is_string()) return false;
    const std::string& text = id.get_ref<const std::string&>();
    return text.size() == 32 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// The answer an id got before, if it was seen.
std::optional<json> earlier_result(core::Database& db, const std::string& id) {
    core::Statement select(db, "SELECT status, reason, message FROM received_entries WHERE id = ?");
    select.bind(1, id);
    if (!select.step()) return std::nullopt;
    json result = {{"id", id}, {"status", select.column_text(0)}};
    if (result["status"] == "accepted")
        result["already_had"] = true;
    else
        result["reason"] = select.column_text(1), result["message"] = select.column_text(2);
    return result;
}

void remember(core::Database& db, const std::string& id, const Caller& kiosk, const std::string& kind, const json& result,
              Clock::time_point now) {
    core::Statement insert(db,
                           "INSERT INTO received_entries (id, kiosk_id, kind, status, reason, message, received_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, id).bind(2, kiosk.id).bind(3, kind.substr(0, 64)).bind(4, result["status"].get<std::string>());
    insert.bind(5, result.value("reason", "")).bind(6, result.value("message", "")).bind(7, core::iso8601_utc_ms(now));
    insert.run();
}

void record_lesson_completion(core::Database& db, const Caller& kiosk, const std::string& entry_id, const json& body) {
    core::Statement insert(db,
                           "INSERT INTO lesson_completions (entry_id, site_id, kiosk_id, lesson_id, pack_id, pack_version, "
                           "language, learner, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, entry_id).bind(2, kiosk.site_id).bind(3, kiosk.id).bind(4, body_text(body, "lesson_id", 128));
    insert.bind(5, body_text(body, "pack_id", 128)).bind(6, body_text(body, "pack_version", 32));
    insert.bind(7, body_optional_text(body, "language", 16)).bind(8, body_text(body, "learner", 128));
    insert.bind(9, body_text(body, "completed_at", 40));
    insert.run();
}

}  // namespace

json EntryIntake::push(const Caller& kiosk, const json& request, Clock::time_point now) {
    if (!request.is_object()) throw bad_request("the push must be a JSON object {\"protocol\": 1, \"entries\": [...]}");
    const auto entries = request.find("entries");
    if (entries == request.end() || !entries->is_array()) throw bad_request("\"entries\" must be a list of outbox entries");
    if (entries->size() > kMaxEntriesPerPush)
        throw ApiError(413, "payload_too_large",
                       "at most " + std::to_string(kMaxEntriesPerPush) + " entries per push (found " +
                           std::to_string(entries->size()) + ")");
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const json& entry = (*entries)[i];
        if (!entry.is_object() || !client_id(entry.value("id", json())))
            throw bad_request("entries[" + std::to_string(i) + "].id must be 32 lowercase hex digits");
    }

    json results = json::array();
    core::Transaction transaction(db_);
    for (const json& entry : *entries) {
        const std::string id = entry["id"];
        if (auto earlier = earlier_result(db_, id)) {
            results.push_back(*earlier);
            continue;
        }
        const json kind = entry.value("kind", json());
        const std::string kind_text = kind.is_string() ? kind.get<std::string>() : std::string();
        json result = {{"id", id}, {"status", "accepted"}};
        db_.exec("SAVEPOINT entry");
        try {
            const json body = entry.value("body", json());
            if (!body.is_object()) throw EntryRejected("bad_body", "body: must be a JSON object");
            apply(kiosk, id, kind_text, body, now);
            db_.exec("RELEASE entry");
        } catch (const EntryRejected& rejected) {
            db_.exec("ROLLBACK TO entry; RELEASE entry");
            result = {{"id", id}, {"status", "rejected"}, {"reason", rejected.reason()}, {"message", rejected.what()}};
        }
        remember(db_, id, kiosk, kind_text, result, now);
        results.push_back(result);
    }
    transaction.commit();
    return {{"protocol", 1}, {"results", results}};
}

void EntryIntake::apply(const Caller& kiosk, const std::string& entry_id, const std::string& kind, const json& body,
                        Clock::time_point now) {
    if (kind == "booking_request")
        bookings_.take(kiosk, body, false, now);
    else if (kind == "booking_waitlist")
        bookings_.take(kiosk, body, true, now);
    else if (kind == "booking_cancel")
        bookings_.cancel(kiosk, body, now);
    else if (kind == "booking_check_in")
        bookings_.check_in(kiosk, body, now);
    else if (kind == "help_request")
        help_.file(kiosk, body, now);
    else if (kind == "help_feedback")
        help_.feedback(kiosk, body);
    else if (kind == "lesson_completed")
        record_lesson_completion(db_, kiosk, entry_id, body);
    else if (kind == "hours_served")
        hours_.take(kiosk, entry_id, body, now);
    else if (kind == "class_held")
        classes_.take(kiosk, entry_id, body, now);
    else
        throw EntryRejected("unknown_kind", "this back office does not take \"" + kind.substr(0, 64) + "\" entries");
}

}  // namespace qiao::backoffice
