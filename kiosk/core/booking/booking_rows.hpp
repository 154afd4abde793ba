#pragma once
// The bookings table, row by row (used by BookingService only): SQL and the
// conversion of a row to a Booking. None of these opens a transaction: the service
// decides what goes together.
#include <optional>
#include <string>
#include <vector>

#include "core/booking/booking.hpp"
#include "core/storage/database.hpp"

namespace qiao::core::booking_rows {

struct NewBooking {
    const Booking& booking;
    const std::string& phone_digits;  // kept until the back office acknowledged it
    const std::string& contact_hash;
};

void insert(Database& db, const NewBooking& row);
std::optional<Booking> by_id(Database& db, const std::string& id);
// The salted hash the booking was made under; "" for an unknown id.
std::string contact_hash_of(Database& db, const std::string& id);
// Every booking made under this hash, in no particular order.
std::vector<Booking> by_contact(Database& db, const std::string& contact_hash);
// This kiosk's bookings for the slot still "requested": seats the back office has not counted yet.
int requested_for_slot(Database& db, const std::string& slot_id);
// The number holds a requested, waiting, confirmed or checked-in booking for the slot.
bool live_for_slot(Database& db, const std::string& contact_hash, const std::string& slot_id);
bool code_taken(Database& db, const std::string& code);
void set_state(Database& db, const std::string& id, BookingState state, WallTime now);
void set_decision(Database& db, const std::string& id, BookingState state, const std::string& reason,
                  const std::vector<std::string>& alternatives, WallTime now);
void forget_phone(Database& db, const std::string& id);
// The back office moved the booking to another slot: what it is for, when, and the new
// snapshot of its service name and place (details_json).
struct Move {
    const std::string& service_id;
    const std::string& slot_id;
    WallTime start, end;
    const std::string& details;
};
void move(Database& db, const std::string& id, const Move& to, WallTime now);
// The details snapshot of a booking for this service and slot, as insert() writes it.
std::string details_json(const LocalText& service_name, const LocalText& place);

}  // namespace qiao::core::booking_rows
