#include "core/booking/booking_service.hpp"

#include <algorithm>

#include "core/booking/booking_rows.hpp"
#include "core/booking/booking_rules.hpp"
#include "core/identity/learner_salt.hpp"
#include "core/identity/phone_number.hpp"
#include "core/storage/settings_store.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::core {

namespace {

using Reason = BookingError::Reason;

static constexpr char kStoredScheduleSql[] = "SELECT source, body FROM schedule WHERE id = 1";
static constexpr char kStoreScheduleSql[] =
    "INSERT OR REPLACE INTO schedule (id, source, body, loaded_at) VALUES (1, ?, ?, ?)";

// How many times a fresh code is drawn when it clashes with a stored one (one in
// 244 million per stored booking): more than enough, but never forever.
constexpr int kCodeTries = 20;
constexpr auto kPastShown = std::chrono::days(90);

std::string new_unique_code(Database& db) {
    for (int i = 0; i < kCodeTries; ++i) {
        std::string code = new_booking_code();
        if (!booking_rows::code_taken(db, code)) return code;
    }
    throw StorageError("could not find a free booking code; the bookings table looks damaged");
}

// A weekly slot's id on a date its service is closed: the timetable gained a holiday
// since the day was offered. Said as such, not as "no such time".
bool closed_weekly_id(const Schedule& schedule, std::string_view id) {
    const std::size_t at = id.find('@');
    if (at == std::string_view::npos) return false;
    const Service* service = schedule.service(id.substr(0, at));
    const auto day = parse_local_date(id.substr(at + 1, 10));
    return service != nullptr && day && schedule.closed_on(*service, *day);
}

}  // namespace

BookingService::BookingService(Database& db, Outbox& outbox) : db_(db), outbox_(outbox) { reload_schedule(); }

void BookingService::reload_schedule() {
    Statement stored(db_, kStoredScheduleSql);
    if (!stored.step()) return;
    try {
        schedule_ = parse_schedule(stored.column_text(1), stored.column_text(0));
        schedule_problem_.clear();
    } catch (const ScheduleError& error) {
        // Checked when it was loaded, so only a damaged store (or a Qiao that reads less
        // than the one that loaded it) gets here: no timetable rather than no kiosk.
        schedule_problem_ = std::string("the stored timetable could not be read: ") + error.what();
    }
}

void BookingService::load_schedule(Schedule schedule, std::string_view source, WallTime now) {
    Transaction transaction(db_);
    Statement store(db_, kStoreScheduleSql);
    store.bind(1, source).bind(2, schedule.json()).bind(3, iso8601_utc(now));
    store.run();
    transaction.commit();
    // Only once it is stored: a failed store leaves the old timetable in use.
    schedule_ = std::move(schedule);
    schedule_problem_.clear();
}

std::string BookingService::contact_hash(std::string_view digits) const {
    const auto salt = existing_learner_salt(SettingsStore(db_));
    // No salt yet means no number was ever stored: nothing can match.
    if (!salt) return std::string();
    return learner_id_for_phone(digits, *salt);
}

SlotChoice BookingService::choice_for(const Slot& slot) const {
    SlotChoice choice;
    choice.slot = slot;
    choice.seats_left = std::max(0, slot.seats_left - booking_rows::requested_for_slot(db_, slot.id));
    choice.full = choice.seats_left == 0;
    return choice;
}

std::vector<SlotChoice> BookingService::slots_on(const std::string& service_id, LocalDate day, WallTime now) const {
    std::vector<SlotChoice> choices;
    const Service* service = schedule_ ? schedule_->service(service_id) : nullptr;
    if (service == nullptr) return choices;
    for (const Slot& slot : schedule_->slots_on(service_id, day)) {
        if (!why_not_bookable(*schedule_, *service, slot, now)) choices.push_back(choice_for(slot));
    }
    return choices;
}

std::vector<DayChoice> BookingService::open_days(const std::string& service_id, WallTime now, int count) const {
    std::vector<DayChoice> days;
    const Service* service = schedule_ ? schedule_->service(service_id) : nullptr;
    if (service == nullptr) return days;
    const LocalDate today = schedule_->local_date(now);
    // No day past max_days_ahead can have a bookable slot, so the walk ends there.
    for (int ahead = 0; ahead <= service->rules.max_days_ahead && static_cast<int>(days.size()) < count; ++ahead) {
        const LocalDate day = add_days(today, ahead);
        if (schedule_->closed_on(*service, day)) continue;
        const std::vector<SlotChoice> choices = slots_on(service_id, day, now);
        if (choices.empty()) continue;
        const auto open = std::count_if(choices.begin(), choices.end(), [](const SlotChoice& c) { return !c.full; });
        days.push_back({day, static_cast<int>(open)});
    }
    return days;
}

Booking BookingService::request(const BookingDraft& draft, WallTime now) {
    if (!schedule_) {
        throw BookingError(Reason::UnknownService, "No services are loaded on this kiosk yet. Please ask a volunteer.");
    }
    const Slot* slot = schedule_->slot(draft.slot_id, now);
    if (slot == nullptr && closed_weekly_id(*schedule_, draft.slot_id)) {
        throw BookingError(Reason::ClosedDay, "The service is closed that day. Please choose another day.");
    }
    if (slot == nullptr) {
        throw BookingError(Reason::UnknownSlot, "That time is no longer in the timetable. Please choose another time.");
    }
    const Service* service = schedule_->service(slot->service_id);
    if (service == nullptr) {
        throw BookingError(Reason::UnknownService, "That service is no longer offered here.");
    }
    if (auto refusal = why_not_bookable(*schedule_, *service, *slot, now)) throw *refusal;
    if (!plausible_phone(draft.phone_digits)) {
        throw BookingError(Reason::BadPhone,
                           "That phone number does not look right. A mobile number has 11 digits and starts with 1.");
    }

    Booking booking;
    booking.id = new_client_id();
    booking.service_id = service->id;
    booking.slot_id = slot->id;
    booking.start = slot->start;
    booking.end = slot->end;
    booking.service_name = service->name;
    booking.place = slot->place;
    booking.contact_masked = mask_phone(draft.phone_digits);
    booking.for_someone_else = draft.for_someone_else;
    // As stored: to the second.
    booking.created_at = std::chrono::time_point_cast<std::chrono::seconds>(now);

    Transaction transaction(db_);
    // Made inside the transaction: a booking is often the first time a number is
    // stored, and the salt must not be kept without it, nor it without the salt.
    SettingsStore settings(db_);
    const std::string hash = learner_id_for_phone(draft.phone_digits, learner_salt(settings));
    if (booking_rows::live_for_slot(db_, hash, slot->id)) {
        throw BookingError(Reason::AlreadyBooked, "This phone number already has a booking for that time.");
    }
    const bool full = choice_for(*slot).full;
    booking.state = full ? BookingState::Waiting : BookingState::Requested;
    booking.code = new_unique_code(db_);
    booking_rows::insert(db_, {booking, draft.phone_digits, hash});

    // The back office needs the full number to confirm by text message; it leaves the
    // kiosk with this entry and is cleared from the row once acknowledged.
    const nlohmann::json body = {
        {"id", booking.id},
        {"code", booking.code},
        {"service_id", booking.service_id},
        {"slot_id", booking.slot_id},
        {"starts_at", iso8601_utc(booking.start)},
        {"ends_at", iso8601_utc(booking.end)},
        {"phone", draft.phone_digits},
        {"phone_masked", booking.contact_masked},
        {"for_someone_else", booking.for_someone_else},
        {"created_at", iso8601_utc(booking.created_at)},
    };
    outbox_.add(full ? "booking_waitlist" : "booking_request", body);
    transaction.commit();
    return booking;
}

Booking BookingService::owned_booking(const std::string& booking_id, const std::string& phone_digits) const {
    // An unknown id and someone else's booking get the same answer: the screen must
    // not tell a stranger which codes exist.
    const BookingError not_yours(Reason::NotYours, "We cannot find that booking under this phone number.");
    const std::string hash = plausible_phone(phone_digits) ? contact_hash(phone_digits) : std::string();
    if (hash.empty() || booking_rows::contact_hash_of(db_, booking_id) != hash) throw not_yours;
    auto booking = booking_rows::by_id(db_, booking_id);
    if (!booking) throw not_yours;
    return *booking;
}

void BookingService::change_state(const Booking& booking, BookingState state, std::string_view outbox_kind,
                                  const nlohmann::json& body, WallTime now) {
    booking_rows::set_state(db_, booking.id, state, now);
    outbox_.add(outbox_kind, body);
}

std::chrono::minutes BookingService::cancel_cutoff(const Booking& booking) const {
    const Service* service = schedule_ ? schedule_->service(booking.service_id) : nullptr;
    return service ? service->rules.cancel_cutoff : BookingRules{}.cancel_cutoff;
}

bool BookingService::can_cancel(const Booking& booking, WallTime now) const {
    BookingRules rules;
    rules.cancel_cutoff = cancel_cutoff(booking);
    return cancel_allowed(rules, booking, now);
}

bool BookingService::check_in_open(const Booking& booking, WallTime now, std::chrono::minutes window) const {
    return check_in_allowed(booking, now, window);
}

void BookingService::cancel(const std::string& booking_id, const std::string& phone_digits, WallTime now) {
    // Read inside the transaction: the sync worker may be changing the state meanwhile.
    Transaction transaction(db_);
    const Booking booking = owned_booking(booking_id, phone_digits);
    if (booking.state == BookingState::Cancelled) {
        throw BookingError(Reason::WrongState, "This booking is already cancelled.");
    }
    if (booking.state != BookingState::Requested && booking.state != BookingState::Waiting &&
        booking.state != BookingState::Confirmed) {
        throw BookingError(Reason::WrongState, "This booking can no longer be cancelled.");
    }
    if (!can_cancel(booking, now)) {
        throw BookingError(Reason::PastCancelCutoff, "It is too late to cancel here: cancelling closes " +
                                                         plain_minutes(cancel_cutoff(booking)) +
                                                         " before the start. Please tell the staff at the desk.");
    }
    change_state(booking, BookingState::Cancelled, "booking_cancel",
                 {{"id", booking.id}, {"code", booking.code}, {"cancelled_at", iso8601_utc(now)}}, now);
    transaction.commit();
}

void BookingService::check_in(const std::string& booking_id, const std::string& phone_digits, WallTime now,
                              std::chrono::minutes window) {
    Transaction transaction(db_);
    const Booking booking = owned_booking(booking_id, phone_digits);
    if (booking.state == BookingState::CheckedIn) {
        throw BookingError(Reason::WrongState, "You have already checked in for this booking.");
    }
    if (booking.state != BookingState::Confirmed && booking.state != BookingState::Requested) {
        throw BookingError(Reason::WrongState, "This booking cannot be checked in: it is " +
                                                   std::string(to_string(booking.state)) + ".");
    }
    if (now >= booking.end) throw BookingError(Reason::CheckInNotOpen, "This appointment has already ended.");
    if (!check_in_allowed(booking, now, window)) {
        throw BookingError(Reason::CheckInNotOpen, "It is too early to check in: check-in opens " +
                                                       plain_minutes(window) + " before the start.");
    }
    change_state(booking, BookingState::CheckedIn, "booking_check_in",
                 {{"id", booking.id}, {"code", booking.code}, {"checked_in_at", iso8601_utc(now)}}, now);
    transaction.commit();
}

std::vector<Booking> BookingService::bookings_for_phone(const std::string& digits) const {
    return bookings_for_phone(digits, std::chrono::system_clock::now());
}

std::vector<Booking> BookingService::bookings_for_phone(const std::string& digits, WallTime now) const {
    std::vector<Booking> upcoming, past;
    if (!plausible_phone(digits)) return upcoming;
    const std::string hash = contact_hash(digits);
    if (hash.empty()) return upcoming;
    for (Booking& booking : booking_rows::by_contact(db_, hash)) {
        if (booking.end > now) upcoming.push_back(std::move(booking));
        else if (booking.start >= now - kPastShown) past.push_back(std::move(booking));
    }
    const auto by_start = [](const Booking& a, const Booking& b) {
        return a.start != b.start ? a.start < b.start : a.created_at < b.created_at;
    };
    std::sort(upcoming.begin(), upcoming.end(), by_start);
    std::sort(past.begin(), past.end(), [&](const Booking& a, const Booking& b) { return by_start(b, a); });
    upcoming.insert(upcoming.end(), std::make_move_iterator(past.begin()), std::make_move_iterator(past.end()));
    return upcoming;
}

std::optional<Booking> BookingService::find(const std::string& booking_id) const {
    return booking_rows::by_id(db_, booking_id);
}

std::vector<SlotChoice> BookingService::alternatives(const Booking& booking, WallTime now) const {
    std::vector<SlotChoice> choices;
    if (!schedule_) return choices;
    for (const std::string& id : booking.alternative_slot_ids) {
        const Slot* slot = schedule_->slot(id, now);
        const Service* service = slot ? schedule_->service(slot->service_id) : nullptr;
        if (service == nullptr || slot->id == booking.slot_id) continue;
        if (!why_not_bookable(*schedule_, *service, *slot, now)) choices.push_back(choice_for(*slot));
    }
    return choices;
}

}  // namespace qiao::core
