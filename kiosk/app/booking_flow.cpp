#include "app/booking_flow.hpp"

#include <algorithm>
#include <cstdlib>

#include "app/date_words.hpp"
#include "core/identity/phone_number.hpp"
#include "core/print/qr_code.hpp"

namespace qiao::app {

namespace {

constexpr std::string_view kServicePrefix = "book.service.";
constexpr std::string_view kDayPrefix = "book.day.";
constexpr std::string_view kSlotPrefix = "book.slot.";
constexpr std::string_view kBookingPrefix = "book.booking.";
constexpr std::string_view kAlternativePrefix = "book.alt.";

// What the slip's QR code holds, on screen and on paper: staff scan it at the door.
std::string qr_text(const core::Booking& booking) { return "QIAO-BOOKING:" + booking.code; }

std::string error_key(core::BookingError::Reason reason) {
    using R = core::BookingError::Reason;
    switch (reason) {
    case R::TooSoon: return "book.error.too_soon";
    case R::TooFarAhead: return "book.error.too_far";
    case R::ClosedDay: return "book.error.closed";
    case R::SlotOver: return "book.error.over";
    case R::AlreadyBooked: return "book.error.already";
    case R::BadPhone: return "phone.bad";
    case R::PastCancelCutoff: return "book.error.cutoff";
    case R::CheckInNotOpen: return "book.error.check_in";
    default: return "book.error.other";
    }
}

}  // namespace

BookingFlow::BookingFlow(core::BookingService& bookings, core::PhonePins& pins, const core::Catalog& catalog,
                         core::SlipPrinter& printer, BookingSettings settings, core::Log& log)
    : bookings_(bookings), pin_(pins), catalog_(catalog), printer_(printer), settings_(settings), log_(log) {}

bool BookingFlow::owns(const std::string& id) { return std::string_view(id).starts_with("book."); }

void BookingFlow::set_language(const std::string& lang) {
    lang_ = lang;
    dirty_ = true;
}

void BookingFlow::forget_visitor() {
    purpose_ = Purpose::Book;
    for_someone_else_ = false;
    service_id_.clear();
    days_.clear();
    day_.reset();
    slots_.clear();
    slot_.reset();
    phone_.clear();
    pin_.forget();
    pin_owner_ = pin_set_now_ = false;
    note_.clear();
    booked_.reset();
    mine_.clear();
    detail_.reset();
    alternatives_.clear();
    qr_.reset();
    dirty_ = true;
}

std::string BookingFlow::kind_words(const core::BookingError& e) const {
    log_.info(std::string("booking refused: ") + e.what());
    return text(error_key(e.reason()));
}

FlowReply BookingFlow::choose(const std::string& id, core::WallTime now) {
    dirty_ = true;
    note_.clear();
    try {
        if (std::string_view(id).starts_with(kServicePrefix)) return pick_service(id.substr(kServicePrefix.size()), now);
        if (std::string_view(id).starts_with(kDayPrefix)) return pick_day(id.substr(kDayPrefix.size()), now);
        if (std::string_view(id).starts_with(kSlotPrefix)) return pick_slot(id.substr(kSlotPrefix.size()), now);
        if (std::string_view(id).starts_with(kBookingPrefix)) {
            const std::size_t place = std::strtoul(id.c_str() + kBookingPrefix.size(), nullptr, 10);
            if (place < 1 || place > mine_.size()) return {};
            return open_booking(mine_[place - 1].id, now);
        }
        if (std::string_view(id).starts_with(kAlternativePrefix)) {
            // A declined booking's alternative: straight to the summary, the number known.
            const std::string slot_id = id.substr(kAlternativePrefix.size());
            for (const core::SlotChoice& alt : alternatives_)
                if (alt.slot.id == slot_id) {
                    purpose_ = Purpose::Book;
                    service_id_ = alt.slot.service_id;
                    slot_ = alt;
                    day_ = bookings_.schedule()->local_date(alt.slot.start);
                    return FlowReply::to("book_summary");
                }
            return FlowReply::saying(text("book.error.over"));
        }
        if (std::string_view(id).starts_with("pin.key.")) return pin_key(id.back(), now);
        if (id == "book.someone_else") {
            for_someone_else_ = !for_someone_else_;
            return FlowReply::saying(text(for_someone_else_ ? "book.someone_else_on" : "book.someone_else_off"));
        }
        if (id == "book.mine") return open_my_bookings();
        if (id == "book.confirm") return confirm(now);
        if (id == "book.add_pin") {
            pin_.begin(PinPurpose::Set, phone_);
            pin_owner_ = true;
            return FlowReply::to("pin_entry");
        }
        if (id == "book.print") {
            if (booked_) print_slip(*booked_);
            return FlowReply::saying(text("book.printed"));
        }
        if (id == "book.cancel") return FlowReply::to("book_cancel");
        if (id == "book.other_times") return FlowReply::to("book_alternatives");
        if (id == "book.cancel_no") {
            FlowReply r;
            r.back = true;
            return r;
        }
        if (id == "book.cancel_yes") return cancel(now);
        if (id == "book.check_in") return check_in(now);
    } catch (const core::BookingError& e) {
        note_ = kind_words(e);
        return FlowReply::saying(note_);
    }
    log_.warning("booking: no such choice \"" + id + "\"");
    return {};
}

FlowReply BookingFlow::pick_service(const std::string& service_id, core::WallTime now) {
    const core::Schedule* schedule = bookings_.schedule();
    if (!schedule || !schedule->service(service_id)) return FlowReply::saying(text("book.error.other"));
    purpose_ = Purpose::Book;
    service_id_ = service_id;
    today_ = schedule->local_date(now);
    days_ = bookings_.open_days(service_id, now, 7);
    return FlowReply::to("book_day");
}

FlowReply BookingFlow::pick_day(const std::string& iso, core::WallTime now) {
    const auto day = core::parse_local_date(iso);
    if (!day) return {};
    day_ = *day;
    slots_ = bookings_.slots_on(service_id_, *day, now);
    return FlowReply::to("book_time");
}

FlowReply BookingFlow::pick_slot(const std::string& slot_id, core::WallTime) {
    for (const core::SlotChoice& choice : slots_)
        if (choice.slot.id == slot_id) {
            slot_ = choice;
            purpose_ = Purpose::Book;
            // The number: asked once a visit; "back" from the summary reaches the keypad.
            return FlowReply::to("phone_entry");
        }
    return {};
}

FlowReply BookingFlow::phone_given(const std::string& digits, core::WallTime now) {
    dirty_ = true;
    phone_ = digits;
    pin_set_now_ = false;
    has_pin_ = pin_.has_pin(digits);
    // Booking needs no PIN (a helper may book for someone); seeing and changing someone's
    // bookings does, where they set one.
    if (purpose_ == Purpose::MyBookings && has_pin_) {
        pin_.begin(PinPurpose::Check, digits);
        pin_owner_ = true;
        return FlowReply::to("pin_entry");
    }
    return after_identified(now);
}

FlowReply BookingFlow::after_identified(core::WallTime now) {
    if (purpose_ == Purpose::Book) return FlowReply::to("book_summary");
    load_my_bookings(now);
    return FlowReply::to("my_bookings");
}

FlowReply BookingFlow::open_my_bookings() {
    purpose_ = Purpose::MyBookings;
    phone_.clear();
    dirty_ = true;
    return FlowReply::to("phone_entry");
}

FlowReply BookingFlow::pin_key(char digit, core::WallTime now) {
    const PinOutcome outcome = pin_.key(digit, now);
    switch (outcome) {
    case PinOutcome::More: {
        FlowReply r = FlowReply::saying(core::format_text(text("pin.typed"), {{"n", std::to_string(pin_.typed())}}));
        return r;
    }
    case PinOutcome::Set: {
        pin_owner_ = false;
        pin_set_now_ = has_pin_ = true;
        FlowReply r;
        r.back = true;
        r.say = text("pin.set");
        return r;
    }
    case PinOutcome::Right: {
        pin_owner_ = false;
        FlowReply r = after_identified(now);
        // The keypad is not a place to come back to: replace it.
        r.go.reset();
        r.restart = std::vector<std::string>{"book", "my_bookings"};
        return r;
    }
    case PinOutcome::Wrong: note_ = text("pin.wrong"); return FlowReply::saying(note_);
    case PinOutcome::Locked: note_ = text("pin.locked"); return FlowReply::saying(note_);
    }
    return {};
}

FlowReply BookingFlow::confirm(core::WallTime now) {
    if (!slot_ || phone_.empty()) return FlowReply::to("book");
    core::BookingDraft draft;
    draft.slot_id = slot_->slot.id;
    draft.phone_digits = phone_;
    draft.for_someone_else = for_someone_else_;
    const core::Booking booking = bookings_.request(draft, now);
    booked_ = booking;
    qr_ = std::make_shared<const core::QrCode>(core::QrCode::encode(qr_text(booking)));
    log_.info("booked " + booking.code + " (" + std::string(core::to_string(booking.state)) + ") for slot " + booking.slot_id);
    print_slip(booking);
    FlowReply r;
    r.restart = std::vector<std::string>{"book_done"};
    return r;
}

void BookingFlow::print_slip(const core::Booking& booking) {
    core::Slip slip;
    slip.title = text("book_done.slip_title");
    slip.lines = {{text("book.line.what"), core::text_in(booking.service_name, lang_)},
                  {text("book.line.when"), when_words(booking.start, booking.end)},
                  {text("book.line.where"), core::text_in(booking.place, lang_)},
                  {text("book.line.phone"), booking.contact_masked},
                  {text("book.line.state"), state_words(booking)}};
    slip.code = booking.code;
    slip.qr_text = qr_text(booking);
    slip.footer = text("book_done.slip_footer");
    try {
        printer_.print(slip);
    } catch (const std::exception& e) {
        // The booking is stored; a jammed printer must not undo it. Staff see the log.
        log_.error(std::string("the booking slip was not printed: ") + e.what());
        note_ = text("book.print_failed");
    }
}

void BookingFlow::load_my_bookings(core::WallTime now) {
    mine_ = bookings_.bookings_for_phone(phone_, now);
    // What still stands comes first; declined and cancelled ones after it.
    std::stable_partition(mine_.begin(), mine_.end(), [](const core::Booking& b) { return core::is_live(b.state); });
    if (const auto* schedule = bookings_.schedule()) today_ = schedule->local_date(now);
    dirty_ = true;
}

void BookingFlow::store_changed(core::WallTime now) {
    if (booked_) booked_ = bookings_.find(booked_->id).value_or(*booked_);
    if (!mine_.empty() && !phone_.empty()) load_my_bookings(now);
    if (detail_) open_booking(detail_->id, now);
    dirty_ = true;
}

FlowReply BookingFlow::open_booking(const std::string& booking_id, core::WallTime now) {
    detail_ = bookings_.find(booking_id);
    if (!detail_) return {};
    can_cancel_ = bookings_.can_cancel(*detail_, now);
    can_check_in_ = bookings_.check_in_open(*detail_, now, settings_.check_in_window);
    alternatives_ = detail_->state == core::BookingState::Declined ? bookings_.alternatives(*detail_, now)
                                                                   : std::vector<core::SlotChoice>{};
    return FlowReply::to("booking_detail");
}

FlowReply BookingFlow::cancel(core::WallTime now) {
    if (!detail_) return {};
    bookings_.cancel(detail_->id, phone_, now);
    const std::string id = detail_->id;
    load_my_bookings(now);
    open_booking(id, now);
    FlowReply r;
    r.back = true;  // to the booking, now shown as cancelled
    r.say = text("book.cancelled");
    return r;
}

FlowReply BookingFlow::check_in(core::WallTime now) {
    if (!detail_) return {};
    bookings_.check_in(detail_->id, phone_, now, settings_.check_in_window);
    const std::string id = detail_->id;
    load_my_bookings(now);
    open_booking(id, now);
    return FlowReply::saying(text("book.checked_in"));
}

std::string BookingFlow::when_words(core::WallTime start, core::WallTime end) const {
    const core::Schedule* schedule = bookings_.schedule();
    if (!schedule) return {};
    const DateWords words(catalog_, lang_);
    return words.day_and_date(schedule->local_date(start), today_) + " " +
           DateWords::clock_range(schedule->local_minute_of_day(start), schedule->local_minute_of_day(end));
}

std::string BookingFlow::when_spoken(core::WallTime start, core::WallTime end) const {
    const core::Schedule* schedule = bookings_.schedule();
    if (!schedule) return {};
    const DateWords words(catalog_, lang_);
    return words.day_and_date(schedule->local_date(start), today_) + " " +
           words.spoken_clock_range(schedule->local_minute_of_day(start), schedule->local_minute_of_day(end));
}

std::string BookingFlow::state_words(const core::Booking& booking) const {
    return text("book.state." + std::string(core::to_string(booking.state)));
}

}  // namespace qiao::app
