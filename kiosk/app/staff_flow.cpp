// StaffFlow: signing in and out, the menu, and where each choice goes. The screens of
// each part are in staff_*_pages.cpp.
#include "app/staff_flow.hpp"

#include <algorithm>
#include <cstdlib>

#include "app/enrolment_attempt.hpp"
#include "app/lesson_player.hpp"
#include "core/i18n/catalog.hpp"
#include "core/staff/staff_pin_hash.hpp"

namespace qiao::app {

namespace {

constexpr const char* kPinScreen = "staff_pin";

core::StaffLinkOptions link_options(const StaffSetup& setup) {
    core::StaffLinkOptions o;
    o.data_dir = setup.data_dir;
    o.ca_file = setup.backoffice_ca;
    o.on_answer = setup.wake;
    o.app_version = QIAO_VERSION;
    return o;
}

}  // namespace

StaffFlow::StaffFlow(StaffSetup setup, LessonPlayer& lessons)
    : setup_(std::move(setup)),
      lessons_(lessons),
      catalog_(setup_.catalog),
      log_(setup_.log),
      roster_(setup_.db),
      gate_(setup_.db),
      hours_(setup_.db, setup_.outbox),
      class_record_(setup_.db, setup_.outbox) {}

StaffFlow::~StaffFlow() = default;

bool StaffFlow::owns(const std::string& id) { return id.rfind("staff.", 0) == 0; }

bool StaffFlow::is_staff_screen(std::string_view screen) { return screen.rfind("staff_", 0) == 0; }

bool StaffFlow::is_manager() const { return session_ && session_->account().role == core::StaffRole::Manager; }

void StaffFlow::set_language(const std::string& lang) {
    lang_ = lang;
    pages_.clear();
}

std::string StaffFlow::format(const std::string& key, std::initializer_list<std::pair<std::string, std::string>> values) const {
    return core::format_text(text(key), std::vector<std::pair<std::string, std::string>>(values));
}

void StaffFlow::set_idle_limit(std::chrono::minutes limit) {
    setup_.idle_limit = limit;
    if (session_ && !class_) renew_session(limit);
}

void StaffFlow::renew_session(core::Duration idle_limit) {
    if (!session_) return;
    // Copied first: emplace destroys the old session before it builds the new one.
    const core::StaffAccount account = session_->account();
    const core::WallTime since = session_->since();
    session_.emplace(account, since, setup_.clock.now(), idle_limit);
}

void StaffFlow::touched() {
    if (session_) session_->touch(setup_.clock.now());
}

std::optional<core::TimePoint> StaffFlow::deadline() const {
    if (!session_) return std::nullopt;
    return session_->deadline();
}

void StaffFlow::sign_out() {
    if (session_) log_.info("staff: " + session_->account().id + " signed out");
    session_.reset();
    choosing_.reset();
    pin_.clear();
    sign_in_note_.clear();
    tickets_.clear();
    ticket_id_.reset();
    help_heading_.clear();
    help_note_.clear();
    help_lists_waiting_ = 0;
    help_asked_at_.reset();
    pages_built_at_.reset();
    clip_to_play_.clear();
    shown_tickets_.clear();
    day_bookings_.clear();
    bookings_by_utc_day_.clear();
    booking_id_.reset();
    bookings_heading_.clear();
    booking_note_.clear();
    booking_lists_waiting_ = 0;
    attendance_ids_.clear();
    hours_note_.clear();
    part_ = Part::None;
    class_.reset();  // a class not finished is not recorded: the walk-ins' numbers go with it
    class_note_.clear();
    adding_walk_in_ = false;
    show_lesson_ = false;
    site_figures_.reset();
    site_figures_note_.clear();
    packs_note_.clear();
    pack_id_.clear();
    pack_sources_.clear();
    scan_.reset();
    found_ = 0;
    settings_note_.clear();
    setting_key_.clear();
    typing_ = Typing::None;
    typed_.clear();
    url_.clear();
    enrolment_.reset();  // an enrolment still asking is cut short
    if (link_) {
        link_->forget_voice_files();
        link_.reset();  // answers still on their way are dropped with it
    }
    pages_.clear();
}

// ---------------------------------------------------------------- choices

FlowReply StaffFlow::choose(const std::string& id, core::WallTime now) {
    if (id == "staff.enter") return enter(now);
    if (id.rfind("staff.name.", 0) == 0) return pick_name(std::strtoul(id.c_str() + 11, nullptr, 10), now);
    if (id.rfind("pin.key.", 0) == 0) return pin_key(id.back(), now);
    if (!session_) {
        // Every other staff choice needs someone signed in: back to the start.
        FlowReply r;
        r.restart = std::vector<std::string>{};
        return r;
    }
    touched();
    if (id == "staff.sign_out") {
        sign_out();
        FlowReply r;
        r.restart = std::vector<std::string>{};
        return r;
    }
    if (id == "staff.menu") return menu();
    if (id == "staff.open.hours") return open_hours(now);
    if (id == "staff.open.health" && is_manager()) return open_health(now);
    if (id.rfind("staff.health.", 0) == 0 && is_manager()) return health_choice(id, now);
    if (id == "staff.open.help") return open_help(now);
    if (id == "staff.open.bookings") return open_bookings(now);
    if (id.rfind("staff.hours.", 0) == 0) return hours_choice(id, now);
    if (id.rfind("staff.help.", 0) == 0) return help_choice(id, now);
    if (id.rfind("staff.booking.", 0) == 0) return booking_choice(id, now);
    if (id == "staff.open.class") return open_class(now);
    if (id.rfind("staff.class.", 0) == 0) return class_choice(id, now);
    if (is_manager()) {
        if (id == "staff.open.packs") return open_packs(now);
        if (id.rfind("staff.packs.", 0) == 0) return pack_choice(id, now);
        if (id == "staff.open.settings") return open_settings(now);
        if (id.rfind("staff.settings.", 0) == 0) return settings_choice(id, now);
        if (id.rfind("staff.key.", 0) == 0 || id.rfind("staff.keyboard.", 0) == 0) return keyboard_choice(id, now);
    }
    log_.warning("staff: no screen takes the choice \"" + id + "\"");
    return {};
}

FlowReply StaffFlow::enter(core::WallTime now) {
    sign_out();  // a half-finished sign-in of someone else starts again
    names_ = roster_.signable();
    build_sign_in_pages(now);
    return FlowReply::to("staff_sign_in");
}

FlowReply StaffFlow::pick_name(std::size_t n, core::WallTime now) {
    // Names are cards by their place in the list (1 is the first), as tours see them.
    if (n < 1 || n > names_.size()) return {};
    choosing_ = names_[n - 1];
    pin_.clear();
    sign_in_note_.clear();
    build_sign_in_pages(now);
    return FlowReply::to(kPinScreen);
}

FlowReply StaffFlow::pin_key(char key, core::WallTime now) {
    if (!choosing_ || key < '0' || key > '9') return {};
    const core::StaffPinAnswer state = gate_.state(now);
    if (state.outcome == core::StaffPinOutcome::Wait || state.outcome == core::StaffPinOutcome::Locked) {
        pin_.clear();
        build_sign_in_pages(now);
        return {};
    }
    pin_.push_back(key);
    if (pin_.size() < core::kStaffPinDigits) {
        build_sign_in_pages(now);
        return {};
    }
    // The sixth digit: the slow hash is checked here, between frames (about 0.2 s).
    const std::string typed = std::exchange(pin_, std::string());
    const core::StaffPinAnswer answer = gate_.check(choosing_->id, typed, now);
    if (answer.outcome != core::StaffPinOutcome::Right) {
        log_.warning("staff: a wrong PIN for " + choosing_->id);
        sign_in_note_ = answer.outcome == core::StaffPinOutcome::Wrong ? text("staff_pin.wrong") : std::string();
        build_sign_in_pages(now);
        return {};
    }
    session_.emplace(answer.account.value_or(*choosing_), now, setup_.clock.now(), setup_.idle_limit);
    choosing_.reset();
    sign_in_note_.clear();
    log_.info("staff: " + session_->account().id + " signed in (" +
              (session_->account().role == core::StaffRole::Manager ? "site manager" : "volunteer") + ")");
    link_ = std::make_unique<core::StaffLink>(link_options(setup_), log_);
    build_menu_page();
    FlowReply r;
    r.restart = std::vector<std::string>{"staff_home"};
    return r;
}

std::optional<std::pair<std::string, std::string>> StaffFlow::take_lesson_to_show() {
    if (!std::exchange(show_lesson_, false) || !class_) return std::nullopt;
    return std::make_pair(class_->pack_id, class_->lesson_id);
}

FlowReply StaffFlow::menu() {
    build_menu_page();
    FlowReply r;
    r.restart = std::vector<std::string>{"staff_home"};
    return r;
}

// ---------------------------------------------------------------- pages

void StaffFlow::build_sign_in_pages(core::WallTime now) {
    const core::StaffPinAnswer state = gate_.state(now);
    std::string held;
    if (state.outcome == core::StaffPinOutcome::Locked)
        held = format("staff_sign_in.locked", {{"minutes", std::to_string((state.seconds_left + 59) / 60)}});
    else if (state.outcome == core::StaffPinOutcome::Wait)
        held = format("staff_sign_in.wait", {{"seconds", std::to_string(state.seconds_left)}});

    ui::FlowPage& names = pages_["staff_sign_in"];
    names = {};
    names.heading = !held.empty() ? held : names_.empty() ? text("staff_sign_in.none") : text("staff_sign_in.heading");
    for (const core::StaffAccount& a : names_)
        names.items.push_back({"staff.name." + std::to_string(names.items.size() + 1), ui::Icon::Volunteer, a.name,
                               text(a.role == core::StaffRole::Manager ? "staff.role.manager" : "staff.role.volunteer")});

    ui::FlowPage& pin = pages_[kPinScreen];
    pin = {};
    if (choosing_) pin.heading = format("staff_pin.heading", {{"name", choosing_->name}});
    if (!sign_in_note_.empty()) pin.heading = sign_in_note_ + " " + pin.heading;
    if (!held.empty()) pin.heading = held;
}

void StaffFlow::build_menu_page() {
    if (!session_) return;
    const core::StaffAccount& me = session_->account();
    ui::FlowPage& p = pages_["staff_home"];
    p = {};
    p.hide_back = true;
    p.heading = format("staff_home.heading",
                       {{"name", me.name},
                        {"role", text(me.role == core::StaffRole::Manager ? "staff.role.manager" : "staff.role.volunteer")},
                        {"minutes", std::to_string(setup_.idle_limit.count())}});
    p.items.push_back({"staff.open.help", ui::Icon::Help, text("staff.menu.help"), text("staff.menu.help_caption")});
    p.items.push_back({"staff.open.bookings", ui::Icon::Calendar, text("staff.menu.bookings"), text("staff.menu.bookings_caption")});
    p.items.push_back({"staff.open.class", ui::Icon::Class, text("staff.menu.class"), text("staff.menu.class_caption")});
    p.items.push_back({"staff.open.hours", ui::Icon::Clock, text("staff.menu.hours"), text("staff.menu.hours_caption")});
    if (me.role == core::StaffRole::Manager) {
        p.items.push_back({"staff.open.packs", ui::Icon::Learn, text("staff.menu.packs"), text("staff.menu.packs_caption")});
        p.items.push_back({"staff.open.health", ui::Icon::Heart, text("staff.menu.health"), text("staff.menu.health_caption")});
        p.items.push_back({"staff.open.settings", ui::Icon::Door, text("staff.menu.settings"), text("staff.menu.settings_caption")});
    }
}

const ui::FlowPage* StaffFlow::page(std::string_view screen) const {
    const auto it = pages_.find(screen);
    return it == pages_.end() ? nullptr : &it->second;
}

// ---------------------------------------------------------------- words

std::string StaffFlow::minutes_words(long long minutes) const {
    return format("staff.hours_minutes", {{"h", std::to_string(minutes / 60)}, {"m", std::to_string(minutes % 60)}});
}

}  // namespace qiao::app
