// HelpFlow's pages: what each Help screen shows and says, in the visitor's language,
// made from the flow's state in memory (no store access here: this runs in a frame).
#include "app/date_words.hpp"
#include "app/flow_speech.hpp"
#include "app/help_flow.hpp"
#include "core/booking/wall_time.hpp"

namespace qiao::app {

namespace {

struct CategoryCard {
    core::HelpCategory category;
    ui::Icon icon;
};

// The order of the cards: a scam second, where the eye lands early, in a calm colour.
constexpr CategoryCard kCards[] = {
    {core::HelpCategory::PhoneOrApp, ui::Icon::Phone}, {core::HelpCategory::Scam, ui::Icon::Shield},
    {core::HelpCategory::Health, ui::Icon::Heart},     {core::HelpCategory::DailyLife, ui::Icon::House},
    {core::HelpCategory::Other, ui::Icon::Question},
};

}  // namespace

const ui::FlowPage* HelpFlow::page(std::string_view screen) const {
    if (dirty_) rebuild();
    if (screen == "pin_entry" && !pin_owner_) return nullptr;
    const auto it = pages_.find(screen);
    return it == pages_.end() ? nullptr : &it->second;
}

std::string HelpFlow::status_words(const core::HelpRequest& r) const {
    return core::format_text(text("help.status." + r.status), {{"name", r.volunteer_first_name}});
}

std::string HelpFlow::moment_words(const std::string& iso_utc) const {
    const auto at = core::parse_utc_text(iso_utc);
    if (!at) return iso_utc;
    const int offset = settings_.hours.utc_offset_minutes;
    return DateWords(catalog_, lang_).deadline(local_moment(*at, offset), local_moment(seen_at_, offset).date);
}

void HelpFlow::rebuild() const {
    dirty_ = false;
    pages_.clear();
    auto category_words = [&](core::HelpCategory c) { return text("help.cat." + std::string(core::to_string(c))); };

    ui::FlowPage& kinds = pages_["help"];
    for (const CategoryCard& card : kCards) {
        const std::string name(core::to_string(card.category));
        kinds.items.push_back({"help.cat." + name, card.icon, text("help.cat." + name), text("help.cat." + name + ".hint")});
    }
    kinds.bar.push_back({"help.mine", ui::Icon::Ticket, text("help.mine")});

    ui::FlowPage& scam = pages_["help_scam"];
    // Three plain "don'ts", one a line, then what happens next; all of it said at once.
    scam.heading = text("help_scam.heading");
    for (const char* key : {"help_scam.dont_pay", "help_scam.dont_tell", "help_scam.dont_tap"}) scam.lines.push_back({"•", text(key)});
    scam.note = text("help_scam.next_step");
    scam.note_optional = true;
    scam.actions.push_back({"help.scam_next", ui::Icon::Forward, text("help_scam.next"), "", ui::ButtonStyle::Primary});

    ui::FlowPage& record = pages_["help_record"];
    record.heading = !mic_problem_.empty() ? mic_problem_ : !note_.empty() ? note_ : text("help_record.heading");
    record.recording = recording();
    record.seconds = recorder_ ? recorder_->seconds() : 0;
    if (!recording() && message_.empty()) record.seconds = 0;
    record.level = recorder_ && recording() ? recorder_->level() : 0;
    if (recording()) {
        record.actions.push_back({"help.stop", ui::Icon::Stop, text("help.stop"), "", ui::ButtonStyle::Primary});
    } else if (!message_.empty()) {
        record.actions.push_back({"help.play", ui::Icon::Play, text("help.play")});
        record.actions.push_back({"help.again", ui::Icon::Microphone, text("help.again")});
        record.bar.push_back({"help.next", ui::Icon::Forward, text("help.next"), "", ui::ButtonStyle::Primary});
    } else {
        if (mic_problem_.empty())
            record.actions.push_back({"help.record", ui::Icon::Microphone, text("help.record"), "", ui::ButtonStyle::Primary});
        record.bar.push_back({"help.no_message", ui::Icon::Forward, text("help.no_message"), "",
                              mic_problem_.empty() ? ui::ButtonStyle::Plain : ui::ButtonStyle::Primary});
    }

    ui::FlowPage& contact = pages_["help_contact"];
    if (!note_.empty()) contact.heading = note_;
    contact.items = {{"help.contact.phone", ui::Icon::Phone, text("help.contact.phone"), text("help.contact.phone.hint")},
                     {"help.contact.here", ui::Icon::StillHere, text("help.contact.here"), text("help.contact.here.hint")}};

    ui::FlowPage& sent = pages_["help_sent"];
    sent.hide_back = true;
    if (sent_) {
        sent.heading = text(sent_->urgent ? "help_sent.urgent" : "help_sent.heading");
        sent.lines = {{text("help.line.what"), category_words(sent_->category)},
                      {text("help.line.contact"), sent_->at_station ? text("help.line.at_station") : sent_->contact_masked},
                      {text("help.line.message"), text(sent_->has_voice ? "help.line.message_yes" : "help.line.message_no"), "", true},
                      {text("help.line.status"), status_words(*sent_), "", true}};
        sent.note = core::format_text(text(sent_->at_station ? "help_sent.come_by" : "help_sent.call_by"), {{"when", moment_words(sent_->respond_by)}});
        sent.bar.push_back({"help.mine", ui::Icon::Ticket, text("help.mine")});
    }

    ui::FlowPage& mine = pages_["my_requests"];
    mine.heading = text(mine_.empty() ? "my_requests.none" : "my_requests.heading");
    for (std::size_t i = 0; i < mine_.size(); ++i) {
        const core::HelpRequest& r = mine_[i];
        const std::string when = moment_words(r.created_at) + " · ";
        mine.items.push_back({"help.request." + std::to_string(i + 1), r.urgent ? ui::Icon::Shield : ui::Icon::Help, category_words(r.category),
                              when + status_words(r)});
    }

    ui::FlowPage& detail = pages_["request_detail"];
    if (detail_) {
        detail.lines = {{text("help.line.what"), category_words(detail_->category)},
                        {text("help.line.status"), status_words(*detail_)}};
        if (detail_->status != "resolved")
            detail.note = core::format_text(text(detail_->at_station ? "help_sent.come_by" : "help_sent.call_by"),
                                            {{"when", moment_words(detail_->respond_by)}});
        if (detail_->status == "resolved" && detail_->satisfaction.empty()) {
            detail.heading = text("request_detail.ask");
            detail.actions = {{"help.helped", ui::Icon::Smile, text("help.helped")},
                              {"help.not_helped", ui::Icon::Frown, text("help.not_helped")}};
        } else if (!detail_->satisfaction.empty()) {
            detail.note = text("request_detail.thanks");
        }
    }

    ui::FlowPage& pin = pages_["pin_entry"];
    pin.heading = note_.empty() ? text("pin.heading_check") : note_;
}

std::string HelpFlow::spoken(std::string_view screen) const {
    const ui::FlowPage* p = page(screen);
    if (!p) return {};
    const FlowSpeech say(lang_);
    if (screen == "help_scam") return text("help_scam.advice");
    if (screen == "help_sent") return p->heading + " " + p->note;
    if (screen == "request_detail") return say.lines(p->lines) + p->heading + p->note;
    if (screen == "my_requests") return p->heading + " " + say.items(p->items);
    if (screen == "help_record" && !mic_problem_.empty()) return mic_problem_;
    return {};
}

}  // namespace qiao::app
