// StaffFlow, the help queue: the site's open requests as the back office has them (from
// every station), with the deadline counting down, the kind of help, the callback number
// in full (staff only), the voice message to play; claim (the first claim wins: another
// volunteer's claim shows at the next look, every 30 s while the queue is on screen),
// add a note (plain sentences to tap: nothing to type), resolve.
#include <algorithm>
#include <cstdlib>

#include "app/date_words.hpp"
#include "app/staff_flow.hpp"
#include "core/identity/phone_number.hpp"

namespace qiao::app {

namespace {

constexpr auto kHelpRefresh = std::chrono::seconds(30);
constexpr const char* kNotes[] = {"no_answer", "call_again", "solved_by_phone", "will_visit", "to_manager"};


}  // namespace

const core::HelpTicket* StaffFlow::open_ticket() const {
    if (!ticket_id_) return nullptr;
    const auto it = std::find_if(tickets_.begin(), tickets_.end(), [&](const core::HelpTicket& t) { return t.id == *ticket_id_; });
    return it == tickets_.end() ? nullptr : &*it;
}

void StaffFlow::ask(core::StaffRequest request) {
    if (!link_) return;
    if (request.kind == core::StaffRequestKind::HelpList) ++help_lists_waiting_;
    if (request.kind == core::StaffRequestKind::DayBookings) ++booking_lists_waiting_;
    link_->send(std::move(request));
}

FlowReply StaffFlow::open_help(core::WallTime now) {
    part_ = Part::Help;
    ticket_id_.reset();
    help_note_.clear();
    if (help_lists_waiting_ == 0) {
        ask(core::StaffRequest::help_list(session_->account().id));
        help_asked_at_ = now;
    }
    build_help_pages(now);
    return FlowReply::to("staff_help");
}

FlowReply StaffFlow::help_choice(const std::string& id, core::WallTime now) {
    const std::string& me = session_->account().id;
    if (id == "staff.help.refresh") {
        if (help_lists_waiting_ == 0) ask(core::StaffRequest::help_list(me));
        help_asked_at_ = now;
        build_help_pages(now);
        return {};
    }
    if (id.rfind("staff.help.request.", 0) == 0) {
        // Cards are named by their place in the list (1 is the first), as tours see them.
        const std::size_t n = std::strtoul(id.c_str() + 19, nullptr, 10);
        if (n < 1 || n > shown_tickets_.size()) return {};
        ticket_id_ = shown_tickets_[n - 1];
        help_note_.clear();
        build_help_pages(now);
        return FlowReply::to("staff_help_detail");
    }
    const core::HelpTicket* t = open_ticket();
    if (!t) return {};
    if (id == "staff.help.play") {
        ask(core::StaffRequest::help_voice(me, t->id));
        help_note_ = text("staff_help.fetching_voice");
    } else if (id == "staff.help.claim") {
        ask(core::StaffRequest::claim(me, t->id));
        help_note_ = text("staff.asking");
    } else if (id == "staff.help.resolve") {
        ask(core::StaffRequest::resolve(me, t->id));
        help_note_ = text("staff.asking");
    } else if (id == "staff.help.add_note") {
        build_help_pages(now);
        return FlowReply::to("staff_help_note");
    } else if (id.rfind("staff.help.note.", 0) == 0) {
        const std::string which = id.substr(16);
        if (std::find(std::begin(kNotes), std::end(kNotes), which) == std::end(kNotes)) return {};
        ask(core::StaffRequest::note(me, t->id, text("staff_help.note." + which)));
        help_note_ = text("staff.asking");
        build_help_pages(now);
        FlowReply r;
        r.back = true;
        return r;
    }
    build_help_pages(now);
    return {};
}

void StaffFlow::take_help_answer(const core::StaffAnswer& a, core::WallTime now) {
    using K = core::StaffRequestKind;
    if (a.kind == K::HelpList) {
        help_lists_waiting_ = std::max(0, help_lists_waiting_ - 1);
        if (a.ok()) {
            tickets_ = a.tickets;
            const LocalMoment at = local_moment(now, setup_.utc_offset_minutes);
            help_heading_ = tickets_.empty() ? text("staff_help.empty")
                                             : format("staff_help.count", {{"n", std::to_string(tickets_.size())}});
            help_heading_ += " " + format("staff.updated", {{"time", DateWords::clock(at.minute)}});
        } else {
            help_heading_ = failure_words(a);
        }
        return;
    }
    if (a.kind == K::HelpVoice) {
        if (a.ok()) {
            clip_to_play_ = a.voice_file;
            help_note_ = text("staff_help.playing");
        } else {
            help_note_ = failure_words(a);
        }
        return;
    }
    // Claim, note, resolve: the request as it is now, or why not.
    if (a.ticket) {
        const auto it = std::find_if(tickets_.begin(), tickets_.end(), [&](const core::HelpTicket& t) { return t.id == a.ticket->id; });
        if (it != tickets_.end()) *it = *a.ticket;
        else tickets_.push_back(*a.ticket);
    }
    if (a.ok()) {
        help_note_ = text(a.kind == K::HelpClaim ? "staff_help.claimed" : a.kind == K::HelpNote ? "staff_help.noted" : "staff_help.resolved");
    } else if (a.failure == core::staff_failure::kAlreadyClaimed && a.claimed_by) {
        help_note_ = format("staff_help.taken_by_other", {{"name", a.claimed_by->first_name}});
        // Show who has it now, as the back office sees it.
        if (help_lists_waiting_ == 0) ask(core::StaffRequest::help_list(session_->account().id));
        help_asked_at_ = now;
    } else {
        help_note_ = failure_words(a);
    }
}

std::string StaffFlow::countdown_words(const std::string& respond_by, core::WallTime now) const {
    const auto by = core::parse_utc_time(respond_by);
    if (!by) return {};
    const long long minutes = std::chrono::duration_cast<std::chrono::minutes>(*by - now).count();
    if (minutes >= 0) return format("staff_help.left", {{"time", minutes_words(minutes)}});
    return format("staff_help.late", {{"time", minutes_words(-minutes)}});
}

std::string StaffFlow::ticket_status_words(const core::HelpTicket& t) const {
    if (t.status == "resolved") return text("staff_help.status.resolved");
    if (t.claimed_by) {
        if (t.claimed_by->id == session_->account().id) return text("staff_help.status.mine");
        return format("staff_help.status.taken", {{"name", t.claimed_by->first_name}});
    }
    return text("staff_help.status.open");
}

void StaffFlow::build_help_pages(core::WallTime now) {
    pages_built_at_ = now;
    const bool asking = help_lists_waiting_ > 0;
    ui::FlowPage& list = pages_["staff_help"];
    list = {};
    list.keep_captions = true;
    list.heading = help_heading_.empty() || (asking && tickets_.empty()) ? text("staff.asking") : help_heading_;
    list.bar.push_back({"staff.help.refresh", ui::Icon::Forward, text("staff.refresh")});
    shown_tickets_.clear();
    for (const core::HelpTicket& t : tickets_) {
        if (t.status == "resolved") continue;
        shown_tickets_.push_back(t.id);
        const std::string kind = text("staff.cat." + t.category);
        ui::FlowItem item{"staff.help.request." + std::to_string(shown_tickets_.size()), t.urgent ? ui::Icon::Shield : ui::Icon::Help,
                          kind + " · " + countdown_words(t.respond_by, now),
                          (t.at_station ? text("staff_help.at_station") : core::grouped_phone(t.phone)) + " · " + ticket_status_words(t)};
        const auto by = core::parse_utc_time(t.respond_by);
        // Late or escalated and nobody has it: it is the one to take first.
        if (!t.claimed_by && (t.escalated || (by && *by < now))) item.style = ui::ButtonStyle::Help;
        list.items.push_back(std::move(item));
    }

    ui::FlowPage& detail = pages_["staff_help_detail"];
    detail = {};
    ui::FlowPage& notes = pages_["staff_help_note"];
    notes = {};
    const core::HelpTicket* t = open_ticket();
    if (!t) return;
    const DateWords dates(catalog_, lang_);
    const LocalMoment today = local_moment(now, setup_.utc_offset_minutes);
    auto when = [&](const std::string& iso) {
        const auto at = core::parse_utc_time(iso);
        if (!at) return std::string();
        const LocalMoment m = local_moment(*at, setup_.utc_offset_minutes);
        return dates.day_name(m.date, today.date) + " " + DateWords::clock(m.minute);
    };
    detail.lines.push_back({text("staff_help.kind"), text("staff.cat." + t->category) + (t->urgent ? " · " + text("staff_help.urgent") : ""), ""});
    detail.lines.push_back({text("staff_help.number"), t->at_station ? text("staff_help.at_station") : core::grouped_phone(t->phone), ""});
    detail.lines.push_back({text("staff_help.where"), t->kiosk_name.empty() ? t->kiosk_id : t->kiosk_name, "", true});
    detail.lines.push_back({text("staff_help.asked"), when(t->created_at), "", true});
    detail.lines.push_back({text("staff_help.answer_by"), when(t->respond_by) + "  (" + countdown_words(t->respond_by, now) + ")", ""});
    detail.lines.push_back({text("staff_help.status"), ticket_status_words(*t), ""});
    if (!t->notes.empty()) {
        std::string all;
        // The latest three: the screen is for acting, the back office keeps them all.
        for (std::size_t i = t->notes.size() > 3 ? t->notes.size() - 3 : 0; i < t->notes.size(); ++i) {
            const auto at = core::parse_utc_time(t->notes[i].at);
            const std::string time = at ? DateWords::clock(local_moment(*at, setup_.utc_offset_minutes).minute) : std::string();
            all += (all.empty() ? "" : "\n") + time + " " + t->notes[i].by.first_name + ": " + t->notes[i].text;
        }
        detail.lines.push_back({text("staff_help.notes"), all, ""});
    }
    detail.note = help_note_;
    const bool mine = t->claimed_by && t->claimed_by->id == session_->account().id;
    if (t->has_voice) detail.actions.push_back({"staff.help.play", ui::Icon::Play, text("staff_help.play")});
    if (t->status == "open") detail.actions.push_back({"staff.help.claim", ui::Icon::Check, text("staff_help.claim"), "", ui::ButtonStyle::Primary});
    detail.actions.push_back({"staff.help.add_note", ui::Icon::Ticket, text("staff_help.add_note")});
    if (t->status != "resolved" && (t->status == "open" || mine || is_manager()))
        detail.actions.push_back({"staff.help.resolve", ui::Icon::Smile, text("staff_help.resolve")});

    notes.heading = text("staff_help_note.heading");
    for (const char* which : kNotes) notes.items.push_back({std::string("staff.help.note.") + which, ui::Icon::None, text(std::string("staff_help.note.") + which), ""});
}

std::string StaffFlow::failure_words(const core::StaffAnswer& a) const {
    if (!a.office_message.empty()) log_.info("staff: the back office said: " + a.office_message);
    const std::string key = "staff.failure." + a.failure;
    return catalog_.has_key(key) ? text(key) : text("staff.failure.refused");
}

bool StaffFlow::take_link_answers(core::WallTime now) {
    if (!link_) return false;
    std::vector<core::StaffAnswer> answers = link_->take_answers();
    if (answers.empty()) return false;
    using K = core::StaffRequestKind;
    for (const core::StaffAnswer& a : answers) {
        if (!a.ok()) log_.warning("staff: a call to the back office failed: " + a.failure + (a.detail.empty() ? "" : " (" + a.detail + ")"));
        switch (a.kind) {
        case K::HelpList:
        case K::HelpVoice:
        case K::HelpClaim:
        case K::HelpNote:
        case K::HelpResolve: take_help_answer(a, now); break;
        case K::DayBookings:
        case K::Attendance:
        case K::Rebook: take_booking_answer(a, now); break;
        case K::Figures: take_figures_answer(a); break;
        }
    }
    build_help_pages(now);
    build_booking_pages(now);
    if (part_ == Part::Health) build_health_page(now);
    return true;
}

bool StaffFlow::refresh_due(core::WallTime now) {
    if (!session_ || part_ != Part::Help) return false;
    if (help_lists_waiting_ == 0 && (!help_asked_at_ || now - *help_asked_at_ >= kHelpRefresh)) {
        ask(core::StaffRequest::help_list(session_->account().id));
        help_asked_at_ = now;
    }
    // The countdowns move on by the minute.
    if (pages_built_at_ && now - *pages_built_at_ < std::chrono::seconds(60)) return false;
    build_help_pages(now);
    return true;
}

}  // namespace qiao::app
