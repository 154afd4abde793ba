#pragma once
// StaffFlow: the staff side of the kiosk (issue 6). A volunteer or the site manager taps
// the small "staff" control on the home screen, picks their name and types their
// six-digit PIN (checked offline against the argon2id hash the back office sent,
// core::StaffPinGate backs off and locks). Signed in, they see the staff menu: the help
// queue, today's bookings, a class, their hours, and for a site manager the lesson packs,
// the station's health and its settings. Staff mode leaves by itself after a few idle
// minutes and forgets everything it showed (numbers, voice messages): a kiosk is a shared
// screen.
//
// Like the Book and Help flows, choices arrive by id between frames and every page is
// made ready in memory for the UI (ui::FlowPage). What needs the back office live (the
// site's help queue, the day's bookings) goes through core::StaffLink on its own
// thread; its answers are taken between frames (take_link_answers).
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/flow_reply.hpp"
#include "core/booking/booking_service.hpp"
#include "core/lessons/pack_folder_scan.hpp"
#include "core/lessons/pack_installer.hpp"
#include "core/config/kiosk_config.hpp"
#include "core/i18n/catalog.hpp"
#include "core/lessons/progress_store.hpp"
#include "core/log.hpp"
#include "core/outbox/outbox.hpp"
#include "core/staff/class_record.hpp"
#include "core/staff/hours_ledger.hpp"
#include "core/staff/staff_pin_gate.hpp"
#include "core/staff/staff_roster.hpp"
#include "core/staff/staff_session.hpp"
#include "core/storage/settings_store.hpp"
#include "core/storage/touch_stats.hpp"
#include "core/sync/staff_link.hpp"
#include "core/sync/sync_worker.hpp"
#include "ui/flow/flow_page.hpp"

namespace qiao::app {

class LessonPlayer;
class EnrolmentAttempt;

// What the station's health screen reads besides the store.
struct StationFacts {
    std::optional<core::SyncStatus> sync;  // nullopt: not enrolled
    std::filesystem::path data_dir;
    std::string app_version;
};

struct StaffSetup {
    core::Database& db;
    core::Outbox& outbox;
    core::SettingsStore& settings;
    core::TouchStats& touch;
    core::ProgressStore& progress;
    core::BookingService& bookings;
    const core::Catalog& catalog;
    core::Log& log;
    const core::Clock& clock;  // the kiosk's (tours move it): staff mode's idle minutes
    std::filesystem::path data_dir;
    int utc_offset_minutes = 0;
    std::chrono::minutes idle_limit{5};
    std::function<StationFacts()> facts;      // read when the health screen opens
    std::function<void()> wake;               // a live answer came (any thread)
    std::string backoffice_ca;                // the site's own CA for the live link
    core::KioskConfig config;                 // the config file's values: what a setting is when the site set none
    core::PackValidator pack_validator;       // --install-pack's checks (the format, the station's font)
    bool allow_unsigned_packs = false;        // development mode (--allow-unsigned-packs)
};

class StaffFlow {
public:
    StaffFlow(StaffSetup setup, LessonPlayer& lessons);
    ~StaffFlow();

    // Whether `id` (a choice or a bar button) belongs to staff mode.
    static bool owns(const std::string& id);
    static bool is_staff_screen(std::string_view screen);

    FlowReply choose(const std::string& id, core::WallTime now);
    void set_language(const std::string& lang);

    bool signed_in() const { return session_.has_value(); }
    bool is_manager() const;
    // Any touch while signed in keeps staff mode open.
    void touched();
    // When staff mode leaves by itself if nobody touches the screen (the kiosk's clock);
    // nullopt when signed out.
    std::optional<core::TimePoint> deadline() const;
    // Signs out and forgets everything shown: the staff member, the help queue, numbers,
    // voice messages, half-typed PINs. Safe to call when nobody is signed in.
    void sign_out();

    // Between frames: what the live link answered. True when a page changed.
    bool take_link_answers(core::WallTime now);
    // Between frames, about once a minute on the help queue: ask for it again (another
    // volunteer's claim shows without anyone tapping) and let the countdowns move on.
    bool refresh_due(core::WallTime now);

    const ui::FlowPage* page(std::string_view screen) const;
    std::size_t pin_typed() const { return pin_.size(); }
    // A voice message downloaded to be played now (once); empty when there is none.
    std::filesystem::path take_clip_to_play() { return std::exchange(clip_to_play_, {}); }
    // A site setting was changed: the kiosk reads its settings again (once).
    bool take_settings_changed() { return std::exchange(settings_changed_, false); }
    // The station was just enrolled from the settings screen: start syncing (once).
    bool take_enrolled_now() { return std::exchange(enrolled_now_, false); }
    // A pack was installed or rolled back: the kiosk reads its lessons again (once).
    bool take_lessons_changed() { return std::exchange(lessons_changed_, false); }
    // Between frames: whether an enrolment attempt finished. True when a page changed.
    bool take_enrolment_outcome(core::WallTime now);
    void set_idle_limit(std::chrono::minutes limit);

    // Class mode: a class is running (the lesson screen belongs to it), and the lesson
    // the volunteer asked to show on the big screen (once): pack id, lesson id.
    bool class_running() const { return class_.has_value(); }
    std::optional<std::pair<std::string, std::string>> take_lesson_to_show();
    // The phone keypad asked for a walk-in's number; the number confirmed.
    bool adding_walk_in() const { return adding_walk_in_; }
    FlowReply walk_in_given(const std::string& digits, core::WallTime now);

private:
    const std::string& text(const std::string& key) const { return catalog_.text(lang_, key); }
    std::string format(const std::string& key, std::initializer_list<std::pair<std::string, std::string>> values) const;

    // Signing in and the menu (staff_flow.cpp).
    FlowReply enter(core::WallTime now);
    FlowReply pick_name(std::size_t n, core::WallTime now);
    FlowReply pin_key(char key, core::WallTime now);
    FlowReply menu();
    void build_sign_in_pages(core::WallTime now);
    void build_menu_page();

    // My hours (staff_hours_pages.cpp).
    FlowReply open_hours(core::WallTime now);
    FlowReply hours_choice(const std::string& id, core::WallTime now);
    void build_hours_page(core::WallTime now);

    // The station's health (staff_health_pages.cpp).
    FlowReply open_health(core::WallTime now);
    FlowReply health_choice(const std::string& id, core::WallTime now);
    void build_health_page(core::WallTime now);

    void take_figures_answer(const core::StaffAnswer& answer);

    // The help queue (staff_help_pages.cpp).
    FlowReply open_help(core::WallTime now);
    FlowReply help_choice(const std::string& id, core::WallTime now);
    void build_help_pages(core::WallTime now);

    void take_help_answer(const core::StaffAnswer& answer, core::WallTime now);
    const core::HelpTicket* open_ticket() const;
    std::string countdown_words(const std::string& respond_by, core::WallTime now) const;
    std::string ticket_status_words(const core::HelpTicket& t) const;

    // Today's bookings (staff_booking_pages.cpp).
    FlowReply open_bookings(core::WallTime now);
    FlowReply booking_choice(const std::string& id, core::WallTime now);
    void build_booking_pages(core::WallTime now);
    void take_booking_answer(const core::StaffAnswer& answer, core::WallTime now);
    const core::DayBooking* open_booking() const;
    std::string service_title(const std::string& service_id) const;

    // Enrolment and settings (staff_settings_pages.cpp).
    FlowReply open_settings(core::WallTime now);
    FlowReply settings_choice(const std::string& id, core::WallTime now);
    FlowReply keyboard_choice(const std::string& id, core::WallTime now);
    void build_settings_pages(core::WallTime now);
    std::vector<std::pair<std::string, std::string>> setting_choices(const std::string& key) const;
    std::string setting_value(const std::string& key) const;
    std::string setting_words(const std::string& key) const;

    // Lesson packs (staff_pack_pages.cpp).
    FlowReply open_packs(core::WallTime now);
    FlowReply pack_choice(const std::string& id, core::WallTime now);
    void build_pack_pages(core::WallTime now);
    core::PackInstaller pack_installer() const;
    core::PackScanOptions scan_options() const;
    std::vector<std::filesystem::path> find_pack_sources() const;
    std::string verdict_words(const core::ScannedPack& pack) const;

    // Running a class (staff_class_pages.cpp).
    FlowReply open_class(core::WallTime now);
    FlowReply class_choice(const std::string& id, core::WallTime now);
    void build_class_pages(core::WallTime now);

    // A failed live call in plain words (the catalog's), for the screen.
    std::string failure_words(const core::StaffAnswer& answer) const;
    void ask(core::StaffRequest request);
    std::string clock_words(const std::string& iso_utc) const;   // "14:05" on the site's clock
    std::string minutes_words(long long minutes) const;            // "2 h 15 min"
    // The same person signed in again with another idle limit (a class keeps it longer).
    void renew_session(core::Duration idle_limit);

    StaffSetup setup_;
    LessonPlayer& lessons_;
    const core::Catalog& catalog_;
    core::Log& log_;
    std::string lang_ = "zh-CN";
    core::StaffRoster roster_;
    core::StaffPinGate gate_;
    core::HoursLedger hours_;
    core::ClassRecord class_record_;
    std::unique_ptr<core::StaffLink> link_;

    // Signing in.
    std::vector<core::StaffAccount> names_;
    std::optional<core::StaffAccount> choosing_;  // whose PIN is being typed
    std::string pin_;                             // the digits typed so far, until the sixth
    std::string sign_in_note_;
    std::optional<core::StaffSession> session_;

    // Which part of staff mode is on screen: what refresh_due looks after.
    enum class Part { None, Help, Bookings, Class, Health };
    Part part_ = Part::None;

    // The help queue, as the back office last answered.
    std::vector<core::HelpTicket> tickets_;
    std::optional<std::string> ticket_id_;   // the request on the detail screen
    std::vector<std::string> shown_tickets_;  // the cards' requests, in order
    std::string help_heading_;               // how fresh the list is, or why it is not there
    std::string help_note_;                  // what the last action on a request did
    int help_lists_waiting_ = 0;
    std::optional<core::WallTime> help_asked_at_;
    std::optional<core::WallTime> pages_built_at_;
    std::filesystem::path clip_to_play_;

    // Today's bookings: the local day spans up to two UTC days; both are asked for.
    std::vector<core::DayBooking> day_bookings_;
    std::map<std::string, std::vector<core::DayBooking>, std::less<>> bookings_by_utc_day_;
    core::WallTime bookings_day_start_{};
    std::optional<std::string> booking_id_;
    std::string bookings_heading_;
    std::string booking_note_;
    int booking_lists_waiting_ = 0;
    std::string hours_note_;

    // The class running, if one is.
    struct RunningClass {
        std::string pack_id, pack_version, lesson_id;
        core::WallTime started{};
        std::vector<std::string> attended_bookings;
        std::vector<std::string> walk_in_phones;  // in memory only, until the class is recorded
    };
    std::optional<RunningClass> class_;
    std::string class_note_;
    std::vector<std::string> attendance_ids_;  // the attendance cards' bookings, in order
    bool adding_walk_in_ = false;
    bool show_lesson_ = false;

    // The whole site's figures of today, from the back office (the health screen).
    struct SiteDay {
        int help_requests = 0, help_in_time = 0, help_late = 0, bookings = 0, attended = 0, no_shows = 0, lessons = 0;
    };
    std::optional<SiteDay> site_figures_;
    std::string site_figures_note_;

    // Lesson packs.
    std::string packs_note_;
    std::string pack_id_;  // the installed pack on the detail screen
    std::vector<std::filesystem::path> pack_sources_;
    std::optional<core::PackFolderScan> scan_;
    std::size_t found_ = 0;  // the pack found on the check screen
    bool lessons_changed_ = false;

    // Settings and enrolment.
    enum class Typing { None, Url, Code };
    std::string settings_note_;
    std::string setting_key_;  // the setting whose values are on screen
    Typing typing_ = Typing::None;
    std::string typed_;
    std::string url_;
    std::unique_ptr<EnrolmentAttempt> enrolment_;
    bool settings_changed_ = false;
    bool enrolled_now_ = false;

    std::map<std::string, ui::FlowPage, std::less<>> pages_;
};

}  // namespace qiao::app
