#include "core/booking/booking_rows.hpp"

#include <nlohmann/json.hpp>

#include "core/time/utc_time.hpp"

namespace qiao::core::booking_rows {

namespace {

using json = nlohmann::json;

static constexpr char kColumns[] =
    "id, code, service_id, slot_id, starts_at, ends_at, details, state, contact_masked, for_someone_else, "
    "decline_reason, alternatives, created_at";
static constexpr char kInsertSql[] =
    "INSERT INTO bookings (id, code, service_id, slot_id, starts_at, ends_at, details, state, contact_phone, "
    "contact_masked, contact_hash, for_someone_else, decline_reason, alternatives, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '[]', ?, ?)";
static constexpr char kHashSql[] = "SELECT contact_hash FROM bookings WHERE id = ?";
static constexpr char kRequestedSql[] = "SELECT COUNT(*) FROM bookings WHERE slot_id = ? AND state = 'requested'";
static constexpr char kLiveSql[] =
    "SELECT COUNT(*) FROM bookings WHERE contact_hash = ? AND slot_id = ? "
    "AND state IN ('requested', 'waiting', 'confirmed', 'checked_in')";
static constexpr char kCodeSql[] = "SELECT COUNT(*) FROM bookings WHERE code = ?";
static constexpr char kStateSql[] = "UPDATE bookings SET state = ?, updated_at = ? WHERE id = ?";
static constexpr char kDecisionSql[] =
    "UPDATE bookings SET state = ?, decline_reason = ?, alternatives = ?, updated_at = ? WHERE id = ?";
static constexpr char kForgetSql[] = "UPDATE bookings SET contact_phone = '' WHERE id = ?";
static constexpr char kMoveSql[] =
    "UPDATE bookings SET service_id = ?, slot_id = ?, starts_at = ?, ends_at = ?, "
    "details = ?, updated_at = ? WHERE id = ?";

json words_json(const LocalText& text) { return json(text.by_language); }

LocalText words_from(const json& value) {
    LocalText text;
    if (!value.is_object()) return text;
    for (const auto& [language, words] : value.items()) {
        if (words.is_string()) text.by_language[language] = words.get<std::string>();
    }
    return text;
}

WallTime stored_time(const std::string& text) {
    // Written by this file from a WallTime, so it reads; a damaged value shows as 1970
    // rather than hiding the booking.
    return parse_utc_text(text).value_or(WallTime{});
}

// Written by insert() and set_decision() as JSON; a damaged value reads as empty.
json stored_json(const std::string& text) {
    return json::parse(text, nullptr, /*allow_exceptions=*/false);
}

Booking read_row(const Statement& row) {
    Booking booking;
    booking.id = row.column_text(0);
    booking.code = row.column_text(1);
    booking.service_id = row.column_text(2);
    booking.slot_id = row.column_text(3);
    booking.start = stored_time(row.column_text(4));
    booking.end = stored_time(row.column_text(5));
    const json details = stored_json(row.column_text(6));
    if (details.is_object()) {
        booking.service_name = words_from(details.value("service_name", json::object()));
        booking.place = words_from(details.value("place", json::object()));
    }
    booking.state = parse_booking_state(row.column_text(7));
    booking.contact_masked = row.column_text(8);
    booking.for_someone_else = row.column_int(9) != 0;
    booking.decline_reason = row.column_text(10);
    const json alternatives = stored_json(row.column_text(11));
    if (alternatives.is_array()) {
        for (const json& id : alternatives) {
            if (id.is_string()) booking.alternative_slot_ids.push_back(id.get<std::string>());
        }
    }
    booking.created_at = stored_time(row.column_text(12));
    return booking;
}

std::int64_t count(Statement& statement) {
    statement.step();
    return statement.column_int(0);
}

}  // namespace

void insert(Database& db, const NewBooking& row) {
    const Booking& b = row.booking;
    const std::string details = details_json(b.service_name, b.place);
    const std::string created = iso8601_utc(b.created_at);
    Statement statement(db, kInsertSql);
    statement.bind(1, b.id)
        .bind(2, b.code)
        .bind(3, b.service_id)
        .bind(4, b.slot_id)
        .bind(5, iso8601_utc(b.start))
        .bind(6, iso8601_utc(b.end))
        .bind(7, details)
        .bind(8, to_string(b.state))
        .bind(9, row.phone_digits)
        .bind(10, b.contact_masked)
        .bind(11, row.contact_hash)
        .bind(12, b.for_someone_else ? 1 : 0)
        .bind(13, created)
        .bind(14, created);
    statement.run();
}

std::optional<Booking> by_id(Database& db, const std::string& id) {
    Statement statement(db, std::string("SELECT ") + kColumns + " FROM bookings WHERE id = ?");
    statement.bind(1, id);
    if (!statement.step()) return std::nullopt;
    return read_row(statement);
}

std::string contact_hash_of(Database& db, const std::string& id) {
    Statement statement(db, kHashSql);
    statement.bind(1, id);
    return statement.step() ? statement.column_text(0) : std::string();
}

std::vector<Booking> by_contact(Database& db, const std::string& contact_hash) {
    std::vector<Booking> bookings;
    Statement statement(db, std::string("SELECT ") + kColumns + " FROM bookings WHERE contact_hash = ?");
    statement.bind(1, contact_hash);
    while (statement.step()) bookings.push_back(read_row(statement));
    return bookings;
}

int requested_for_slot(Database& db, const std::string& slot_id) {
    Statement statement(db, kRequestedSql);
    statement.bind(1, slot_id);
    return static_cast<int>(count(statement));
}

bool live_for_slot(Database& db, const std::string& contact_hash, const std::string& slot_id) {
    Statement statement(db, kLiveSql);
    statement.bind(1, contact_hash).bind(2, slot_id);
    return count(statement) > 0;
}

bool code_taken(Database& db, const std::string& code) {
    Statement statement(db, kCodeSql);
    statement.bind(1, code);
    return count(statement) > 0;
}

void set_state(Database& db, const std::string& id, BookingState state, WallTime now) {
    Statement statement(db, kStateSql);
    statement.bind(1, to_string(state)).bind(2, iso8601_utc(now)).bind(3, id);
    statement.run();
}

void set_decision(Database& db, const std::string& id, BookingState state, const std::string& reason,
                  const std::vector<std::string>& alternatives, WallTime now) {
    Statement statement(db, kDecisionSql);
    statement.bind(1, to_string(state)).bind(2, reason).bind(3, json(alternatives).dump()).bind(4, iso8601_utc(now)).bind(5, id);
    statement.run();
}

std::string details_json(const LocalText& service_name, const LocalText& place) {
    return json{{"service_name", words_json(service_name)}, {"place", words_json(place)}}.dump();
}

void move(Database& db, const std::string& id, const Move& to, WallTime now) {
    Statement statement(db, kMoveSql);
    statement.bind(1, to.service_id).bind(2, to.slot_id).bind(3, iso8601_utc(to.start)).bind(4, iso8601_utc(to.end));
    statement.bind(5, to.details).bind(6, iso8601_utc(now)).bind(7, id);
    statement.run();
}

void forget_phone(Database& db, const std::string& id) {
    Statement statement(db, kForgetSql);
    statement.bind(1, id);
    statement.run();
}

}  // namespace qiao::core::booking_rows
