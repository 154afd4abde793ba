// BookingFlow's pages: what each Book screen shows and says, in the visitor's language,
// made from the flow's state in memory (no store access here: this runs in a frame).
#include <algorithm>

#include "app/booking_flow.hpp"
#include "app/date_words.hpp"
#include "app/flow_speech.hpp"
#include "core/identity/phone_number.hpp"

namespace qiao::app {

namespace {

ui::Icon icon_for_kind(core::ServiceKind kind) {
    switch (kind) {
    case core::ServiceKind::Class: return ui::Icon::Class;
    case core::ServiceKind::VolunteerHelp: return ui::Icon::Volunteer;
    case core::ServiceKind::HealthCheck: return ui::Icon::Heart;
    case core::ServiceKind::DropIn: return ui::Icon::Door;
    }
    return ui::Icon::Book;
}

// "K7HM3X" -> "K 7 H M 3 X": read out one character at a time.
std::string spaced(const std::string& code) { return core::spaced_characters(core::decode_utf8(code)); }

}  // namespace

std::u32string BookingFlow::characters(const core::Schedule& schedule) {
    std::string all;
    auto add = [&](const core::LocalText& text) {
        for (const auto& [lang, words] : text.by_language) all += words;
    };
    for (const core::Service& s : schedule.services()) {
        add(s.name);
        add(s.description);
    }
    for (const core::Slot& slot : schedule.explicit_slots()) add(slot.place);
    for (const auto& weekly : schedule.weekly()) add(weekly.place);
    return core::decode_utf8(all);
}

std::string BookingFlow::seats_words(const core::SlotChoice& choice) const {
    return choice.full ? text("book_time.full") : core::format_text(text("book_time.seats"), {{"n", std::to_string(choice.seats_left)}});
}

std::string BookingFlow::phone_spoken(const std::string& digits_or_masked) const {
    // "尾号 5 6 7 8": the last four digits, one by one (a masked number read aloud is noise).
    const std::string last4 = digits_or_masked.size() >= 4 ? digits_or_masked.substr(digits_or_masked.size() - 4) : digits_or_masked;
    return core::format_text(text("book.phone_spoken"), {{"digits", core::spoken_phone(last4, " ")}});
}

const ui::FlowPage* BookingFlow::page(std::string_view screen) const {
    if (dirty_) rebuild();
    const auto it = pages_.find(screen);
    if (it == pages_.end()) return nullptr;
    if (screen == "pin_entry" && !pin_owner_) return nullptr;
    return &it->second;
}

void BookingFlow::rebuild() const {
    dirty_ = false;
    pages_.clear();
    const core::Schedule* schedule = bookings_.schedule();
    const DateWords words(catalog_, lang_);

    // Service: big cards; "for someone else" and "my bookings" in the bar.
    ui::FlowPage& services = pages_["book"];
    if (!schedule || schedule->services().empty()) {
        services.heading = text("book.none");
    } else {
        if (for_someone_else_) services.heading = text("book.for_other_heading");
        for (const core::Service& s : schedule->services())
            services.items.push_back({std::string("book.service.") + s.id, icon_for_kind(s.kind), core::text_in(s.name, lang_),
                                      core::text_in(s.description, lang_)});
    }
    services.bar.push_back({"book.someone_else", ui::Icon::Volunteer, text("book.someone_else"), "",
                            for_someone_else_ ? ui::ButtonStyle::Selected : ui::ButtonStyle::Plain});
    services.bar.push_back({"book.mine", ui::Icon::Ticket, text("book.mine")});

    const core::Service* service = schedule ? schedule->service(service_id_) : nullptr;
    const std::string service_name = service ? core::text_in(service->name, lang_) : std::string();

    // Day: the next open days as big buttons.
    ui::FlowPage& days = pages_["book_day"];
    days.heading = days_.empty() ? core::format_text(text("book_day.none"), {{"service", service_name}}) : service_name;
    for (const core::DayChoice& d : days_) {
        const std::string caption =
            words.date(d.date) + " · " +
            (d.open_slots > 0 ? core::format_text(text("book_day.times"), {{"n", std::to_string(d.open_slots)}}) : text("book_day.full"));
        days.items.push_back({"book.day." + d.date.iso(), ui::Icon::Calendar, words.day_name(d.date, today_), caption});
    }

    // Time: start and end, and the seats left.
    ui::FlowPage& times = pages_["book_time"];
    if (day_) times.heading = service_name + " · " + words.day_and_date(*day_, today_);
    for (const core::SlotChoice& c : slots_) {
        const std::string seats = seats_words(c);
        const std::string place = core::text_in(c.slot.place, lang_);
        const int from = schedule->local_minute_of_day(c.slot.start), to = schedule->local_minute_of_day(c.slot.end);
        ui::FlowItem item{"book.slot." + c.slot.id, ui::Icon::Clock, DateWords::clock_range(from, to),
                          place.empty() ? seats : place + " · " + seats};
        item.spoken = words.spoken_clock_range(from, to);
        times.items.push_back(std::move(item));
    }
    if (slots_.empty()) times.heading += (times.heading.empty() ? "" : "\n") + text("book_time.none");

    // Summary: what, when, where, who, read aloud; "book it".
    ui::FlowPage& summary = pages_["book_summary"];
    if (slot_ && schedule) {
        summary.lines = {{text("book.line.what"), service_name},
                         {text("book.line.when"), when_words(slot_->slot.start, slot_->slot.end),
                          when_spoken(slot_->slot.start, slot_->slot.end)},
                         {text("book.line.where"), core::text_in(slot_->slot.place, lang_)},
                         {text("book.line.phone"), core::mask_phone(phone_) + (for_someone_else_ ? " " + text("book.for_other") : ""),
                          phone_spoken(phone_)}};
        if (slot_->full) summary.lines.push_back({text("book.line.state"), text("book_summary.full")});
        summary.note = note_.empty() ? text(slot_->full ? "book_summary.note_waiting" : "book_summary.note") : note_;
        summary.note_optional = note_.empty();
        summary.actions.push_back({"book.confirm", ui::Icon::Check, text(slot_->full ? "book.join_waiting" : "book.confirm"), "",
                                   ui::ButtonStyle::Primary});
        if (!has_pin_)
            summary.bar.push_back({"book.add_pin", ui::Icon::Lock, text("book.add_pin")});
        else if (pin_set_now_)
            summary.bar.push_back({"book.add_pin", ui::Icon::Lock, text("book.pin_is_set"), "", ui::ButtonStyle::Selected});
    }

    // The slip: what, when, where, the code and its QR code.
    ui::FlowPage& done = pages_["book_done"];
    done.hide_back = true;
    if (booked_) {
        done.heading = text(booked_->state == core::BookingState::Waiting ? "book_done.waiting" : "book_done.requested");
        done.lines = {{text("book.line.what"), core::text_in(booked_->service_name, lang_)},
                      {text("book.line.when"), when_words(booked_->start, booked_->end), when_spoken(booked_->start, booked_->end)},
                      {text("book.line.where"), core::text_in(booked_->place, lang_)},
                      {text("book.line.phone"), booked_->contact_masked, phone_spoken(booked_->contact_masked), true}};
        done.code = spaced(booked_->code);
        done.qr = qr_;
        done.note = note_.empty() ? text(printer_.describe() == "no printer" ? "book_done.note" : "book_done.note_printed") : note_;
        done.note_optional = note_.empty();
        if (printer_.describe() != "no printer") done.bar.push_back({"book.print", ui::Icon::Ticket, text("book.print")});
        done.bar.push_back({"book.mine", ui::Icon::Ticket, text("book.mine")});
    }

    // My bookings: one card each, upcoming first.
    ui::FlowPage& mine = pages_["my_bookings"];
    mine.heading = core::format_text(text(mine_.empty() ? "my_bookings.none" : "my_bookings.heading"), {{"phone", core::mask_phone(phone_)}});
    // Ids by place in the list ("book.booking.1" is the first): what a tour can name.
    for (std::size_t i = 0; i < mine_.size(); ++i) {
        const core::Booking& b = mine_[i];
        mine.items.push_back({"book.booking." + std::to_string(i + 1), ui::Icon::Ticket, core::text_in(b.service_name, lang_),
                              when_words(b.start, b.end) + " · " + state_words(b)});
    }

    // One booking: its state, and what can be done with it now.
    ui::FlowPage& detail = pages_["booking_detail"];
    if (detail_) {
        detail.lines = {{text("book.line.what"), core::text_in(detail_->service_name, lang_)},
                        {text("book.line.when"), when_words(detail_->start, detail_->end), when_spoken(detail_->start, detail_->end)},
                        {text("book.line.where"), core::text_in(detail_->place, lang_), "", detail_->state == core::BookingState::Declined},
                        {text("book.line.state"), state_words(*detail_)}};
        if (!detail_->decline_reason.empty()) {
            // The back office's reason codes have words in the catalog; staff's own words show as written.
            const std::string key = "book.reason." + detail_->decline_reason;
            detail.lines.push_back({text("book.line.reason"), catalog_.has_key(key) ? text(key) : detail_->decline_reason});
        }
        detail.lines.push_back({text("book.line.code"), detail_->code, "", true});
        if (can_check_in_)
            detail.actions.push_back({"book.check_in", ui::Icon::Check, text("book.check_in"), "", ui::ButtonStyle::Primary});
        if (can_cancel_) detail.actions.push_back({"book.cancel", ui::Icon::Cross, text("book.cancel")});
        // A declined booking's other times are a choice of their own: the next screen.
        if (!alternatives_.empty())
            detail.actions.push_back({"book.other_times", ui::Icon::Calendar, text("book.other_times"), "", ui::ButtonStyle::Primary});
        if (!can_check_in_ && (detail_->state == core::BookingState::Confirmed || detail_->state == core::BookingState::Requested))
            detail.note = core::format_text(text("booking_detail.check_in_later"),
                                            {{"n", std::to_string(settings_.check_in_window.count())}});
        detail.note_optional = true;
        if (!note_.empty()) {
            detail.note = note_;
            detail.note_optional = false;
        }
    }

    // The nearest free times instead of a declined one, as big cards.
    ui::FlowPage& others = pages_["book_alternatives"];
    others.heading = text("booking_detail.declined");
    for (const core::SlotChoice& alt : alternatives_) {
        ui::FlowItem item{"book.alt." + alt.slot.id, ui::Icon::Calendar, when_words(alt.slot.start, alt.slot.end),
                          core::text_in(alt.slot.place, lang_) + " · " + seats_words(alt)};
        item.spoken = when_spoken(alt.slot.start, alt.slot.end);
        others.items.push_back(std::move(item));
    }

    ui::FlowPage& ask = pages_["book_cancel"];
    if (detail_) {
        ask.heading = text("book_cancel.heading");
        ask.lines = {{text("book.line.what"), core::text_in(detail_->service_name, lang_)}, {text("book.line.when"), when_words(detail_->start, detail_->end)}};
        ask.actions = {{"book.cancel_yes", ui::Icon::Cross, text("book.cancel_yes")},
                       {"book.cancel_no", ui::Icon::Back, text("book.cancel_no"), "", ui::ButtonStyle::Primary}};
    }

    ui::FlowPage& pin = pages_["pin_entry"];
    pin.heading = text(pin_.purpose() == PinPurpose::Set ? "pin.heading_set" : "pin.heading_check");
    if (!note_.empty()) pin.heading = note_;
}

std::string BookingFlow::spoken(std::string_view screen) const {
    const ui::FlowPage* p = page(screen);
    if (!p) return {};
    const FlowSpeech say(lang_);
    if (screen == "book_day") return p->heading + say.stop() + text("book_day.prompt") + " " + say.items(p->items);
    if (screen == "book_time") return text("book_time.prompt") + " " + say.items(p->items);
    if (screen == "book_summary") return text("book_summary.prompt") + " " + say.lines(p->lines) + p->note;
    if (screen == "book_done") return p->heading + " " + text("book_done.code_is") + " " + p->code + say.stop() + p->note;
    if (screen == "booking_detail") return say.lines(p->lines) + p->heading + p->note;
    if (screen == "my_bookings" || screen == "book_alternatives") return p->heading + " " + say.items(p->items);
    if (screen == "book" && !p->heading.empty()) return p->heading;
    return {};
}

}  // namespace qiao::app
