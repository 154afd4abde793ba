// BookingService: what the back office decided about a booking, and the moment it has
// the booking (so the kiosk can forget the full number). Written apart from the
// senior's side of booking (booking_service.cpp): these come from the sync worker.
#include "core/booking/booking_rows.hpp"
#include "core/booking/booking_rules.hpp"
#include "core/booking/booking_service.hpp"

#include <optional>

#include "core/booking/wall_time.hpp"

namespace qiao::core {

namespace {

using json = nlohmann::json;

[[noreturn]] void bad_update(const std::string& why) {
    throw BookingError(BookingError::Reason::BadUpdate, "booking update refused: " + why);
}

// A text field of the update: absent is "", anything but text is refused.
std::string text_field(const json& update, const char* name, bool required) {
    const auto it = update.find(name);
    if (it == update.end()) {
        if (required) bad_update(std::string("it has no \"") + name + "\"");
        return std::string();
    }
    if (!it->is_string()) bad_update(std::string("\"") + name + "\" is not text");
    return it->get<std::string>();
}

std::vector<std::string> alternatives_field(const json& update) {
    std::vector<std::string> ids;
    const auto it = update.find("alternatives");
    if (it == update.end() || it->is_null()) return ids;
    if (!it->is_array()) bad_update("\"alternatives\" is not a list");
    for (const json& id : *it) {
        if (!id.is_string()) bad_update("\"alternatives\" holds something that is not a slot id");
        ids.push_back(id.get<std::string>());
    }
    return ids;
}

// "moved_to": the back office moved the booking to another slot (a rebook by staff).
struct MovedTo {
    std::string service_id, slot_id;
    WallTime start, end;
};

std::optional<MovedTo> moved_to_field(const json& update) {
    const auto it = update.find("moved_to");
    if (it == update.end() || it->is_null()) return std::nullopt;
    if (!it->is_object()) bad_update("\"moved_to\" is not an object");
    MovedTo to;
    to.service_id = text_field(*it, "service_id", true);
    to.slot_id = text_field(*it, "slot_id", true);
    if (to.service_id.empty() || to.slot_id.empty()) bad_update("\"moved_to\" has an empty service or slot id");
    const auto start = parse_utc_text(text_field(*it, "starts_at", true));
    const auto end = parse_utc_text(text_field(*it, "ends_at", true));
    if (!start || !end) bad_update("\"moved_to\" has a start or end that is not an ISO 8601 UTC time");
    if (*end <= *start) bad_update("\"moved_to\" ends before it starts");
    to.start = *start;
    to.end = *end;
    return to;
}

}  // namespace

void BookingService::apply_update(const json& update, WallTime now) {
    // Everything is read and checked before anything is written.
    if (!update.is_object()) bad_update("it is not a JSON object");
    if (text_field(update, "kind", true) != "booking") bad_update("its kind is not \"booking\"");
    const std::string id = text_field(update, "id", true);
    const std::string state_name = text_field(update, "state", true);
    const std::string reason = text_field(update, "reason", false);
    const std::vector<std::string> alternatives = alternatives_field(update);
    BookingState state;
    try {
        state = parse_booking_state(state_name);
    } catch (const BookingError&) {
        bad_update("unknown state \"" + state_name + "\"");
    }
    if (state == BookingState::CheckedIn) bad_update("checking in happens at the kiosk, not in the back office");
    const std::optional<MovedTo> moved = moved_to_field(update);
    if (moved && state != BookingState::Confirmed) bad_update("a booking moved to another slot is confirmed, not " + state_name);

    Transaction transaction(db_);
    const auto booking = booking_rows::by_id(db_, id);
    if (!booking) bad_update("no booking \"" + id + "\" on this kiosk");
    if (moved) {
        apply_move(*booking, moved->service_id, moved->slot_id, moved->start, moved->end, reason, now);
        transaction.commit();
        return;
    }
    // The back office had not seen the check-in when it confirmed: nothing to change.
    if (booking->state == BookingState::CheckedIn &&
        (state == BookingState::Confirmed || state == BookingState::Requested))
        return;
    if (!update_allowed(booking->state, state)) {
        bad_update("booking " + booking->code + " cannot go from " + std::string(to_string(booking->state)) + " to " +
                   state_name);
    }
    booking_rows::set_decision(db_, id, state, reason, alternatives, now);
    transaction.commit();
}

void BookingService::apply_move(const Booking& booking, const std::string& service_id, const std::string& slot_id,
                                WallTime start, WallTime end, const std::string& reason, WallTime now) {
    // The back office moves a requested, waiting, confirmed or checked-in booking; one
    // checked in for the old time must check in again at the new one.
    const bool movable = booking.state == BookingState::Requested || booking.state == BookingState::Waiting ||
                         booking.state == BookingState::Confirmed || booking.state == BookingState::CheckedIn;
    if (!movable)
        bad_update("booking " + booking.code + " is " + std::string(to_string(booking.state)) + " and cannot be moved");
    // The snapshot it shows: the timetable's words for the new service and slot where this
    // kiosk's timetable knows them, else what it showed before.
    LocalText service_name = booking.service_name;
    LocalText place = booking.place;
    if (schedule_) {
        if (const Service* service = schedule_->service(service_id)) service_name = service->name;
        if (const Slot* slot = schedule_->slot(slot_id, now); slot != nullptr && slot->service_id == service_id)
            place = slot->place;
    }
    const std::string details = booking_rows::details_json(service_name, place);
    booking_rows::move(db_, booking.id, {service_id, slot_id, start, end, details}, now);
    booking_rows::set_decision(db_, booking.id, BookingState::Confirmed, reason, {}, now);
}

void BookingService::acknowledged(const std::string& booking_id) {
    booking_rows::forget_phone(db_, booking_id);
}

}  // namespace qiao::core
