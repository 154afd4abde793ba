// StaffFlow, today's bookings: every booking of the site for today (from every station,
// as the back office has them): check people in, mark attended or no-show with a reason
// tapped from a short list, and rebook to another time with a seat free.
#include <algorithm>
#include <cstdlib>

#include "app/date_words.hpp"
#include "app/staff_flow.hpp"
#include "core/identity/phone_number.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::app {

namespace {

constexpr const char* kNoShowReasons[] = {"did_not_come", "phoned_ill", "phoned_cannot", "too_late"};
constexpr int kRebookDays = 7;


}  // namespace

const core::DayBooking* StaffFlow::open_booking() const {
    if (!booking_id_) return nullptr;
    const auto it = std::find_if(day_bookings_.begin(), day_bookings_.end(), [&](const core::DayBooking& b) { return b.id == *booking_id_; });
    return it == day_bookings_.end() ? nullptr : &*it;
}

std::string StaffFlow::service_title(const std::string& service_id) const {
    if (const core::Schedule* schedule = setup_.bookings.schedule())
        for (const core::Service& s : schedule->services())
            if (s.id == service_id) return core::text_in(s.name, lang_);
    return service_id;
}

FlowReply StaffFlow::open_bookings(core::WallTime now) {
    part_ = Part::Bookings;
    booking_id_.reset();
    booking_note_.clear();
    // The back office lists by UTC day; the site's day may reach into two of them.
    const LocalMoment today = local_moment(now, setup_.utc_offset_minutes);
    bookings_day_start_ = now - std::chrono::minutes(today.minute) -
                          std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()) % 60;
    bookings_by_utc_day_.clear();
    if (booking_lists_waiting_ == 0) {
        const std::string first = core::iso8601_utc(bookings_day_start_).substr(0, 10);
        const std::string last = core::iso8601_utc(bookings_day_start_ + std::chrono::hours(24) - std::chrono::seconds(1)).substr(0, 10);
        ask(core::StaffRequest::day_bookings(session_->account().id, first));
        if (last != first) ask(core::StaffRequest::day_bookings(session_->account().id, last));
    }
    build_booking_pages(now);
    return FlowReply::to("staff_bookings");
}

FlowReply StaffFlow::booking_choice(const std::string& id, core::WallTime now) {
    const std::string& me = session_->account().id;
    if (id.rfind("staff.booking.item.", 0) == 0) {
        // Cards are named by their place in the list (1 is the first), as tours see them.
        const std::size_t n = std::strtoul(id.c_str() + 19, nullptr, 10);
        if (n < 1 || n > day_bookings_.size()) return {};
        booking_id_ = day_bookings_[n - 1].id;
        booking_note_.clear();
        build_booking_pages(now);
        return FlowReply::to("staff_booking_detail");
    }
    const core::DayBooking* b = open_booking();
    if (!b) return {};
    FlowReply reply;
    if (id == "staff.booking.check_in") {
        // Through the outbox, like a senior's own check-in: it reaches the back office
        // even if the network is away right now.
        core::Transaction tx(setup_.db);
        setup_.outbox.add("booking_check_in", {{"id", b->id}, {"code", b->code}, {"checked_in_at", core::iso8601_utc(now)}});
        tx.commit();
        booking_note_ = text("staff_booking.checked_in");
        const auto it = std::find_if(day_bookings_.begin(), day_bookings_.end(), [&](const core::DayBooking& d) { return d.id == b->id; });
        it->state = "checked_in";
    } else if (id == "staff.booking.attended") {
        ask(core::StaffRequest::attendance(me, b->id, "attended"));
        booking_note_ = text("staff.asking");
    } else if (id == "staff.booking.no_show") {
        build_booking_pages(now);
        return FlowReply::to("staff_no_show");
    } else if (id.rfind("staff.booking.reason.", 0) == 0) {
        const std::string which = id.substr(21);
        if (std::find(std::begin(kNoShowReasons), std::end(kNoShowReasons), which) == std::end(kNoShowReasons)) return {};
        ask(core::StaffRequest::attendance(me, b->id, "no_show", text("staff_booking.reason." + which)));
        booking_note_ = text("staff.asking");
        reply.back = true;
    } else if (id == "staff.booking.rebook") {
        build_booking_pages(now);
        return FlowReply::to("staff_rebook");
    } else if (id.rfind("staff.booking.slot.", 0) == 0) {
        ask(core::StaffRequest::rebook(me, b->id, id.substr(19)));
        booking_note_ = text("staff.asking");
        reply.back = true;
    }
    build_booking_pages(now);
    return reply;
}

void StaffFlow::take_booking_answer(const core::StaffAnswer& a, core::WallTime now) {
    if (a.kind == core::StaffRequestKind::DayBookings) {
        booking_lists_waiting_ = std::max(0, booking_lists_waiting_ - 1);
        if (!a.ok()) {
            bookings_heading_ = failure_words(a);
            return;
        }
        bookings_by_utc_day_[a.date] = a.bookings;
        // Of both UTC days, the bookings that start on the site's day, by time.
        day_bookings_.clear();
        const auto from = bookings_day_start_, to = bookings_day_start_ + std::chrono::hours(24);
        for (const auto& [day, list] : bookings_by_utc_day_)
            for (const core::DayBooking& b : list)
                if (const auto at = core::parse_utc_time(b.starts_at); at && *at >= from && *at < to) day_bookings_.push_back(b);
        std::stable_sort(day_bookings_.begin(), day_bookings_.end(),
                         [](const core::DayBooking& x, const core::DayBooking& y) { return x.starts_at < y.starts_at; });
        const LocalMoment at = local_moment(now, setup_.utc_offset_minutes);
        bookings_heading_ = (day_bookings_.empty() ? text("staff_bookings.empty")
                                                   : format("staff_bookings.count", {{"n", std::to_string(day_bookings_.size())}})) +
                            " " + format("staff.updated", {{"time", DateWords::clock(at.minute)}});
        return;
    }
    // Attendance, rebook: the booking as it is now, or why not.
    if (a.booking) {
        const auto it = std::find_if(day_bookings_.begin(), day_bookings_.end(), [&](const core::DayBooking& d) { return d.id == a.booking->id; });
        if (it != day_bookings_.end()) *it = *a.booking;
    }
    if (a.ok()) {
        if (a.kind == core::StaffRequestKind::Rebook && a.booking) {
            const auto at = core::parse_utc_time(a.booking->starts_at);
            const LocalMoment m = local_moment(at.value_or(now), setup_.utc_offset_minutes);
            booking_note_ = format("staff_booking.moved", {{"when", DateWords(catalog_, lang_).day_and_date(m.date, local_moment(now, setup_.utc_offset_minutes).date) +
                                                                       " " + DateWords::clock(m.minute)}});
        } else {
            booking_note_ = text("staff_booking.saved");
        }
    } else {
        booking_note_ = failure_words(a);
    }
}

void StaffFlow::build_booking_pages(core::WallTime now) {
    ui::FlowPage& list = pages_["staff_bookings"];
    list = {};
    list.keep_captions = true;
    list.heading = bookings_heading_.empty() || (booking_lists_waiting_ > 0 && day_bookings_.empty()) ? text("staff.asking") : bookings_heading_;
    for (const core::DayBooking& b : day_bookings_) {
        const auto at = core::parse_utc_time(b.starts_at);
        const std::string time = at ? DateWords::clock(local_moment(*at, setup_.utc_offset_minutes).minute) : std::string();
        list.items.push_back({"staff.booking.item." + std::to_string(list.items.size() + 1), ui::Icon::Calendar, time + "  " + service_title(b.service_id),
                              b.phone_masked + " · " + text("book.state." + b.state)});
    }

    ui::FlowPage& detail = pages_["staff_booking_detail"];
    detail = {};
    ui::FlowPage& reasons = pages_["staff_no_show"];
    reasons = {};
    ui::FlowPage& slots = pages_["staff_rebook"];
    slots = {};
    slots.keep_captions = true;
    const core::DayBooking* b = open_booking();
    if (!b) return;
    const auto start = core::parse_utc_time(b->starts_at), end = core::parse_utc_time(b->ends_at);
    detail.lines.push_back({text("staff_booking.what"), service_title(b->service_id), ""});
    if (start && end)
        detail.lines.push_back({text("staff_booking.when"),
                                DateWords::clock_range(local_moment(*start, setup_.utc_offset_minutes).minute,
                                                       local_moment(*end, setup_.utc_offset_minutes).minute),
                                ""});
    detail.lines.push_back({text("staff_booking.number"), core::grouped_phone(b->phone) + (b->for_someone_else ? " · " + text("staff_booking.for_other") : ""), ""});
    detail.lines.push_back({text("staff_booking.code"), b->code, "", true});
    detail.lines.push_back({text("staff_booking.state"), text("book.state." + b->state) + (b->reason.empty() ? "" : " · " + b->reason), ""});
    detail.note = booking_note_;
    const bool holds_seat = b->state == "confirmed" || b->state == "checked_in";
    if (b->state == "confirmed") detail.actions.push_back({"staff.booking.check_in", ui::Icon::Door, text("staff_booking.check_in"), "", ui::ButtonStyle::Primary});
    if (holds_seat || b->state == "attended" || b->state == "no_show") {
        detail.actions.push_back({"staff.booking.attended", ui::Icon::Check, text("staff_booking.attended")});
        detail.actions.push_back({"staff.booking.no_show", ui::Icon::Cross, text("staff_booking.no_show")});
    }
    if (holds_seat || b->state == "waiting") detail.actions.push_back({"staff.booking.rebook", ui::Icon::Clock, text("staff_booking.rebook")});

    reasons.heading = text("staff_no_show.heading");
    for (const char* which : kNoShowReasons)
        reasons.items.push_back({std::string("staff.booking.reason.") + which, ui::Icon::None, text(std::string("staff_booking.reason.") + which), ""});

    // Another time of the same service, in the next days, with a seat free.
    slots.heading = text("staff_rebook.heading");
    const DateWords dates(catalog_, lang_);
    const core::LocalDate today = local_moment(now, setup_.utc_offset_minutes).date;
    for (const core::DayChoice& day : setup_.bookings.open_days(b->service_id, now, kRebookDays))
        for (const core::SlotChoice& slot : setup_.bookings.slots_on(b->service_id, day.date, now))
            if (slot.seats_left > 0 && !slot.full && slot.slot.id != b->slot_id)
                slots.items.push_back({"staff.booking.slot." + slot.slot.id, ui::Icon::Clock,
                                       dates.day_name(day.date, today) + " " +
                                           DateWords::clock_range(local_moment(slot.slot.start, setup_.utc_offset_minutes).minute,
                                                                  local_moment(slot.slot.end, setup_.utc_offset_minutes).minute),
                                       format("staff_rebook.seats", {{"n", std::to_string(slot.seats_left)}})});
    if (slots.items.empty()) slots.heading = text("staff_rebook.none");
}

}  // namespace qiao::app
