#include "app/kiosk.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <thread>
#include <utility>

#include "core/identity/learner_salt.hpp"
#include "core/identity/phone_number.hpp"
#include "core/lessons/pack_availability.hpp"
#include "ui/frame_ui.hpp"

namespace qiao::app {

namespace {

constexpr const char* kHome = "home";
constexpr const char* kIdleScreen = "idle";
constexpr double kPulseSeconds = 2.4;  // the "tap here" ring pulses this long, then stays still

double ms_between(core::TimePoint a, core::TimePoint b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

// Keys whose characters the display face (the huge home labels, the size samples) needs.
std::u32string display_characters(const core::Catalog& catalog) {
    std::string all = "字";
    for (const auto& lang : catalog.languages())
        for (const char* key : {"home.learn.label", "home.book.label", "home.help.label"})
            all += catalog.text(lang.code, key);
    return core::decode_utf8(all);
}

std::unique_ptr<voice::SpeechService> make_speech(const core::KioskConfig& config, bool headless, core::Log& log,
                                                  LoopWaker& waker) {
    // Headless runs (CI, servers, tours) speak to the null sink unless told otherwise.
    const std::string spec = config.audio.empty() && headless ? "null" : config.audio;
    voice::SinkChoice choice = voice::make_audio_sink(spec, 22050);
    if (!choice.note.empty()) log.warning(choice.note);
    log.info("speech goes to " + choice.sink->describe());
    return std::make_unique<voice::SpeechService>(std::make_unique<voice::EspeakSynthesizer>(), std::move(choice.sink), log,
                                                  [&waker] { waker.notify(); });
}

// The windowed size, turned to the orientation the site asked for.
VideoOptions video_options(const core::KioskConfig& config, bool headless) {
    int w = config.window_width, h = config.window_height;
    if ((config.orientation == core::Orientation::Portrait && w > h) ||
        (config.orientation == core::Orientation::Landscape && h > w))
        std::swap(w, h);
    return VideoOptions{headless, RendererChoice::Auto, config.fullscreen, w, h, "Qiao 桥"};
}

}  // namespace

Kiosk::Kiosk(KioskSetup setup, core::Log& log, LoopWaker& waker)
    : setup_(std::move(setup)),
      config_(core::apply_launch_options(setup_.config, setup_.flags)),
      log_(log),
      waker_(waker),
      started_at_(std::chrono::steady_clock::now()),
      video_(std::make_unique<SdlVideo>(video_options(config_, setup_.headless))),
      store_(core::LocalStore::open_in(config_.data_dir, log)),
      settings_(store_.db()),
      touch_stats_(store_.db()),
      progress_(store_.db()),
      outbox_(store_.db()),
      bookings_(store_.db(), outbox_),
      help_desk_(store_.db(), outbox_),
      pins_(store_.db()),
      catalog_(core::Catalog::load(setup_.resources / "i18n")),
      idle_(std::chrono::seconds(180), std::chrono::seconds(30)) {
    config_ = effective_config();
    if (!catalog_.language(config_.language))
        throw core::ConfigError("language \"" + config_.language + "\" is not offered; the catalogs have: " + [&] {
            std::string codes;
            for (const auto& l : catalog_.languages()) codes += (codes.empty() ? "" : ", ") + l.code;
            return codes;
        }());
    idle_.set_durations(std::chrono::seconds(config_.idle_timeout_s), std::chrono::seconds(config_.idle_warning_s));
    defaults_ = defaults_from(config_);
    visitor_ = defaults_;

    font_file_ = config_.font_file.empty() ? ui::find_cjk_font() : ui::font_from_file(config_.font_file);
    log_.info("font: " + font_file_.path.string() + (font_file_.family.empty() ? "" : " (" + font_file_.family + ")"));
    lessons_ = std::make_unique<LessonPlayer>(core::LessonLibrary::load(config_.data_dir / "packs", log_), progress_, catalog_,
                                              setup_.flags.allow_unsigned_packs);
    lessons_->set_disabled_packs(core::PackAvailability(store_.db()).disabled());
    log_.info("lessons: " + std::to_string(lessons_->library().lesson_count()) + " in " +
              std::to_string(lessons_->library().packs().size()) + " pack(s)");
    text_chars_ = catalog_.all_code_points() + lessons_->library().code_points();
    if (bookings_.schedule()) text_chars_ += BookingFlow::characters(*bookings_.schedule());
    pictures_ = std::make_unique<SdlPictureCache>(video_->renderer());
    display_chars_ = display_characters(catalog_);

    speech_ = make_speech(config_, setup_.headless, log_, waker_);
    speech_->set_enabled(visitor_.voice_on);
    screens_ = ui::make_standard_screens();
    make_flows();

    settings_.set("kiosk.last_started_version", QIAO_VERSION);
    log_.info(std::string("renderer: ") + video_->renderer_name() + ", store: " + (config_.data_dir / core::LocalStore::kFileName).string());
    prepare_prompts();
    speak_screen_prompt();
    start_sync();
}

Kiosk::~Kiosk() {
    sync_.reset();  // stop syncing first: it cuts a request in flight short and joins
    try {
        flush_counters();
    } catch (const std::exception& e) {
        log_.error(std::string("the tap counters could not be saved: ") + e.what());
    }
    speech_.reset();  // stop the speech threads before the window and SDL go
    pictures_.reset();
}

core::KioskConfig Kiosk::effective_config() {
    // Site settings in the store use the config file's keys and rules.
    core::KioskConfig config = setup_.config;
    std::string text;
    for (const auto& [key, value] : settings_.all())
        if (key.rfind("kiosk.", 0) != 0) text += key + " = \"" + value + "\"\n";
    if (!text.empty()) {
        try {
            config = core::parse_config(text, "site settings in the store", config);
        } catch (const core::ConfigError& e) {
            log_.warning(std::string("ignoring the site settings in the store: ") + e.what());
        }
    }
    return core::apply_launch_options(config, setup_.flags);
}

ui::VisitorView Kiosk::defaults_from(const core::KioskConfig& config) {
    ui::VisitorView v;
    v.language = config.language;
    v.text_size = config.text_size;
    v.voice_on = config.voice;
    v.speech_rate_wpm = config.speech_rate_wpm;
    v.home_buttons = config.home_buttons;
    v.languages = config.languages;
    return v;
}

std::string Kiosk::current_screen() const { return idle_warning_ ? kIdleScreen : router_.current(); }

ui::Screen& Kiosk::screen_to_draw() {
    ui::Screen* screen = screens_.find(current_screen());
    if (!screen) {
        log_.error("no screen is registered as \"" + current_screen() + "\"; going home");
        router_.home();
        screen = screens_.find(kHome);
    }
    return *screen;
}

// ---------------------------------------------------------------- speech

voice::Utterance Kiosk::utterance(std::string text, const std::string& language, std::filesystem::path clip) const {
    const core::LanguageInfo* lang = catalog_.language(language);
    voice::Utterance u;
    u.text = std::move(text);
    u.voice = lang ? lang->voice : "cmn";
    u.rate_wpm = visitor_.speech_rate_wpm;
    u.clip = std::move(clip);
    return u;
}

void Kiosk::speak_key(const std::string& key, const std::string& language) {
    // A recorded clip (a real voice, perhaps in the local dialect) beats synthesis.
    std::filesystem::path clip;
    for (const char* ext : {".ogg", ".wav"}) {
        const auto candidate = setup_.resources / "assets" / "voice" / language / (key + ext);
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate, ec)) {
            clip = candidate;
            break;
        }
    }
    speech_->say(utterance(catalog_.text(language, key), language, std::move(clip)));
}

void Kiosk::speak_screen_prompt() {
    screen_shown_ = current_screen();
    // The lesson screens say the lesson's own words (or its recorded narration).
    if (screen_shown_ == "lesson" && lessons_->lesson_session()) return apply(lessons_->step_prompt(visitor_.language));
    if (screen_shown_ == "lesson_done") return apply(lessons_->done_prompt(visitor_.language));
    if (screen_shown_ == "phone_check") {
        const std::string separator = visitor_.language == "en" ? ", " : "，";
        return apply(PlayerReply{std::nullopt,
                                 core::format_text(catalog_.text(visitor_.language, "phone.check_prompt"),
                                                   {{"digits", core::spoken_phone(visitor_.phone_digits, separator)}}),
                                 {}});
    }
    if (screen_shown_ == "phone_entry" && phone_for_ != PhoneFor::Learn) {
        const char* key = phone_for_ == PhoneFor::Staff ? "staff_walk_in.prompt"
                          : phone_for_ == PhoneFor::Help ? (help_->asking_for_mine() ? "phone.prompt_mine" : "phone.prompt_help")
                          : booking_->asking_for_mine() ? "phone.prompt_mine"
                          : visitor_.phone_for_someone_else ? "phone.prompt_other"
                                                            : "phone.prompt_book";
        return speak_key(key, visitor_.language);
    }
    // Staff screens say nothing: a lobby need not hear the staff's work (the screen's
    // prompt key is empty); signing in still says what it is, for whoever tapped it.
    if (screen_to_draw().prompt_key().empty()) return;
    // The Book and Help screens say what they show (the days, the seats left, the summary).
    if (const std::string words = flow_prompt(screen_shown_); !words.empty()) {
        speech_->say(utterance(words, visitor_.language));
        return;
    }
    speak_key(screen_to_draw().prompt_key(), visitor_.language);
}

void Kiosk::apply(const PlayerReply& reply) {
    if (reply.screen) {
        // Lessons live under Learn: home > learn > lesson (or its end). In a class they
        // live under the class: staff menu > class > lesson, and "all lessons" or the
        // lesson's end lead back to the class.
        router_.home();
        if (staff_->class_running()) {
            router_.go("staff_home");
            router_.go("staff_class_run");
            if (*reply.screen != "learn") router_.go(*reply.screen);
        } else {
            router_.go("learn");
            if (*reply.screen != "learn") router_.go(*reply.screen);
        }
        screen_shown_ = current_screen();
        redraw();
    }
    if (!reply.say.empty()) speech_->say(utterance(reply.say, visitor_.language, reply.clip));
}

void Kiosk::open_lesson(const std::string& pack_id, const std::string& lesson_id) {
    apply(lessons_->open(pack_id, lesson_id, visitor_.language, clock_.now()));
}

void Kiosk::lesson_tap(const std::string& target) {
    apply(lessons_->tap(target, visitor_.language, clock_.now()));
    redraw();
}

void Kiosk::lesson_choose(int answer) {
    apply(lessons_->choose(answer, visitor_.language));
    redraw();
}

void Kiosk::lesson_next() {
    apply(lessons_->next(visitor_.language, clock_.now()));
    redraw();
}

void Kiosk::lesson_back() {
    apply(lessons_->back(visitor_.language));
    redraw();
}

void Kiosk::phone_key(char key) {
    std::string& digits = visitor_.phone_digits;
    if (key == '<') {
        if (!digits.empty()) digits.pop_back();
    } else if (key >= '0' && key <= '9' && digits.size() < core::kPhoneDigits) {
        digits.push_back(key);
        // Each digit is said as it is typed: hands that shake hit the wrong key.
        apply(PlayerReply{std::nullopt, std::string(1, key), {}});
    }
    redraw();
}

void Kiosk::phone_done() {
    if (!core::plausible_phone(visitor_.phone_digits)) {
        speak_key("phone.bad", visitor_.language);
        return;
    }
    go("phone_check");
}

void Kiosk::phone_confirm(bool right) {
    if (!right) {
        back();  // to the keypad, the digits still there to fix
        return;
    }
    flow_choose("phone.confirmed");
}

void Kiosk::identify_visitor() {
    const std::string digits = std::exchange(visitor_.phone_digits, std::string());
    // The keypad is not a place to come back to once the number was taken.
    if (router_.current() == "phone_check") router_.back();
    if (router_.current() == "phone_entry") router_.back();
    if (phone_for_ == PhoneFor::Booking) return apply(booking_->phone_given(digits, wall_now()), PhoneFor::Booking);
    if (phone_for_ == PhoneFor::Help) return apply(help_->phone_given(digits, wall_now()), PhoneFor::Help);
    if (phone_for_ == PhoneFor::Staff) return apply(staff_->walk_in_given(digits, wall_now()), PhoneFor::Staff);
    const std::string salt = core::learner_salt(settings_);
    visitor_.learner_label = core::mask_phone(digits);
    lessons_->identify(core::learner_id_for_phone(digits, salt), visitor_.learner_label);
    apply(PlayerReply{"learn", catalog_.text(visitor_.language, "phone.remembered"), {}});
}

void Kiosk::leave_lesson() {
    // In a class, back to the class's screen, which says nothing (staff are talking).
    if (staff_->class_running()) return apply(PlayerReply{"learn", "", {}});
    apply(PlayerReply{"learn", catalog_.text(visitor_.language, "learn.prompt"), {}});
}

void Kiosk::prepare_prompts() {
    // Synthesize every screen's prompt in the background now, so "listen again" and
    // each new screen start sounding at once.
    std::vector<voice::Utterance> prompts;
    for (const std::string& id : screens_.ids())
        if (!screens_.find(id)->prompt_key().empty())
            prompts.push_back(utterance(catalog_.text(visitor_.language, screens_.find(id)->prompt_key()), visitor_.language));
    speech_->prepare(std::move(prompts));
}

// ---------------------------------------------------------------- actions

void Kiosk::go(std::string_view screen_id) {
    if (!screens_.contains(screen_id)) {
        log_.error("asked to go to unknown screen \"" + std::string(screen_id) + "\"");
        return;
    }
    if (screen_id == "help") return apply(help_->start(), PhoneFor::Help);  // a fresh request each time
    if (screen_id == "phone_entry") {
        phone_for_ = PhoneFor::Learn;
        visitor_.phone_for_someone_else = false;
    }
    router_.go(screen_id);
    redraw();
}

void Kiosk::back() {
    router_.back();
    redraw();
}

void Kiosk::home() {
    router_.home();
    // During a class the seniors' "home" on the lesson screens leads back to the class.
    if (staff_->class_running()) {
        router_.go("staff_home");
        router_.go("staff_class_run");
    }
    redraw();
}

void Kiosk::listen_again() {
    if (current_screen() == "lesson") lessons_->heard_again();
    speak_screen_prompt();
}

void Kiosk::set_text_size(core::TextSize size) {
    visitor_.text_size = size;
    fonts_dirty_ = true;
    redraw();
    speak_key("text_size.changed", visitor_.language);
}

void Kiosk::set_language(const std::string& code) {
    if (!catalog_.language(code)) return;
    visitor_.language = code;
    booking_->set_language(code);
    help_->set_language(code);
    staff_->set_language(code);
    redraw();
    speak_key("language.changed", code);
    prepare_prompts();
}

void Kiosk::set_voice(bool on) {
    visitor_.voice_on = on;
    redraw();
    if (!on) speech_->stop();
    speech_->set_enabled(on);
    if (on) speak_key("voice.turned_on", visitor_.language);
}

void Kiosk::set_speech_rate(int wpm) {
    visitor_.speech_rate_wpm = wpm;
    redraw();
    speak_key("voice.rate_changed", visitor_.language);
    prepare_prompts();
}

void Kiosk::still_here() {
    if (!idle_warning_) return;
    idle_warning_ = false;
    idle_.touched(clock_.now());
    redraw();
    speak_screen_prompt();
}

// ---------------------------------------------------------------- input

void Kiosk::pointer_down(float x, float y) {
    const core::TimePoint now = clock_.now();
    idle_.touched(now);
    staff_->touched();
    ++frames_wanted_;
    if (idle_warning_) {
        // During the warning any touch means "I'm still here".
        still_here();
        return;
    }
    taps_.press(x, y, now);
    // The mis-touch rate is about the seniors' screens: staff taps are not counted.
    const bool counted = !StaffFlow::is_staff_screen(current_screen());
    for (const core::TapEvent& e : taps_.take_events())
        if (counted) tally_.tap(current_screen(), e.outcome == core::TapOutcome::Missed);
}

void Kiosk::pointer_move(float x, float y) {
    if (!taps_.pressing()) return;
    const bool armed_before = taps_.armed_target().has_value();
    taps_.move(x, y);
    if (armed_before != taps_.armed_target().has_value()) ++frames_wanted_;  // show the cancel
}

void Kiosk::pointer_up(float x, float y) {
    const core::TimePoint now = clock_.now();
    const auto event = taps_.release(x, y, now);
    ++frames_wanted_;
    if (!event) return;
    if (event->outcome != core::TapOutcome::Missed && !StaffFlow::is_staff_screen(current_screen())) tally_.tap(current_screen(), false);
    if (event->outcome == core::TapOutcome::Activated) {
        pending_activation_ = event->target_id;
        tap_released_at_ = std::chrono::steady_clock::now();
        frames_since_tap_ = 0;
    }
}

void Kiosk::handle_event(const SDL_Event& e) {
    int out_w = 0, out_h = 0, win_w = 0, win_h = 0;
    auto to_pixels = [&](float& x, float& y, bool normalised) {
        video_->size(out_w, out_h);
        SDL_GetWindowSize(video_->window(), &win_w, &win_h);
        if (normalised) {
            x *= static_cast<float>(out_w);
            y *= static_cast<float>(out_h);
        } else if (win_w > 0 && win_h > 0) {  // high-DPI: window points to pixels
            x *= static_cast<float>(out_w) / static_cast<float>(win_w);
            y *= static_cast<float>(out_h) / static_cast<float>(win_h);
        }
    };
    switch (e.type) {
    case SDL_QUIT: quit_ = true; break;
    case SDL_WINDOWEVENT:
        if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e.window.event == SDL_WINDOWEVENT_RESIZED) fonts_dirty_ = true;
        ++frames_wanted_;
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEMOTION: {
        // Touches also arrive as mouse events; the finger events are the ones we use.
        if ((e.type == SDL_MOUSEMOTION ? e.motion.which : e.button.which) == SDL_TOUCH_MOUSEID) break;
        if (e.type != SDL_MOUSEMOTION && e.button.button != SDL_BUTTON_LEFT) break;
        float x = static_cast<float>(e.type == SDL_MOUSEMOTION ? e.motion.x : e.button.x);
        float y = static_cast<float>(e.type == SDL_MOUSEMOTION ? e.motion.y : e.button.y);
        to_pixels(x, y, false);
        if (e.type == SDL_MOUSEBUTTONDOWN) pointer_down(x, y);
        else if (e.type == SDL_MOUSEBUTTONUP) pointer_up(x, y);
        else pointer_move(x, y);
        break;
    }
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION: {
        // Follow one finger; a palm or a second finger resting on the glass is ignored.
        const auto id = static_cast<std::uint32_t>(e.tfinger.fingerId);
        if (e.type == SDL_FINGERDOWN && !finger_) finger_ = id;
        if (!finger_ || *finger_ != id) break;
        float x = e.tfinger.x, y = e.tfinger.y;
        to_pixels(x, y, true);
        if (e.type == SDL_FINGERDOWN) pointer_down(x, y);
        else if (e.type == SDL_FINGERUP) {
            pointer_up(x, y);
            finger_.reset();
        } else pointer_move(x, y);
        break;
    }
    default:
        if (e.type == waker_.wake_event_type()) ++frames_wanted_;
        break;
    }
}

// ---------------------------------------------------------------- idle

void Kiosk::follow_idle_rules() {
    const core::TimePoint now = clock_.now();
    if (staff_->signed_in()) {
        // Staff mode has its own, silent rule: untouched for its minutes, it closes.
        idle_.touched(now);
        if (const auto deadline = staff_->deadline(); deadline && now >= *deadline)
            close_staff_mode("nobody touched the screen for " + std::to_string(config_.staff_idle_minutes) + " minutes");
        return;
    }
    switch (idle_.phase(now)) {
    case core::IdlePhase::Asleep:
    case core::IdlePhase::Active: break;
    case core::IdlePhase::Warning:
        if (!idle_warning_) {
            idle_warning_ = true;
            taps_.cancel();
            speak_screen_prompt();
        }
        ++frames_wanted_;  // the countdown
        break;
    case core::IdlePhase::Expired: reset_for_next_visitor(); break;
    }
}

void Kiosk::close_staff_mode(const std::string& why) {
    staff_->sign_out();
    // The next person is a new visitor: the site's defaults, nothing staff had on screen.
    if (visitor_.text_size != defaults_.text_size) fonts_dirty_ = true;
    const bool language_changed = visitor_.language != defaults_.language;
    visitor_ = defaults_;
    booking_->set_language(visitor_.language);
    help_->set_language(visitor_.language);
    staff_->set_language(visitor_.language);
    if (language_changed) prepare_prompts();
    speech_->stop();  // a voice message still playing stops with staff mode
    speech_->set_enabled(visitor_.voice_on);
    router_.home();
    pending_activation_.reset();
    pending_choice_.reset();
    taps_.cancel();
    screen_shown_ = kHome;  // nothing is said: staff mode closing is no news to a lobby
    ++frames_wanted_;
    log_.info("staff mode closed: " + why);
}

void Kiosk::reset_for_next_visitor() {
    // Forget everything the last visitor chose or entered: a kiosk is a shared screen.
    flush_counters();
    staff_->sign_out();
    const bool size_changed = visitor_.text_size != defaults_.text_size;
    const bool rate_or_language_changed =
        visitor_.language != defaults_.language || visitor_.speech_rate_wpm != defaults_.speech_rate_wpm;
    visitor_ = defaults_;
    router_.home();
    idle_warning_ = false;
    idle_.reset();
    taps_.cancel();
    pending_activation_.reset();
    if (size_changed) fonts_dirty_ = true;
    lessons_->forget_visitor();
    booking_->forget_visitor();
    help_->forget_visitor();
    booking_->set_language(visitor_.language);
    help_->set_language(visitor_.language);
    staff_->set_language(visitor_.language);
    pending_choice_.reset();
    phone_for_ = PhoneFor::Learn;
    speech_->stop();
    speech_->clear_history();
    speech_->set_enabled(visitor_.voice_on);
    if (rate_or_language_changed) prepare_prompts();
    screen_shown_ = kHome;
    speak_key("idle.going_home", visitor_.language);
    ++frames_wanted_;
    log_.info("idle: back to the start for the next visitor");
}

float Kiosk::highlight_pulse() const {
    const auto& since = lessons_->highlight_since();
    if (!since || current_screen() != "lesson") return 0.0f;
    const double t = std::chrono::duration<double>(clock_.now() - *since).count();
    if (t < 0 || t >= kPulseSeconds) return 0.0f;
    return static_cast<float>(0.5 - 0.5 * std::cos(t / kPulseSeconds * 3 * 2 * 3.14159265358979));  // three pulses
}

int Kiosk::ms_until_deadline() const {
    const core::TimePoint now = clock_.now();
    // While the "tap here" ring pulses, draw at about 30 frames a second; then sleep again.
    if (const auto& since = lessons_->highlight_since(); since && current_screen() == "lesson" &&
                                                          now - *since < std::chrono::duration<double>(kPulseSeconds))
        return 33;
    if (help_->recording()) return 100;  // the seconds and the voice level move on
    if (const auto staff_deadline = staff_->deadline()) {
        // Staff mode: its own closing time, and a look at the help queue's countdowns.
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(*staff_deadline - now).count();
        return static_cast<int>(std::clamp<long long>(ms + 1, 0, 15000));
    }
    const auto deadline = idle_.next_deadline(now);
    if (!deadline) return -1;
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - now).count();
    return static_cast<int>(std::clamp<long long>(ms + 1, 0, 24LL * 3600 * 1000));
}

// ---------------------------------------------------------------- drawing

void Kiosk::rebuild_fonts_if_needed() {
    int w = 0, h = 0;
    video_->size(w, h);
    if (!fonts_dirty_ && w == font_w_ && h == font_h_ && visitor_.text_size == font_size_) return;
    metrics_ = ui::compute_metrics(w, h, visitor_.text_size);
    ImGui_ImplSDLRenderer_DestroyFontsTexture();  // the backend re-uploads it at the next NewFrame
    fonts_.build(*ImGui::GetIO().Fonts, font_file_, text_chars_, display_chars_, metrics_);
    taps_.set_params({metrics_.slop_px, std::chrono::milliseconds(400)});
    font_w_ = w;
    font_h_ = h;
    font_size_ = visitor_.text_size;
    fonts_dirty_ = false;
    const auto& s = fonts_.stats();
    figures_.font_build_ms = s.build_ms;
    figures_.glyphs = s.glyphs;
    figures_.atlas_w = s.atlas_width;
    figures_.atlas_h = s.atlas_height;
    std::ostringstream line;
    line << "fonts: " << s.glyphs << " glyphs, body " << metrics_.body_px << " px, atlas " << s.atlas_width << "x" << s.atlas_height
         << ", built in " << std::lround(s.build_ms) << " ms";
    log_.info(line.str());
}

void Kiosk::draw_frame() {
    auto frame_start = std::chrono::steady_clock::now();
    // When a tap changes the screen, the frame that drew the tap is thrown away and
    // drawn again, so the very next frame presented already shows the effect.
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto bake_start = std::chrono::steady_clock::now();
        rebuild_fonts_if_needed();
        const bool new_atlas = ImGui::GetIO().Fonts->TexID == nullptr;  // baked: NewFrame uploads it
        ImGui_ImplSDLRenderer_NewFrame();
        // A glyph atlas bake and its upload are not counted: the fonts: line has its own figure.
        if (new_atlas) frame_start += std::chrono::steady_clock::now() - bake_start;
        ImGui_ImplSDL2_NewFrame();
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // we run touch ourselves (TapRecognizer)
        std::fill(std::begin(io.MouseDown), std::end(io.MouseDown), false);
        ImGui::NewFrame();

        int w = 0, h = 0;
        video_->size(w, h);
        ui::FrameInput input{std::exchange(pending_activation_, std::nullopt), taps_.armed_target()};
        ui::FrameUi frame(*ImGui::GetBackgroundDrawList(), fonts_, metrics_, palette_, std::move(input));
        const ui::Text text(catalog_, visitor_.language);
        ui::ScreenContext ctx{frame, text, visitor_, *this, idle_.warning_seconds_left(clock_.now()), lessons_.get(), pictures_.get(), this,
                              highlight_pulse()};
        changed_during_draw_ = false;
        ui::draw_screen(screen_to_draw(), ctx, core::Rect{0, 0, static_cast<float>(w), static_cast<float>(h)});
        last_frame_ = frame.take_records();

        if (changed_during_draw_ && attempt < 2) {
            ImGui::EndFrame();
            run_pending_choice();  // between frames: a flow choice may touch the store
            if (current_screen() != screen_shown_) screen_changed();
            continue;
        }
        std::vector<core::TouchTarget> targets;
        for (const auto& r : last_frame_)
            if (r.control) targets.push_back({r.id, r.rect});
        taps_.set_targets(std::move(targets));

        ImGui::Render();
        const auto built = std::chrono::steady_clock::now();
        figures_.frame_build_ms.push_back(ms_between(frame_start, built));
        const ui::Rgb page = palette_.page;
        SDL_SetRenderDrawColor(video_->renderer(), page.r, page.g, page.b, 255);
        SDL_RenderClear(video_->renderer());
        ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
        figures_.frame_render_ms.push_back(ms_between(built, std::chrono::steady_clock::now()));  // + present, in turn()
        break;
    }
    if (current_screen() != screen_shown_) screen_changed();
}

void Kiosk::screen_changed() {
    counters_due_ = true;  // written after the frame is shown: a write waits for the disk
    taps_.cancel();
    speak_screen_prompt();
}

void Kiosk::flush_counters() {
    tally_.flush(touch_stats_);
    lessons_->flush();
}

void Kiosk::resize(int w, int h) {
    video_->resize(w, h);
    fonts_dirty_ = true;
    ++frames_wanted_;
}

void Kiosk::screenshot(const std::filesystem::path& png) {
    draw_frame();
    video_->write_png(png);
    SDL_RenderPresent(video_->renderer());
}

// ---------------------------------------------------------------- the loop

bool Kiosk::turn() {
    SDL_Event e;
    while (SDL_PollEvent(&e)) handle_event(e);
    if (waker_.signalled()) quit_ = true;
    if (quit_) return false;
    if (sync_) take_sync_changes();
    if (staff_->signed_in()) take_staff_news();
    follow_idle_rules();
    if (help_->recording() && help_->poll_recording()) redraw();
    if (const auto& since = lessons_->highlight_since();
        since && current_screen() == "lesson" && clock_.now() - *since < std::chrono::duration<double>(kPulseSeconds + 0.1))
        frames_wanted_ = std::max(frames_wanted_, 1);  // the ring's pulse, then one still frame
    if (frames_wanted_ > 0) {
        frames_wanted_ = 0;
        draw_frame();
        const auto presenting = std::chrono::steady_clock::now();
        SDL_RenderPresent(video_->renderer());
        if (!figures_.frame_render_ms.empty()) figures_.frame_render_ms.back() += ms_between(presenting, std::chrono::steady_clock::now());
        ++figures_.frames;
        if (tap_released_at_) {
            ++frames_since_tap_;
            figures_.tap_to_frame_ms.push_back(ms_between(*tap_released_at_, std::chrono::steady_clock::now()));
            figures_.tap_to_frame_frames.push_back(frames_since_tap_);
            tap_released_at_.reset();
        }
        lessons_->flush();  // a step reached or a lesson finished: written between frames
        if (pending_choice_) run_pending_choice();
        if (std::exchange(counters_due_, false)) flush_counters();
        if (!first_frame_logged_) {
            first_frame_logged_ = true;
            figures_.startup_to_first_frame_ms = ms_between(started_at_, std::chrono::steady_clock::now());
            std::ostringstream line;
            line << "first frame of the home screen presented " << std::lround(figures_.startup_to_first_frame_ms)
                 << " ms after start-up began";
            log_.info(line.str());
        }
    }
    return true;
}

void Kiosk::settle(core::Duration max) {
    const auto until = std::chrono::steady_clock::now() + max;
    while (turn()) {
        if (frames_wanted_ > 0) continue;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()).count();
        if (left <= 0 || speech_->idle()) break;
        int timeout = ms_until_deadline();
        timeout = timeout < 0 ? static_cast<int>(left) : std::min<int>(timeout, static_cast<int>(left));
        waker_.wait(std::min(timeout, 20));
    }
}

int Kiosk::run() {
    while (turn()) {
        if (frames_wanted_ > 0) continue;
        waker_.wait(ms_until_deadline());
    }
    log_.info("stopping");
    return 0;
}

}  // namespace qiao::app
