#include "backoffice/volunteer_desk.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>

#include "backoffice/api_error.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::backoffice {

namespace {

using json = nlohmann::json;

// One help request with the names behind its ids; help_row() reads these columns in order.
constexpr char kHelpColumns[] =
    "SELECT h.id, h.kiosk_id, k.name, h.category, h.urgent, h.phone, h.at_station, h.voice IS NOT NULL, "
    "h.created_at, h.respond_by, h.status, h.claimed_by, s.name, h.claimed_at, h.resolved_at, h.escalated, h.helped "
    "FROM help_requests h LEFT JOIN kiosks k ON k.id = h.kiosk_id LEFT JOIN staff s ON s.id = h.claimed_by ";

// One booking; booking_row() reads these columns in order.
constexpr char kBookingColumns[] =
    "SELECT id, code, service_id, slot_id, starts_at, ends_at, state, reason, phone, phone_masked, for_someone_else, "
    "checked_in_at, kiosk_id FROM bookings ";

// Seniors and the list see a first name only ("Wei will call you"), never a full name.
std::string first_name(const std::string& name) {
    const auto start = std::find_if_not(name.begin(), name.end(), [](unsigned char c) { return std::isspace(c); });
    const auto end = std::find_if(start, name.end(), [](unsigned char c) { return std::isspace(c); });
    return std::string(start, end);
}

json text_or_null(const core::Statement& row, int column) {
    return row.column_is_null(column) ? json(nullptr) : json(row.column_text(column));
}

json staff_member(const std::string& id, const std::string& name) { return {{"id", id}, {"first_name", first_name(name)}}; }

json help_row(const core::Statement& row) {
    return {{"id", row.column_text(0)},
            {"kiosk_id", row.column_text(1)},
            {"kiosk_name", row.column_text(2)},
            {"category", row.column_text(3)},
            {"urgent", row.column_int(4) != 0},
            {"phone", row.column_text(5)},
            {"at_station", row.column_int(6) != 0},
            {"has_voice", row.column_int(7) != 0},
            {"created_at", row.column_text(8)},
            {"respond_by", row.column_text(9)},
            {"status", row.column_text(10)},
            {"claimed_by", row.column_is_null(11) ? json(nullptr) : staff_member(row.column_text(11), row.column_text(12))},
            {"claimed_at", text_or_null(row, 13)},
            {"resolved_at", text_or_null(row, 14)},
            {"escalated", row.column_int(15) != 0},
            {"helped", row.column_is_null(16) ? json(nullptr) : json(row.column_int(16) != 0)}};
}

json booking_row(const core::Statement& row) {
    return {{"id", row.column_text(0)},          {"code", row.column_text(1)},
            {"service_id", row.column_text(2)},  {"slot_id", row.column_text(3)},
            {"starts_at", row.column_text(4)},   {"ends_at", row.column_text(5)},
            {"state", row.column_text(6)},       {"reason", row.column_text(7)},
            {"phone", row.column_text(8)},       {"phone_masked", row.column_text(9)},
            {"for_someone_else", row.column_int(10) != 0}, {"checked_in_at", text_or_null(row, 11)},
            {"kiosk_id", row.column_text(12)}};
}

bool held_by(const json& request, const Caller& staff) {
    return request["claimed_by"].is_object() && request["claimed_by"]["id"] == staff.id;
}

}  // namespace

std::string checked_staff_text(const std::string& text, const char* field, std::size_t max_characters) {
    // The JSON parser already refused text that is not UTF-8: count code points, not bytes.
    const auto characters = static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
    const bool blank = std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
    if (blank) throw bad_request(std::string(field) + " is empty: write what was done or said");
    if (characters > max_characters)
        throw bad_request(std::string(field) + " is " + std::to_string(characters) + " characters; at most " +
                          std::to_string(max_characters) + " are kept");
    return text;
}

int VolunteerDesk::escalate_overdue(Clock::time_point now) {
    // Times are compared as text: both are ISO 8601 UTC, so the order is right to the
    // second (a deadline written without milliseconds counts as .999 of its second).
    core::Statement escalate(db_,
                             "UPDATE help_requests SET escalated = 1 WHERE site_id IN (SELECT id FROM sites) "
                             "AND status = 'open' AND respond_by < ? AND escalated = 0");
    escalate.bind(1, core::iso8601_utc_ms(now));
    escalate.run();
    return sqlite3_changes(db_.handle());
}

json VolunteerDesk::help_list(const Caller& staff, HelpListFilter filter, Clock::time_point now) {
    escalate_overdue(now);
    json requests = json::array();
    core::Statement unresolved(db_, std::string(kHelpColumns) +
                                        "WHERE h.site_id = ? AND h.status != 'resolved' "
                                        "ORDER BY h.status = 'open' DESC, h.escalated DESC, h.urgent DESC, h.respond_by, "
                                        "h.created_at, h.id");
    unresolved.bind(1, staff.site_id);
    while (unresolved.step()) requests.push_back(help_row(unresolved));
    if (filter == HelpListFilter::All) {
        core::Statement resolved(db_, std::string(kHelpColumns) +
                                          "WHERE h.site_id = ? AND h.status = 'resolved' "
                                          "ORDER BY h.resolved_at DESC, h.id LIMIT ?");
        resolved.bind(1, staff.site_id).bind(2, kMaxResolvedListed);
        while (resolved.step()) requests.push_back(help_row(resolved));
    }
    for (json& request : requests) request["notes"] = notes_of(request["id"].get<std::string>());
    return requests;
}

std::vector<unsigned char> VolunteerDesk::voice(const Caller& staff, const std::string& request_id) {
    core::Statement select(db_, "SELECT voice FROM help_requests WHERE id = ? AND site_id = ?");
    select.bind(1, request_id).bind(2, staff.site_id);
    if (!select.step()) throw not_found("there is no help request " + request_id + " at this site");
    if (select.column_is_null(0)) throw not_found("help request " + request_id + " has no voice message");
    return select.column_blob(0);
}

HelpTakeResult VolunteerDesk::claim(const Caller& staff, const std::string& request_id, Clock::time_point now) {
    core::Transaction transaction(db_);
    json request = help_request(staff, request_id);
    if (!request["claimed_by"].is_null()) return {held_by(request, staff), request};
    core::Statement take(db_,
                         "UPDATE help_requests SET status = 'taken', claimed_by = ?, claimed_at = ? "
                         "WHERE id = ? AND claimed_by IS NULL");
    take.bind(1, staff.id).bind(2, core::iso8601_utc(now)).bind(3, request_id);
    take.run();
    request = help_request(staff, request_id);
    tell_kiosk(staff, request);
    transaction.commit();
    return {true, request};
}

json VolunteerDesk::add_note(const Caller& staff, const std::string& request_id, const std::string& text,
                             Clock::time_point now) {
    const std::string checked = checked_staff_text(text, "text", kMaxNoteCharacters);
    core::Transaction transaction(db_);
    help_request(staff, request_id);
    write_note(staff, request_id, checked, now);
    json request = help_request(staff, request_id);
    transaction.commit();
    return request;
}

HelpTakeResult VolunteerDesk::resolve(const Caller& staff, const std::string& request_id, const std::string& note,
                                      Clock::time_point now) {
    const std::string checked = note.empty() ? note : checked_staff_text(note, "note", kMaxNoteCharacters);
    core::Transaction transaction(db_);
    json request = help_request(staff, request_id);
    const bool may_close_others = staff.kind == Caller::Kind::Manager;
    if (request["status"] == "resolved") return {held_by(request, staff) || may_close_others, request};
    if (!request["claimed_by"].is_null() && !held_by(request, staff) && !may_close_others) return {false, request};

    if (request["claimed_by"].is_null()) {
        core::Statement take(db_, "UPDATE help_requests SET claimed_by = ?, claimed_at = ? WHERE id = ?");
        take.bind(1, staff.id).bind(2, core::iso8601_utc(now)).bind(3, request_id);
        take.run();
    }
    if (!checked.empty()) write_note(staff, request_id, checked, now);
    core::Statement close(db_, "UPDATE help_requests SET status = 'resolved', resolved_at = ? WHERE id = ?");
    close.bind(1, core::iso8601_utc(now)).bind(2, request_id);
    close.run();
    request = help_request(staff, request_id);
    tell_kiosk(staff, request);
    transaction.commit();
    return {true, request};
}

json VolunteerDesk::bookings_on(const Caller& staff, const std::string& utc_date) {
    // A UTC date for now: starts_at is stored in UTC, and its date prefix is indexed.
    core::Statement select(db_, std::string(kBookingColumns) +
                                    "WHERE site_id = ? AND starts_at GLOB ? AND state != 'declined' "
                                    "ORDER BY starts_at, received_at, rowid");
    select.bind(1, staff.site_id).bind(2, utc_date + "T*");
    json bookings = json::array();
    while (select.step()) bookings.push_back(booking_row(select));
    return bookings;
}

json VolunteerDesk::record_attendance(const Caller& staff, const std::string& booking_id, const std::string& outcome,
                                      const std::string& reason, Clock::time_point now) {
    const std::string checked = reason.empty() ? reason : checked_staff_text(reason, "reason", kMaxAttendanceReasonCharacters);
    core::Transaction transaction(db_);
    bookings_.record_attendance(staff, booking_id, outcome, checked, now);
    json answer = booking(staff, booking_id);
    transaction.commit();
    return answer;
}

RebookResult VolunteerDesk::rebook(const Caller& staff, const std::string& booking_id, const std::string& slot_id,
                                   Clock::time_point now) {
    core::Transaction transaction(db_);
    RebookResult result = bookings_.rebook(staff, booking_id, slot_id, now);
    if (result.moved) result.booking = booking(staff, booking_id);
    transaction.commit();
    return result;
}

json VolunteerDesk::help_request(const Caller& staff, const std::string& request_id) {
    core::Statement select(db_, std::string(kHelpColumns) + "WHERE h.id = ? AND h.site_id = ?");
    select.bind(1, request_id).bind(2, staff.site_id);
    if (!select.step()) throw not_found("there is no help request " + request_id + " at this site");
    json request = help_row(select);
    select.reset();
    request["notes"] = notes_of(request_id);
    return request;
}

json VolunteerDesk::notes_of(const std::string& request_id) {
    core::Statement select(db_,
                           "SELECT n.staff_id, s.name, n.text, n.at FROM help_notes n LEFT JOIN staff s ON s.id = n.staff_id "
                           "WHERE n.request_id = ? ORDER BY n.id");
    select.bind(1, request_id);
    json notes = json::array();
    while (select.step())
        notes.push_back({{"by", staff_member(select.column_text(0), select.column_text(1))},
                         {"text", select.column_text(2)},
                         {"at", select.column_text(3)}});
    return notes;
}

void VolunteerDesk::write_note(const Caller& staff, const std::string& request_id, const std::string& text,
                               Clock::time_point now) {
    core::Statement insert(db_, "INSERT INTO help_notes (request_id, staff_id, text, at) VALUES (?, ?, ?, ?)");
    insert.bind(1, request_id).bind(2, staff.id).bind(3, text).bind(4, core::iso8601_utc(now));
    insert.run();
}

void VolunteerDesk::tell_kiosk(const Caller& staff, const json& request) {
    json change = {{"kind", "help"}, {"id", request["id"]}, {"status", request["status"]}};
    if (request["claimed_by"].is_object()) change["volunteer_first_name"] = request["claimed_by"]["first_name"];
    feed_.publish(staff.site_id, request["kiosk_id"].get<std::string>(), "help", request["id"].get<std::string>(), change);
}

json VolunteerDesk::booking(const Caller& staff, const std::string& booking_id) {
    core::Statement select(db_, std::string(kBookingColumns) + "WHERE id = ? AND site_id = ?");
    select.bind(1, booking_id).bind(2, staff.site_id);
    if (!select.step()) throw not_found("there is no booking " + booking_id + " at this site");
    return booking_row(select);
}

}  // namespace qiao::backoffice
