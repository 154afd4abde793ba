#pragma once
// BookingFlow: the Book side of the kiosk (约). It walks a senior through one choice per
// screen (service > day > time > who > summary > slip), and "my bookings" (cancel,
// check in, a declined booking's alternatives). Choices arrive by id between frames;
// the store is read and written here (through core::BookingService), and each screen's
// page is made ready in memory for the UI (ui::FlowPage).
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/flow_reply.hpp"
#include "app/pin_gate.hpp"
#include "core/booking/booking_service.hpp"
#include "core/i18n/catalog.hpp"
#include "core/log.hpp"
#include "core/print/slip.hpp"
#include "ui/flow/flow_page.hpp"

namespace qiao::app {

struct BookingSettings {
    std::chrono::minutes check_in_window{60};
};

class BookingFlow {
public:
    BookingFlow(core::BookingService& bookings, core::PhonePins& pins, const core::Catalog& catalog, core::SlipPrinter& printer,
                BookingSettings settings, core::Log& log);

    // Every character a schedule's words use: the glyph atlas holds only what is shown.
    static std::u32string characters(const core::Schedule& schedule);
    // Whether `id` (a choice or a bar button) belongs to this flow.
    static bool owns(const std::string& id);
    FlowReply choose(const std::string& id, core::WallTime now);
    // The visitor confirmed a number on the keypad that this flow asked for.
    FlowReply phone_given(const std::string& digits, core::WallTime now);
    // "my bookings", the way from home.
    FlowReply open_my_bookings();
    void set_language(const std::string& lang);
    // Forget the visitor: their number, choices and bookings on screen.
    void forget_visitor();
    // The sync worker changed the store (a decision came in): read again the bookings on
    // screen, so a page shows what is true now. Between frames only: it reads the store.
    void store_changed(core::WallTime now);

    const ui::FlowPage* page(std::string_view screen) const;
    // What the screen says on arrival (and on "listen again"); "" for the catalog prompt.
    std::string spoken(std::string_view screen) const;
    bool for_someone_else() const { return for_someone_else_; }
    bool pin_active() const { return pin_owner_; }
    // The keypad is asking for a number to look up (not to book or to call).
    bool asking_for_mine() const { return purpose_ == Purpose::MyBookings; }
    std::size_t pin_typed() const { return pin_.typed(); }
    const std::optional<core::Booking>& last_booked() const { return booked_; }

private:
    enum class Purpose { Book, MyBookings };

    const std::string& text(const std::string& key) const { return catalog_.text(lang_, key); }
    FlowReply pick_service(const std::string& service_id, core::WallTime now);
    FlowReply pick_day(const std::string& iso, core::WallTime now);
    FlowReply pick_slot(const std::string& slot_id, core::WallTime now);
    FlowReply confirm(core::WallTime now);
    FlowReply pin_key(char digit, core::WallTime now);
    FlowReply after_identified(core::WallTime now);
    FlowReply open_booking(const std::string& booking_id, core::WallTime now);
    FlowReply cancel(core::WallTime now);
    FlowReply check_in(core::WallTime now);
    void load_my_bookings(core::WallTime now);
    void print_slip(const core::Booking& booking);
    std::string kind_words(const core::BookingError& e) const;
    // "今天 12月1日 星期二 14:00–15:00", and as the voice says it: "… 14点到15点".
    std::string when_words(core::WallTime start, core::WallTime end) const;
    std::string when_spoken(core::WallTime start, core::WallTime end) const;
    std::string state_words(const core::Booking& booking) const;
    std::string phone_spoken(const std::string& digits_or_masked) const;
    // "还剩3个位子", or "满了，可以排队等位".
    std::string seats_words(const core::SlotChoice& choice) const;
    void rebuild() const;

    core::BookingService& bookings_;
    PinGate pin_;
    const core::Catalog& catalog_;
    core::SlipPrinter& printer_;
    BookingSettings settings_;
    core::Log& log_;
    std::string lang_ = "zh-CN";

    // The visitor's way through the flow.
    Purpose purpose_ = Purpose::Book;
    bool for_someone_else_ = false;
    std::string service_id_;
    std::vector<core::DayChoice> days_;
    std::optional<core::LocalDate> day_;
    std::vector<core::SlotChoice> slots_;
    std::optional<core::SlotChoice> slot_;
    std::string phone_;  // the full number, in memory for this visit only
    bool pin_owner_ = false;
    bool pin_set_now_ = false;
    bool has_pin_ = false;
    std::string note_;  // a kind sentence for the current screen ("" none)
    core::LocalDate today_;
    std::optional<core::Booking> booked_;
    std::vector<core::Booking> mine_;
    std::optional<core::Booking> detail_;
    std::vector<core::SlotChoice> alternatives_;
    bool can_cancel_ = false, can_check_in_ = false;
    std::shared_ptr<const core::QrCode> qr_;

    // Pages are made again whenever the flow or the language changed.
    mutable std::map<std::string, ui::FlowPage, std::less<>> pages_;
    mutable bool dirty_ = true;
};

}  // namespace qiao::app
