// Kiosk, the Book and Help side: choices on flow screens are queued during a frame and
// applied between frames (they read and write the store), then the flows' replies move
// the router and the voice. See booking_flow.hpp and help_flow.hpp for the flows.
#include <chrono>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/date_words.hpp"
#include "app/kiosk.hpp"
#include "app/pack_commands.hpp"
#include "app/slip_printers.hpp"
#include "core/booking/schedule.hpp"
#include "core/booking/schedule_reader.hpp"
#include "core/help/opening_hours.hpp"
#include "core/identity/phone_number.hpp"
#include "core/staff/staff_pin_hash.hpp"
#include "core/staff/staff_roster.hpp"
#include "core/sync/sync_credentials.hpp"

namespace qiao::app {

namespace {

// "2026-12-01T09:00" at the site's offset -> the moment.
core::WallTime parse_site_local(const std::string& text, int utc_offset_minutes) {
    const auto t = text.find('T');
    const auto date = core::parse_local_date(std::string_view(text).substr(0, t));
    const auto minute = t == std::string::npos ? std::nullopt : core::schedule_file::parse_clock(std::string_view(text).substr(t + 1));
    if (!date || !minute)
        throw std::invalid_argument("the wall clock must be a site-local time like 2026-12-01T09:00 (found \"" + text + "\")");
    const std::chrono::sys_days day{std::chrono::year{date->year} / date->month / date->day};
    return core::WallTime{day} + std::chrono::minutes(*minute - utc_offset_minutes);
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
    return text;
}

}  // namespace

void Kiosk::make_flows() {
    printer_ = make_slip_printer(config_.printer, font_file_.path);
    log_.info("booking slips: " + printer_->describe());
    booking_ = std::make_unique<BookingFlow>(bookings_, pins_, catalog_, *printer_,
                                             BookingSettings{std::chrono::minutes(config_.check_in_window_minutes)}, log_);
    HelpSettings help;
    help.hours = core::parse_opening_hours(config_.opening_hours, config_.open_days, config_.utc_offset);
    help.response = std::chrono::minutes(config_.help_response_minutes);
    help.urgent_response = std::chrono::minutes(config_.help_urgent_minutes);
    help.microphone = config_.microphone;
    help.message_dir = config_.data_dir / "voice-messages";
    if (const int deleted = help_desk_.delete_unsent_recordings(help.message_dir); deleted > 0)
        log_.info("deleted " + std::to_string(deleted) + " recorded message(s) that were never sent");
    help_ = std::make_unique<HelpFlow>(help_desk_, pins_, catalog_, std::move(help), log_);
    StaffSetup staff{store_.db(), outbox_, settings_, touch_stats_, progress_, bookings_, catalog_, log_, clock_};
    staff.data_dir = config_.data_dir;
    staff.utc_offset_minutes = core::schedule_file::parse_utc_offset(config_.utc_offset).value_or(0);
    staff.idle_limit = std::chrono::minutes(config_.staff_idle_minutes);
    staff.backoffice_ca = config_.backoffice_ca;
    staff.config = setup_.config;
    staff.pack_validator = pack_validator(config_);
    staff.allow_unsigned_packs = setup_.flags.allow_unsigned_packs;
    staff.facts = [this] {
        StationFacts facts;
        if (sync_) facts.sync = sync_->status();
        facts.data_dir = config_.data_dir;
        facts.app_version = QIAO_VERSION;
        return facts;
    };
    staff.wake = [this] { waker_.notify(); };  // any thread: the loop takes the answers itself
    staff_ = std::make_unique<StaffFlow>(std::move(staff), *lessons_);
    booking_->set_language(visitor_.language);
    help_->set_language(visitor_.language);
    staff_->set_language(visitor_.language);
    if (setup_.flags.wall_clock) set_wall_clock(*setup_.flags.wall_clock);
}

core::WallTime Kiosk::wall_now() const {
    return wall_base_ + std::chrono::duration_cast<core::WallTime::duration>(clock_.now() - wall_base_steady_);
}

void Kiosk::set_wall_clock(const std::string& site_local) {
    // The config checked utc_offset before anything started.
    wall_base_ = parse_site_local(site_local, core::schedule_file::parse_utc_offset(config_.utc_offset).value_or(0));
    wall_base_steady_ = clock_.now();
}

void Kiosk::load_services(const std::string& file) {
    const std::filesystem::path path = std::filesystem::path(file).is_absolute() ? std::filesystem::path(file) : setup_.resources / file;
    bookings_.load_schedule(core::read_schedule_file(path), path.string(), wall_now());
    text_chars_ += BookingFlow::characters(*bookings_.schedule());
    fonts_dirty_ = true;
    booking_->forget_visitor();
    booking_->set_language(visitor_.language);
    redraw();
}

void Kiosk::backoffice_update(const std::string& json_text) {
    std::string text = json_text;
    if (booking_->last_booked()) text = replace_all(text, "$LAST_BOOKING", booking_->last_booked()->id);
    if (help_->last_sent()) text = replace_all(text, "$LAST_HELP", help_->last_sent()->id);
    const nlohmann::json update = nlohmann::json::parse(text);
    const std::string kind = update.value("kind", "");
    if (kind == "booking")
        bookings_.apply_update(update, wall_now());
    else if (kind == "help")
        help_desk_.apply_update(update);
    else if (kind == "staff") {
        // A tour may give a staff member's PIN in clear ("pin"): it is hashed here as the
        // back office would (a real back office only ever sends the hash).
        nlohmann::json change = update;
        if (change.contains("pin")) {
            change["pin_hash"] = core::hash_staff_pin(change["pin"].get<std::string>());
            change.erase("pin");
        }
        core::StaffRoster(store_.db()).apply(change);
    } else
        throw std::invalid_argument("a back office update needs \"kind\": \"booking\", \"help\" or \"staff\"");
}

// ---------------------------------------------------------------- sync

void Kiosk::start_sync() {
    if (!core::load_credentials(config_.data_dir, settings_)) {
        log_.info("sync: this kiosk is not enrolled with a back office (qiao-kiosk --enroll URL CODE); it works offline");
        return;
    }
    core::SyncWorkerOptions options;
    options.data_dir = config_.data_dir;
    options.app_version = QIAO_VERSION;
    options.ca_file = config_.backoffice_ca;
    // A pack from the back office is checked as --install-pack checks one.
    options.packs.validate = pack_validator(config_);
    options.packs.max_pack_bytes = static_cast<std::uintmax_t>(config_.pack_max_mb) << 20;
    options.on_store_changed = [this] { waker_.notify(); };  // any thread; the loop reads the changes itself
    sync_ = std::make_unique<core::SyncWorker>(std::move(options), log_);
}

void Kiosk::apply_site_settings() {
    // What a site manager just changed: the visitor's defaults and the idle rules at
    // once; opening hours and help deadlines with the next start (the staff screen says so).
    config_ = effective_config();
    defaults_ = defaults_from(config_);
    idle_.set_durations(std::chrono::seconds(config_.idle_timeout_s), std::chrono::seconds(config_.idle_warning_s));
    staff_->set_idle_limit(std::chrono::minutes(config_.staff_idle_minutes));
}

void Kiosk::take_staff_news() {
    const core::WallTime now = wall_now();
    bool changed = staff_->take_link_answers(now);
    changed |= staff_->refresh_due(now);
    changed |= staff_->take_enrolment_outcome(now);
    if (staff_->take_enrolled_now() && !sync_) start_sync();
    if (staff_->take_lessons_changed()) lessons_stale_ = true;  // read again once no lesson is on screen
    if (const std::filesystem::path clip = staff_->take_clip_to_play(); !clip.empty()) {
        // A senior's voice message, for the volunteer's ears: played even with the
        // visitor's voice turned off, as it is what staff asked for.
        speech_->set_enabled(true);
        speech_->say(utterance("", visitor_.language, clip));
    }
    if (!changed) return;
    cover_characters_of(current_screen());
    ++frames_wanted_;
}

void Kiosk::take_sync_changes() {
    const core::StoreChanges changes = sync_->take_store_changes();
    if (changes.lessons) lessons_stale_ = true;
    if (lessons_stale_) reload_lessons_when_free();
    if (!changes.any()) return;
    try {
        if (changes.timetable) {
            bookings_.reload_schedule();
            if (bookings_.schedule()) {
                text_chars_ += BookingFlow::characters(*bookings_.schedule());
                fonts_dirty_ = true;
            }
        }
        if (changes.bookings || changes.timetable) booking_->store_changed(wall_now());
        if (changes.help) help_->store_changed();
        if (changes.settings) log_.info("sync: the site's settings changed; they apply from the next start");
        cover_characters_of(current_screen());
    } catch (const std::exception& e) {
        log_.error(std::string("what the back office sent could not be shown: ") + e.what());
    }
    ++frames_wanted_;
}

void Kiosk::reload_lessons_when_free() {
    // A lesson on screen points into the library: it is swapped once the visitor left it.
    const std::string screen = current_screen();
    if (screen == "lesson" || screen == "lesson_done") return;
    lessons_stale_ = false;
    try {
        lessons_->replace_library(core::LessonLibrary::load(config_.data_dir / "packs", log_));
    } catch (const std::exception& e) {
        log_.error(std::string("the lessons installed from the back office could not be read: ") + e.what());
        return;
    }
    log_.info("lessons: " + std::to_string(lessons_->library().lesson_count()) + " in " +
              std::to_string(lessons_->library().packs().size()) + " pack(s), after a pack came from the back office");
    text_chars_ += lessons_->library().code_points();
    fonts_dirty_ = true;
    ++frames_wanted_;
}

// ---------------------------------------------------------------- choices

void Kiosk::flow_choose(const std::string& id) {
    pending_choice_ = id;
    redraw();
}

void Kiosk::run_pending_choice() {
    if (!pending_choice_) return;
    const std::string id = std::exchange(pending_choice_, std::nullopt).value();
    const core::WallTime now = wall_now();
    const std::size_t queued_before = sync_ ? outbox_.depth() : 0;
    try {
        const bool pin = id.rfind("pin.", 0) == 0;
        if (id == "phone.confirmed") {
            identify_visitor();
        } else if ((pin && current_screen() == "staff_pin") || (!pin && StaffFlow::owns(id))) {
            const bool was_signed_in = staff_->signed_in();
            apply(staff_->choose(id, now), PhoneFor::Staff);
            visitor_.pin_length = staff_->pin_typed();
            if (staff_->take_settings_changed()) apply_site_settings();
            if (was_signed_in && !staff_->signed_in()) close_staff_mode("signed out");
            if (staff_->take_lessons_changed()) {
                lessons_stale_ = true;
                reload_lessons_when_free();
            }
            if (const auto lesson = staff_->take_lesson_to_show())
                apply(lessons_->open(lesson->first, lesson->second, visitor_.language, clock_.now()));
        } else if ((pin && booking_->pin_active()) || (!pin && BookingFlow::owns(id))) {
            apply(booking_->choose(id, now), PhoneFor::Booking);
            visitor_.pin_length = booking_->pin_typed();
        } else if ((pin && help_->pin_active()) || (!pin && HelpFlow::owns(id))) {
            apply(help_->choose(id, now), PhoneFor::Help);
            visitor_.pin_length = help_->pin_typed();
        } else {
            log_.warning("no flow takes the choice \"" + id + "\"");
        }
        cover_characters_of(current_screen());
        // Something new waits in the outbox (a booking, a help request): send it now.
        if (sync_ && outbox_.depth() > queued_before) sync_->nudge();
    } catch (const std::exception& e) {
        // The store failed (full disk, a broken file): the senior hears a kind word and
        // stays where they were; staff read the detail in the log.
        log_.error("\"" + id + "\" could not be done: " + e.what());
        speech_->say(utterance(catalog_.text(visitor_.language, "flow.went_wrong"), visitor_.language));
    }
    redraw();
}

void Kiosk::apply(const FlowReply& reply, PhoneFor owner) {
    if (reply.restart) {
        router_.home();
        for (const std::string& s : *reply.restart) router_.go(s);
    } else if (reply.go) {
        if (*reply.go == "phone_entry") {
            phone_for_ = owner;
            visitor_.phone_digits.clear();
            visitor_.phone_for_someone_else = owner == PhoneFor::Booking && booking_->for_someone_else();
        }
        router_.go(*reply.go);
    } else if (reply.back) {
        router_.back();
    }
    if (reply.hush) speech_->stop();
    if (!reply.clip.empty()) speech_->say(utterance("", visitor_.language, reply.clip));
    if (!reply.say.empty()) {
        speech_->say(utterance(reply.say, visitor_.language));
        screen_shown_ = current_screen();  // what was just said beats the screen's prompt
    }
    if (reply.redraw) redraw();
}

void Kiosk::cover_characters_of(const std::string& screen) {
    // Words from outside the catalogs (a reason the back office gave, a volunteer's name)
    // may use characters the atlas lacks: add them, so nothing shows as a box.
    const ui::FlowPage* page = flow_page(screen);
    if (!page) return;
    std::string all = page->heading + page->note;
    for (const auto& item : page->items) all += item.label + item.caption;
    for (const auto& line : page->lines) all += line.value;
    for (const auto& item : page->actions) all += item.label;
    bool added = false;
    for (char32_t c : core::decode_utf8(all))
        if (c >= 0x80 && text_chars_.find(c) == std::u32string::npos) {
            text_chars_ += c;
            added = true;
        }
    if (added) fonts_dirty_ = true;
}

const ui::FlowPage* Kiosk::flow_page(std::string_view screen_id) const {
    if (StaffFlow::is_staff_screen(screen_id)) return staff_->page(screen_id);
    if (screen_id == "pin_entry") {
        if (booking_->pin_active()) return booking_->page(screen_id);
        return help_->page(screen_id);
    }
    if (const ui::FlowPage* p = booking_->page(screen_id)) return p;
    return help_->page(screen_id);
}

std::string Kiosk::flow_prompt(const std::string& screen) const {
    std::string words = booking_->spoken(screen);
    if (words.empty()) words = help_->spoken(screen);
    return words;
}

}  // namespace qiao::app
