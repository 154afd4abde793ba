#include "backoffice/booking_desk.hpp"

#include "backoffice/api_error.hpp"
#include "backoffice/entry_rejected.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::backoffice {

namespace {

using json = nlohmann::json;

// How far ahead other times are looked for when a slot is full.
constexpr int kAlternativeDays = 14;
constexpr std::size_t kAlternatives = 2;

struct StoredBooking {
    std::string site_id, kiosk_id, state, slot_id;
};

std::optional<StoredBooking> stored(core::Database& db, const std::string& id) {
    core::Statement select(db, "SELECT site_id, kiosk_id, state, slot_id FROM bookings WHERE id = ?");
    select.bind(1, id);
    if (!select.step()) return std::nullopt;
    return StoredBooking{select.column_text(0), select.column_text(1), select.column_text(2), select.column_text(3)};
}

// A booking named by an entry: it must be one of this site's.
StoredBooking named_booking(core::Database& db, const Caller& kiosk, const std::string& id) {
    auto booking = stored(db, id);
    if (!booking || booking->site_id != kiosk.site_id)
        throw EntryRejected("unknown_subject", "no booking " + id + " was made at this site");
    return *booking;
}

// Where a booking staff moved now is; nullopt for one never moved.
std::optional<json> moved_to(core::Database& db, const std::string& id) {
    core::Statement select(db,
                           "SELECT service_id, slot_id, starts_at, ends_at FROM bookings WHERE id = ? AND moved_at IS NOT NULL");
    select.bind(1, id);
    if (!select.step()) return std::nullopt;
    return json{{"service_id", select.column_text(0)},
                {"slot_id", select.column_text(1)},
                {"starts_at", select.column_text(2)},
                {"ends_at", select.column_text(3)}};
}

}  // namespace

int BookingDesk::seats_taken(const std::string& site_id, const std::string& slot_id) const {
    core::Statement count(db_,
                          "SELECT COUNT(*) FROM bookings WHERE site_id = ? AND slot_id = ? "
                          "AND state IN ('confirmed', 'checked_in', 'attended', 'no_show')");
    count.bind(1, site_id).bind(2, slot_id);
    count.step();
    return static_cast<int>(count.column_int(0));
}

void BookingDesk::take(const Caller& kiosk, const json& body, bool waitlist, Clock::time_point now) {
    const std::string id = body_text(body, "id", 64);
    const std::string code = body_text(body, "code", 16);
    const std::string slot_id = body_text(body, "slot_id", 128);
    const std::string phone = body_text(body, "phone", 32);
    const std::string phone_masked = body_optional_text(body, "phone_masked", 32);
    const std::string created_at = body_optional_text(body, "created_at", 40);
    std::string service_id = body_text(body, "service_id", 128);
    std::string starts_at = body_text(body, "starts_at", 40);
    std::string ends_at = body_text(body, "ends_at", 40);
    const bool for_someone_else = body_bool(body, "for_someone_else");
    if (auto existing = stored(db_, id)) {
        if (existing->site_id != kiosk.site_id) throw EntryRejected("bad_body", "body.id: already used by another site");
        return;  // the same booking under a new entry id: it was decided already
    }

    const core::Schedule* schedule = timetables_.of(kiosk.site_id);
    const core::Slot* slot = schedule ? schedule->slot(slot_id, now) : nullptr;
    std::string state = "confirmed", reason;
    json others = json::array();
    if (!slot) {
        state = "declined", reason = "slot_unknown";
    } else {
        service_id = slot->service_id;
        starts_at = core::iso8601_utc(slot->start);
        ends_at = core::iso8601_utc(slot->end);
        if (slot->start <= now) {
            state = "declined", reason = "slot_past";
        } else if (seats_taken(kiosk.site_id, slot_id) >= slot->capacity) {
            if (waitlist) {
                state = "waiting";
            } else {
                state = "declined", reason = "slot_full";
                others = alternatives(*schedule, *slot, kiosk.site_id, now);
            }
        }
    }

    core::Statement insert(db_,
                           "INSERT INTO bookings (id, site_id, kiosk_id, code, service_id, slot_id, starts_at, ends_at, "
                           "phone, phone_masked, for_someone_else, state, reason, created_at, received_at, decided_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const std::string received = core::iso8601_utc_ms(now);
    insert.bind(1, id).bind(2, kiosk.site_id).bind(3, kiosk.id).bind(4, code).bind(5, service_id).bind(6, slot_id);
    insert.bind(7, starts_at).bind(8, ends_at).bind(9, phone).bind(10, phone_masked).bind(11, for_someone_else ? 1 : 0);
    insert.bind(12, state).bind(13, reason).bind(14, created_at.empty() ? received : created_at).bind(15, received).bind(16, received);
    insert.run();
    decide(id, kiosk.id, kiosk.site_id, state, reason, others, now);
}

void BookingDesk::cancel(const Caller& kiosk, const json& body, Clock::time_point now) {
    const std::string id = body_text(body, "id", 64);
    const StoredBooking booking = named_booking(db_, kiosk, id);
    if (booking.state == "cancelled") return;
    decide(id, booking.kiosk_id, booking.site_id, "cancelled", "", json::array(), now);
    if (booking.state == "confirmed") offer_freed_seat(booking.site_id, booking.slot_id, now);
}

void BookingDesk::check_in(const Caller& kiosk, const json& body, Clock::time_point now) {
    const std::string id = body_text(body, "id", 64);
    const StoredBooking booking = named_booking(db_, kiosk, id);
    core::Statement update(db_,
                           "UPDATE bookings SET checked_in_at = ?, "
                           "state = CASE WHEN state = 'confirmed' THEN 'checked_in' ELSE state END WHERE id = ?");
    const std::string at = body_optional_text(body, "checked_in_at", 40);
    update.bind(1, at.empty() ? core::iso8601_utc(now) : at).bind(2, id);
    update.run();
}

void BookingDesk::record_attendance(const Caller& staff, const std::string& booking_id, const std::string& outcome,
                                    const std::string& reason, Clock::time_point now) {
    if (outcome != "attended" && outcome != "no_show")
        throw bad_request("outcome is attended or no_show (found \"" + outcome + "\")");
    const auto booking = stored(db_, booking_id);
    if (!booking || booking->site_id != staff.site_id) throw not_found("there is no booking " + booking_id + " at this site");
    if (booking->state != "confirmed" && booking->state != "checked_in" && booking->state != "attended" &&
        booking->state != "no_show")
        throw ApiError(409, "conflict", "booking " + booking_id + " is " + booking->state + ", not confirmed");
    decide(booking_id, booking->kiosk_id, booking->site_id, outcome, reason, json::array(), now);
}

std::string BookingDesk::attend_class(const std::string& site_id, const std::string& booking_id, Clock::time_point now) {
    const auto booking = stored(db_, booking_id);
    if (!booking || booking->site_id != site_id) return {};
    if (booking->state != "confirmed" && booking->state != "checked_in") return booking->state;
    decide(booking_id, booking->kiosk_id, site_id, "attended", "", json::array(), now);
    return "attended";
}

RebookResult BookingDesk::rebook(const Caller& staff, const std::string& booking_id, const std::string& slot_id,
                                 Clock::time_point now) {
    const auto booking = stored(db_, booking_id);
    if (!booking || booking->site_id != staff.site_id) throw not_found("there is no booking " + booking_id + " at this site");
    const bool holds_seat = booking->state == "confirmed" || booking->state == "checked_in";
    if (!holds_seat && booking->state != "waiting")
        throw ApiError(409, "conflict",
                       "booking " + booking_id + " is " + booking->state +
                           "; only a confirmed, checked-in or waiting booking can be moved");
    const core::Schedule* schedule = timetables_.of(staff.site_id);
    const core::Slot* slot = schedule ? schedule->slot(slot_id, now) : nullptr;
    if (!slot) throw bad_request("there is no open slot \"" + slot_id + "\" in this site's timetable");
    if (slot->start <= now) throw bad_request("slot " + slot_id + " has already begun; choose a later one");
    if (holds_seat && slot_id == booking->slot_id) return {true};
    if (seats_taken(staff.site_id, slot_id) >= slot->capacity)
        return {false, json(), alternatives(*schedule, *slot, staff.site_id, now)};

    core::Statement move(db_,
                         "UPDATE bookings SET service_id = ?, slot_id = ?, starts_at = ?, ends_at = ?, checked_in_at = NULL, "
                         "moved_at = ? WHERE id = ?");
    move.bind(1, slot->service_id).bind(2, slot_id).bind(3, core::iso8601_utc(slot->start)).bind(4, core::iso8601_utc(slot->end));
    move.bind(5, core::iso8601_utc_ms(now)).bind(6, booking_id);
    move.run();
    decide(booking_id, booking->kiosk_id, staff.site_id, "confirmed", "", json::array(), now);
    if (holds_seat) offer_freed_seat(staff.site_id, booking->slot_id, now);
    return {true};
}

void BookingDesk::decide(const std::string& booking_id, const std::string& kiosk_id, const std::string& site_id,
                         const std::string& state, const std::string& reason, const json& alternatives,
                         Clock::time_point now) {
    core::Statement update(db_, "UPDATE bookings SET state = ?, reason = ?, decided_at = ? WHERE id = ?");
    update.bind(1, state).bind(2, reason).bind(3, core::iso8601_utc_ms(now)).bind(4, booking_id);
    update.run();
    json change = {{"kind", "booking"}, {"id", booking_id}, {"state", state}};
    if (!reason.empty()) change["reason"] = reason;
    // Only the latest change of a booking is kept: once it was moved, every later change
    // says where it is now, or a kiosk that missed the move would never hear of it.
    if (auto moved = moved_to(db_, booking_id)) change["moved_to"] = *moved;
    if (!alternatives.empty()) change["alternatives"] = alternatives;
    feed_.publish(site_id, kiosk_id, "booking", booking_id, change);
}

void BookingDesk::offer_freed_seat(const std::string& site_id, const std::string& slot_id, Clock::time_point now) {
    const core::Schedule* schedule = timetables_.of(site_id);
    const core::Slot* slot = schedule ? schedule->slot(slot_id, now) : nullptr;
    if (!slot || slot->start <= now || seats_taken(site_id, slot_id) >= slot->capacity) return;
    core::Statement next(db_,
                         "SELECT id, kiosk_id FROM bookings WHERE site_id = ? AND slot_id = ? AND state = 'waiting' "
                         "ORDER BY received_at, rowid LIMIT 1");
    next.bind(1, site_id).bind(2, slot_id);
    if (!next.step()) return;
    const std::string id = next.column_text(0), kiosk_id = next.column_text(1);
    next.reset();
    decide(id, kiosk_id, site_id, "confirmed", "", json::array(), now);
}

json BookingDesk::alternatives(const core::Schedule& schedule, const core::Slot& slot, const std::string& site_id,
                               Clock::time_point now) const {
    json ids = json::array();
    const core::LocalDate first = schedule.local_date(slot.start);
    for (int day = 0; day <= kAlternativeDays && ids.size() < kAlternatives; ++day) {
        for (const core::Slot& other : schedule.slots_on(slot.service_id, core::add_days(first, day))) {
            if (other.start <= slot.start || other.start <= now) continue;
            if (seats_taken(site_id, other.id) >= other.capacity) continue;
            ids.push_back(other.id);
            if (ids.size() == kAlternatives) break;
        }
    }
    return ids;
}

}  // namespace qiao::backoffice
