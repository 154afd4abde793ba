#include "app/help_flow.hpp"

#include <cmath>
#include <cstdlib>
#include <system_error>

#include "core/identity/phone_number.hpp"
#include "voice/capture/voice_capture.hpp"

namespace qiao::app {

namespace {

constexpr std::string_view kCategoryPrefix = "help.cat.";
constexpr std::string_view kRequestPrefix = "help.request.";

}  // namespace

HelpFlow::HelpFlow(core::HelpDesk& desk, core::PhonePins& pins, const core::Catalog& catalog, HelpSettings settings, core::Log& log)
    : desk_(desk), pin_(pins), catalog_(catalog), settings_(std::move(settings)), log_(log) {}

HelpFlow::~HelpFlow() { drop_message(); }

bool HelpFlow::owns(const std::string& id) { return std::string_view(id).starts_with("help.") || id == "common.help"; }

void HelpFlow::set_language(const std::string& lang) {
    lang_ = lang;
    dirty_ = true;
}

void HelpFlow::drop_message() {
    if (recorder_ && recorder_->recording()) recorder_->cancel();
    if (!message_.empty()) voice::delete_recording(message_);
    message_.clear();
    message_seconds_ = 0;
}

void HelpFlow::forget_visitor() {
    drop_message();
    recorder_.reset();
    purpose_ = Purpose::Send;
    category_.reset();
    mic_problem_.clear();
    phone_.clear();
    pin_.forget();
    pin_owner_ = false;
    note_.clear();
    sent_.reset();
    mine_.clear();
    detail_.reset();
    dirty_ = true;
}

FlowReply HelpFlow::start() {
    // A fresh request each time: what an earlier try recorded is not sent by mistake.
    drop_message();
    purpose_ = Purpose::Send;
    category_.reset();
    mic_problem_.clear();
    note_.clear();
    dirty_ = true;
    return FlowReply::to("help");
}

FlowReply HelpFlow::open_my_requests() {
    purpose_ = Purpose::MyRequests;
    phone_.clear();
    dirty_ = true;
    return FlowReply::to("phone_entry");
}

FlowReply HelpFlow::choose(const std::string& id, core::WallTime now) {
    dirty_ = true;
    seen_at_ = now;
    note_.clear();
    try {
        if (id == "common.help") return start();
        if (std::string_view(id).starts_with(kCategoryPrefix)) {
            category_ = core::parse_help_category(id.substr(kCategoryPrefix.size()));
            purpose_ = Purpose::Send;
            // A scam cannot wait for a volunteer: the advice comes first, at once.
            return FlowReply::to(*category_ == core::HelpCategory::Scam ? "help_scam" : "help_record");
        }
        if (id == "help.scam_next") return FlowReply::to("help_record");
        if (id == "help.record" || id == "help.again") return start_recording();
        if (id == "help.stop") return stop_recording();
        if (id == "help.play") {
            FlowReply r;
            r.clip = message_;
            r.redraw = false;
            return r;
        }
        if (id == "help.next" || id == "help.no_message") {
            if (id == "help.no_message") drop_message();
            return FlowReply::to("help_contact");
        }
        if (id == "help.contact.phone") {
            purpose_ = Purpose::Send;
            return FlowReply::to("phone_entry");
        }
        if (id == "help.contact.here") {
            phone_.clear();
            return submit(now);
        }
        if (id == "help.mine") return open_my_requests();
        if (std::string_view(id).starts_with(kRequestPrefix)) {
            // By place in the list ("help.request.1" is the newest), as the screen shows them.
            const std::size_t place = std::strtoul(id.c_str() + kRequestPrefix.size(), nullptr, 10);
            if (place < 1 || place > mine_.size()) return {};
            detail_ = desk_.find(mine_[place - 1].id);
            return detail_ ? FlowReply::to("request_detail") : FlowReply{};
        }
        if (id == "help.helped" || id == "help.not_helped") {
            if (!detail_) return {};
            desk_.record_satisfaction(detail_->id, id == "help.helped", now);
            detail_ = desk_.find(detail_->id);
            return FlowReply::saying(text("request_detail.thanks"));
        }
        if (std::string_view(id).starts_with("pin.key.")) return pin_key(id.back(), now);
    } catch (const core::HelpError& e) {
        log_.info(std::string("help request refused: ") + e.what());
        note_ = text("help.error");
        return FlowReply::saying(note_);
    }
    log_.warning("help: no such choice \"" + id + "\"");
    return {};
}

FlowReply HelpFlow::start_recording() {
    drop_message();
    mic_problem_.clear();
    try {
        if (!recorder_)
            recorder_ = std::make_unique<voice::VoiceRecorder>(voice::make_voice_capture(settings_.microphone), settings_.message_dir);
        recorder_->start();
    } catch (const voice::CaptureError& e) {
        log_.warning(std::string("the microphone cannot be used: ") + e.what());
        recorder_.reset();
        mic_problem_ = text(e.kind() == voice::CaptureError::Kind::Busy ? "help_record.mic_busy" : "help_record.no_mic");
        return FlowReply::saying(mic_problem_);
    } catch (const std::exception& e) {
        log_.error(std::string("the microphone is set up wrongly: ") + e.what());
        recorder_.reset();
        mic_problem_ = text("help_record.no_mic");
        return FlowReply::saying(mic_problem_);
    }
    last_second_shown_ = -1;
    FlowReply r;
    r.hush = true;  // the microphone would hear the voice
    return r;
}

FlowReply HelpFlow::stop_recording() {
    if (!recorder_ || !recorder_->recording()) return {};
    try {
        message_ = recorder_->finish();
        message_seconds_ = recorder_->seconds();
        return FlowReply::saying(text("help_record.kept"));
    } catch (const voice::RecordingError& e) {
        log_.warning(std::string("the help message was not kept: ") + e.what());
        message_.clear();
        note_ = text(e.kind() == voice::RecordingError::Kind::Nothing ? "help_record.heard_nothing" : "help_record.not_saved");
        return FlowReply::saying(note_);
    }
}

bool HelpFlow::poll_recording() {
    if (!recording()) return false;
    if (recorder_->poll()) {  // the limit: it stopped by itself; keep what it has
        stop_recording();
        dirty_ = true;
        return true;
    }
    const int second = static_cast<int>(recorder_->seconds());
    const float level = recorder_->level();
    if (second != last_second_shown_ || std::fabs(level - last_level_shown_) > 0.05f) {
        last_second_shown_ = second;
        last_level_shown_ = level;
        dirty_ = true;
        return true;
    }
    return false;
}

FlowReply HelpFlow::phone_given(const std::string& digits, core::WallTime now) {
    dirty_ = true;
    seen_at_ = now;
    phone_ = digits;
    if (purpose_ == Purpose::Send) return submit(now);
    if (pin_.has_pin(digits)) {
        pin_.begin(PinPurpose::Check, digits);
        pin_owner_ = true;
        return FlowReply::to("pin_entry");
    }
    return show_my_requests();
}

FlowReply HelpFlow::pin_key(char digit, core::WallTime now) {
    switch (pin_.key(digit, now)) {
    case PinOutcome::More: return FlowReply::saying(core::format_text(text("pin.typed"), {{"n", std::to_string(pin_.typed())}}));
    case PinOutcome::Right: {
        pin_owner_ = false;
        FlowReply r = show_my_requests();
        r.go.reset();
        r.restart = std::vector<std::string>{"help", "my_requests"};
        return r;
    }
    case PinOutcome::Wrong: note_ = text("pin.wrong"); return FlowReply::saying(note_);
    case PinOutcome::Locked: note_ = text("pin.locked"); return FlowReply::saying(note_);
    case PinOutcome::Set: pin_owner_ = false; return {};
    }
    return {};
}

void HelpFlow::store_changed() {
    if (sent_) sent_ = desk_.find(sent_->id).value_or(*sent_);
    if (!mine_.empty() && !phone_.empty()) mine_ = desk_.requests_for_phone(phone_);
    if (detail_) detail_ = desk_.find(detail_->id);
    dirty_ = true;
}

FlowReply HelpFlow::show_my_requests() {
    mine_ = desk_.requests_for_phone(phone_);
    return FlowReply::to("my_requests");
}

FlowReply HelpFlow::submit(core::WallTime now) {
    if (recording()) stop_recording();
    core::HelpRequestDraft draft;
    draft.category = category_.value_or(core::HelpCategory::Other);
    draft.phone_digits = phone_;
    draft.at_station = phone_.empty();
    draft.voice_path = message_.string();
    const bool urgent = draft.category == core::HelpCategory::Scam;
    const auto by = core::respond_by(now, urgent ? settings_.urgent_response : settings_.response, settings_.hours);
    sent_ = desk_.submit(draft, now, by);
    message_.clear();  // it belongs to the request now: deleted once the back office has it
    message_seconds_ = 0;
    log_.info("help request " + sent_->id + " stored (" + std::string(core::to_string(sent_->category)) + ")");
    FlowReply r;
    r.restart = std::vector<std::string>{"help_sent"};
    return r;
}

}  // namespace qiao::app
