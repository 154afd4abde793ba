#pragma once
// Kiosk: the running station. It wires the parts together: the window (SdlVideo), the
// local store, the catalogs, speech, the screens and the touch and idle rules, and it
// runs the loop that draws only when something changed and otherwise sleeps until the
// next event or deadline. It implements KioskActions, the only way screens change
// anything.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/booking_flow.hpp"
#include "app/help_flow.hpp"
#include "app/lesson_player.hpp"
#include "app/loop_waker.hpp"
#include "app/sdl_picture_cache.hpp"
#include "app/sdl_video.hpp"
#include "app/staff_flow.hpp"
#include "app/touch_tally.hpp"
#include "core/config/kiosk_config.hpp"
#include "core/config/launch_options.hpp"
#include "core/i18n/catalog.hpp"
#include "core/idle/idle_watch.hpp"
#include "core/booking/booking_service.hpp"
#include "core/help/help_desk.hpp"
#include "core/identity/phone_pins.hpp"
#include "core/lessons/progress_store.hpp"
#include "core/outbox/outbox.hpp"
#include "core/print/slip.hpp"
#include "core/log.hpp"
#include "core/storage/local_store.hpp"
#include "core/storage/settings_store.hpp"
#include "core/storage/touch_stats.hpp"
#include "core/sync/sync_worker.hpp"
#include "core/time/clock.hpp"
#include "core/touch/tap_recognizer.hpp"
#include "ui/font_set.hpp"
#include "ui/router.hpp"
#include "ui/screen.hpp"
#include "ui/screen_registry.hpp"
#include "voice/speech_service.hpp"

union SDL_Event;

namespace qiao::app {

struct KioskSetup {
    core::KioskConfig config;    // the config file's values (or defaults)
    core::LaunchOptions flags;   // command-line flags: they win over everything
    bool headless = false;
    std::filesystem::path resources;  // holds i18n/ and assets/
};

// Figures the kiosk keeps about itself, for the log and bench/.
struct KioskFigures {
    double startup_to_first_frame_ms = 0;  // from construction start
    double font_build_ms = 0;
    int glyphs = 0;
    int atlas_w = 0, atlas_h = 0;
    std::uint64_t frames = 0;
    std::vector<double> tap_to_frame_ms;   // release handled -> frame showing its effect presented
    std::vector<int> tap_to_frame_frames;  // frames drawn in between (1 = the very next frame)
    std::vector<double> frame_build_ms;    // draw_frame() -> ImGui::Render() done: our layout and draw list (not an atlas bake)
    std::vector<double> frame_render_ms;   // RenderDrawData + SDL_RenderPresent: SDL rasterises and presents
};

class Kiosk final : public ui::KioskActions, public ui::FlowView {
public:
    Kiosk(KioskSetup setup, core::Log& log, LoopWaker& waker);
    ~Kiosk() override;
    Kiosk(const Kiosk&) = delete;
    Kiosk& operator=(const Kiosk&) = delete;

    // Runs until the window closes, SIGTERM (headless) or quit(); returns an exit code.
    int run();
    void quit() { quit_ = true; }

    // One turn of the loop without sleeping: take events, follow the idle rules, and
    // draw if anything changed. Returns false once quitting.
    bool turn();
    // Turns and sleeps until nothing is left to do or `max` passes (tours, tests).
    void settle(core::Duration max);
    bool wants_frame() const { return frames_wanted_ > 0; }
    // Milliseconds until the next deadline (idle); -1 when there is none.
    int ms_until_deadline() const;
    // 0..1, the "tap here" ring's swell this frame (see ui::ScreenContext).
    float highlight_pulse() const;

    // Input as the window would deliver it, in window pixels.
    void pointer_down(float x, float y);
    void pointer_move(float x, float y);
    void pointer_up(float x, float y);

    // KioskActions
    void go(std::string_view screen_id) override;
    void back() override;
    void home() override;
    void listen_again() override;
    void set_text_size(core::TextSize size) override;
    void set_language(const std::string& code) override;
    void set_voice(bool on) override;
    void set_speech_rate(int wpm) override;
    void still_here() override;
    void open_lesson(const std::string& pack_id, const std::string& lesson_id) override;
    void lesson_tap(const std::string& target) override;
    void lesson_choose(int answer) override;
    void lesson_next() override;
    void lesson_back() override;
    void leave_lesson() override;
    void phone_key(char key) override;
    void phone_done() override;
    void phone_confirm(bool right) override;
    void flow_choose(const std::string& id) override;
    // Something a screen shows changed: draw again (and, mid-frame, draw this frame again).
    void redraw() override {
        changed_during_draw_ = true;
        ++frames_wanted_;
    }
    // FlowView
    const ui::FlowPage* flow_page(std::string_view screen_id) const override;

    // The wall clock bookings and help requests are made by: the system's, or the one
    // a tour or demo set (site-local "2026-12-01T09:00"); it moves on with clock().
    core::WallTime wall_now() const;
    void set_wall_clock(const std::string& site_local);
    // Tours: load a services file (relative to the resources folder), and apply what
    // the back office would send (the sync worker's job, a later issue).
    void load_services(const std::string& file);
    void backoffice_update(const std::string& json_text);
    core::Outbox& outbox() { return outbox_; }
    // The sync worker, when the kiosk is enrolled with a back office (else null).
    const core::SyncWorker* sync() const { return sync_.get(); }
    // Starts a sync round now (tours: wait-sync); nothing when the kiosk is not enrolled.
    void sync_now() {
        if (sync_) sync_->nudge();
    }
    const BookingFlow& booking() const { return *booking_; }
    const HelpFlow& help() const { return *help_; }
    const StaffFlow& staff() const { return *staff_; }

    // What tours and tests look at.
    const ui::FrameRecords& last_frame() const { return last_frame_; }
    std::string current_screen() const;
    const ui::VisitorView& visitor() const { return visitor_; }
    const ui::Metrics& metrics() const { return metrics_; }
    core::AdjustableClock& clock() { return clock_; }
    voice::SpeechService& speech() { return *speech_; }
    const TouchTally& tally() const { return tally_; }
    const core::Catalog& catalog() const { return catalog_; }
    const KioskFigures& figures() const { return figures_; }
    const ui::FontSet& fonts() const { return fonts_; }
    core::LocalStore& store() { return store_; }
    const LessonPlayer& lessons() const { return *lessons_; }
    bool idle_warning_shown() const { return idle_warning_; }
    void window_size(int& w, int& h) const { video_->size(w, h); }
    void resize(int w, int h);
    // Draws a fresh frame and writes it as a PNG.
    void screenshot(const std::filesystem::path& png);
    void draw_frame();
    // Writes the counted taps to the store.
    void flush_counters();

private:
    void handle_event(const ::SDL_Event& event);
    void follow_idle_rules();
    void reset_for_next_visitor();
    // Staff mode was left alone for its idle minutes: sign out, forget, back to home.
    void close_staff_mode(const std::string& why);
    // Between frames: the staff side's live answers, enrolment, the help queue's refresh.
    void take_staff_news();
    // A site manager changed a setting: read the settings again.
    void apply_site_settings();
    void rebuild_fonts_if_needed();
    voice::Utterance utterance(std::string text, const std::string& language, std::filesystem::path clip = {}) const;
    void speak_key(const std::string& key, const std::string& language);
    void speak_screen_prompt();
    void prepare_prompts();
    void screen_changed();
    ui::Screen& screen_to_draw();
    ui::VisitorView defaults_from(const core::KioskConfig& config);
    void apply(const PlayerReply& reply);
    void identify_visitor();  // between frames: it reads and writes the store
    enum class PhoneFor { Learn, Booking, Help, Staff };
    void run_pending_choice();  // between frames, like identify_visitor
    void apply(const FlowReply& reply, PhoneFor owner);
    std::string flow_prompt(const std::string& screen) const;
    void cover_characters_of(const std::string& screen);
    void make_flows();
    core::KioskConfig effective_config();
    void start_sync();
    // Between frames: what the sync worker changed in the store, read again for the screen.
    void take_sync_changes();
    // A pack came from the back office: read the lesson library again, unless a lesson
    // is on screen (then at the first turn after it).
    void reload_lessons_when_free();

    KioskSetup setup_;
    core::KioskConfig config_;  // file < site settings in the store < flags
    core::Log& log_;
    LoopWaker& waker_;
    core::AdjustableClock clock_;
    core::TimePoint started_at_;
    std::unique_ptr<SdlVideo> video_;
    core::LocalStore store_;
    core::SettingsStore settings_;
    core::TouchStats touch_stats_;
    core::ProgressStore progress_;
    core::Outbox outbox_;
    core::BookingService bookings_;
    core::HelpDesk help_desk_;
    core::PhonePins pins_;
    core::Catalog catalog_;
    std::unique_ptr<LessonPlayer> lessons_;
    std::unique_ptr<SdlPictureCache> pictures_;  // textures: destroyed before the window
    std::unique_ptr<voice::SpeechService> speech_;
    std::unique_ptr<core::SlipPrinter> printer_;
    std::unique_ptr<BookingFlow> booking_;
    std::unique_ptr<HelpFlow> help_;
    std::unique_ptr<StaffFlow> staff_;
    PhoneFor phone_for_ = PhoneFor::Learn;
    std::optional<std::string> pending_choice_;
    core::WallTime wall_base_ = std::chrono::system_clock::now();
    core::TimePoint wall_base_steady_ = clock_.now();
    ui::ScreenRegistry screens_;
    ui::Router router_;
    ui::FontFile font_file_;
    ui::FontSet fonts_;
    ui::Metrics metrics_;
    ui::Palette palette_;
    core::TapRecognizer taps_;
    core::IdleWatch idle_;
    TouchTally tally_;
    ui::VisitorView defaults_;
    ui::VisitorView visitor_;
    std::u32string text_chars_;
    std::u32string display_chars_;

    ui::FrameRecords last_frame_;
    std::optional<std::string> pending_activation_;
    int frames_wanted_ = 1;
    bool fonts_dirty_ = true;
    bool changed_during_draw_ = false;
    bool lessons_stale_ = false;  // a pack was installed by the sync; the library is read again
    bool counters_due_ = false;  // the screen changed: write the tap counters between frames
    std::string screen_shown_;          // the screen the last prompt was spoken for
    bool idle_warning_ = false;
    bool quit_ = false;
    int font_w_ = 0, font_h_ = 0;
    core::TextSize font_size_ = core::TextSize::Normal;
    std::optional<core::TimePoint> tap_released_at_;
    int frames_since_tap_ = 0;
    bool first_frame_logged_ = false;
    KioskFigures figures_;
    std::optional<std::uint32_t> finger_;  // the one finger we follow; others are ignored
    // Last: its thread uses the store file (on its own connection) and wakes waker_.
    std::unique_ptr<core::SyncWorker> sync_;
};

}  // namespace qiao::app
