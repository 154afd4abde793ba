#pragma once
// HelpFlow: the Help side of the kiosk (帮). What kind of help (a scam gets plain advice
// at once) > say it instead of typing it (a recorded message, or none) > how to reach
// you (a phone number, or "I'm here at the station") > sent, with who answers by when.
// "My requests" shows each request's status and, once resolved, asks if it helped.
// Choices arrive by id between frames; the store is written through core::HelpDesk.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/flow_reply.hpp"
#include "app/pin_gate.hpp"
#include "core/help/help_desk.hpp"
#include "core/help/opening_hours.hpp"
#include "core/i18n/catalog.hpp"
#include "core/log.hpp"
#include "ui/flow/flow_page.hpp"
#include "voice/capture/voice_recorder.hpp"

namespace qiao::app {

struct HelpSettings {
    core::OpeningHours hours;
    std::chrono::minutes response{240};
    std::chrono::minutes urgent_response{30};  // a scam in progress cannot wait hours
    std::string microphone;              // the config key: "", "sdl", "none", "file:PATH"
    std::filesystem::path message_dir;   // where recorded messages wait until sent
};

class HelpFlow {
public:
    HelpFlow(core::HelpDesk& desk, core::PhonePins& pins, const core::Catalog& catalog, HelpSettings settings, core::Log& log);
    ~HelpFlow();

    static bool owns(const std::string& id);
    // "Help" from any screen or from home: a fresh request.
    FlowReply start();
    FlowReply choose(const std::string& id, core::WallTime now);
    FlowReply phone_given(const std::string& digits, core::WallTime now);
    FlowReply open_my_requests();
    void set_language(const std::string& lang);
    // Forget the visitor; a message recorded but not sent is deleted.
    void forget_visitor();
    // The sync worker changed the store ("sent", a volunteer took it): read again the
    // requests on screen. Between frames only: it reads the store.
    void store_changed();

    // While recording: take what the microphone heard. True when the screen changed
    // (the seconds, the level) or the 60 s limit stopped it.
    bool poll_recording();
    bool recording() const { return recorder_ && recorder_->recording(); }

    const ui::FlowPage* page(std::string_view screen) const;
    std::string spoken(std::string_view screen) const;
    bool pin_active() const { return pin_owner_; }
    // The keypad is asking for a number to look up (not to book or to call).
    bool asking_for_mine() const { return purpose_ == Purpose::MyRequests; }
    std::size_t pin_typed() const { return pin_.typed(); }
    const std::optional<core::HelpRequest>& last_sent() const { return sent_; }

private:
    enum class Purpose { Send, MyRequests };

    const std::string& text(const std::string& key) const { return catalog_.text(lang_, key); }
    FlowReply start_recording();
    FlowReply stop_recording();
    FlowReply submit(core::WallTime now);
    FlowReply pin_key(char digit, core::WallTime now);
    FlowReply show_my_requests();
    void drop_message();
    std::string status_words(const core::HelpRequest& request) const;
    // "今天15:30", "明天11:00": a stored UTC moment as the site's clock shows it.
    std::string moment_words(const std::string& iso_utc) const;
    void rebuild() const;

    core::HelpDesk& desk_;
    PinGate pin_;
    const core::Catalog& catalog_;
    HelpSettings settings_;
    core::Log& log_;
    std::string lang_ = "zh-CN";

    Purpose purpose_ = Purpose::Send;
    std::optional<core::HelpCategory> category_;
    std::unique_ptr<voice::VoiceRecorder> recorder_;
    std::filesystem::path message_;  // the recorded message, until sent or dropped
    double message_seconds_ = 0;
    std::string mic_problem_;        // a kind sentence when the microphone cannot be used
    std::string phone_;
    bool pin_owner_ = false;
    std::string note_;
    std::optional<core::HelpRequest> sent_;
    std::vector<core::HelpRequest> mine_;
    std::optional<core::HelpRequest> detail_;
    core::WallTime seen_at_{};  // the kiosk's wall clock at the last choice: "today" on the pages
    int last_second_shown_ = -1;
    float last_level_shown_ = 0;

    mutable std::map<std::string, ui::FlowPage, std::less<>> pages_;
    mutable bool dirty_ = true;
};

}  // namespace qiao::app
