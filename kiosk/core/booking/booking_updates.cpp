// BookingService: what the back office decided about a booking, and the moment it has
// the booking (so the kiosk can forget the full number). Written apart from the
// senior's side of booking (booking_service.cpp): these come from the sync worker.
#include "core/booking/booking_rows.hpp"
#include "core/booking/booking_rules.hpp"
#include "core/booking/booking_service.hpp"

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

    Transaction transaction(db_);
    const auto booking = booking_rows::by_id(db_, id);
    if (!booking) bad_update("no booking \"" + id + "\" on this kiosk");
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

void BookingService::acknowledged(const std::string& booking_id) {
    booking_rows::forget_phone(db_, booking_id);
}

}  // namespace qiao::core
