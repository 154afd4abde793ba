// StaffFlow, enrolment and settings (site managers): enrol the station with its back
// office (the address and the one-time code, typed on big keys), and the site's own
// choices: default language, languages offered, voice and speech rate, idle timeout,
// opening hours, the help deadline, the home buttons, staff mode's idle minutes. Each is
// kept in the store's settings under the config file's key and checked by the config
// file's rules (core::parse_config), so a value is never stored that the kiosk would
// refuse at its next start.
#include <algorithm>

#include "app/enrolment_attempt.hpp"
#include "app/staff_flow.hpp"
#include "core/config/config_values.hpp"
#include "core/config/kiosk_config.hpp"
#include "core/sync/sync_credentials.hpp"

namespace qiao::app {

namespace {

constexpr const char* kUrlKeys = "abcdefghijklmnopqrstuvwxyz0123456789.:/-_";
constexpr const char* kCodeKeys = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";  // the back office's codes: no look-alikes
constexpr std::size_t kMostTyped = 200;

struct SettingChoice {
    const char* value;
    const char* words_key;  // catalog key of how it is said; "" = the value itself
    const char* unit_key;   // "{n} ..." with the value as n; "" = none
};

struct SiteSetting {
    const char* key;         // the config file's key
    bool many;               // several values may be chosen (a comma list)
    bool next_start;         // applies from the next start only
    std::vector<SettingChoice> choices;  // empty: filled in from the catalogs (languages)
};

const std::vector<SiteSetting>& site_settings() {
    static const std::vector<SiteSetting> all = {
        {"language", false, false, {}},
        {"languages", true, false, {}},
        {"home_buttons", true, false, {{"learn", "home.learn.caption", ""}, {"book", "home.book.caption", ""}, {"help", "home.help.caption", ""}}},
        {"voice", false, false, {{"on", "staff_settings.on", ""}, {"off", "staff_settings.off", ""}}},
        {"speech_rate", false, false, {{"100", "voice.slower", ""}, {"130", "voice.normal", ""}, {"165", "voice.faster", ""}}},
        {"idle_timeout", false, false, {{"60", "", "staff_settings.seconds"}, {"120", "", "staff_settings.seconds"}, {"180", "", "staff_settings.seconds"}, {"300", "", "staff_settings.seconds"}}},
        {"opening_hours", false, true, {{"08:00-17:00", "", ""}, {"08:30-17:30", "", ""}, {"09:00-17:00", "", ""}, {"09:00-18:00", "", ""}, {"09:00-12:00", "", ""}}},
        {"help_response_minutes", false, true, {{"60", "", "staff_settings.minutes"}, {"120", "", "staff_settings.minutes"}, {"240", "", "staff_settings.minutes"}, {"480", "", "staff_settings.minutes"}}},
        {"staff_idle_minutes", false, false, {{"2", "", "staff_settings.minutes"}, {"5", "", "staff_settings.minutes"}, {"10", "", "staff_settings.minutes"}, {"15", "", "staff_settings.minutes"}}},
    };
    return all;
}

const SiteSetting* find_setting(const std::string& key) {
    for (const SiteSetting& s : site_settings())
        if (key == s.key) return &s;
    return nullptr;
}

std::string join_commas(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& i : items) out += (out.empty() ? "" : ",") + i;
    return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> StaffFlow::setting_choices(const std::string& key) const {
    std::vector<std::pair<std::string, std::string>> out;  // value, words
    const SiteSetting* s = find_setting(key);
    if (!s) return out;
    if (s->choices.empty()) {
        for (const core::LanguageInfo& lang : catalog_.languages()) out.emplace_back(lang.code, lang.native_name);
        return out;
    }
    for (const SettingChoice& c : s->choices) {
        std::string words = *c.words_key ? text(c.words_key) : std::string(c.value);
        if (*c.unit_key) words = format(c.unit_key, {{"n", c.value}});
        out.emplace_back(c.value, words);
    }
    return out;
}

std::string StaffFlow::setting_value(const std::string& key) const {
    if (const auto stored = setup_.settings.get(key)) return *stored;
    // Not set at this site: what the config file (or the default) gives.
    const core::KioskConfig& c = setup_.config;
    if (key == "language") return c.language;
    if (key == "languages") return join_commas(c.languages);
    if (key == "home_buttons") return join_commas(c.home_buttons);
    if (key == "voice") return c.voice ? "on" : "off";
    if (key == "speech_rate") return std::to_string(c.speech_rate_wpm);
    if (key == "idle_timeout") return std::to_string(c.idle_timeout_s);
    if (key == "opening_hours") return c.opening_hours;
    if (key == "help_response_minutes") return std::to_string(c.help_response_minutes);
    if (key == "staff_idle_minutes") return std::to_string(c.staff_idle_minutes);
    return {};
}

std::string StaffFlow::setting_words(const std::string& key) const {
    const std::string value = setting_value(key);
    const SiteSetting* s = find_setting(key);
    const auto choices = setting_choices(key);
    auto words_of = [&](const std::string& v) {
        for (const auto& [cv, words] : choices)
            if (cv == v) return words;
        return v;
    };
    if (s && s->many) {
        const std::vector<std::string> values = core::config_values::comma_list(value);
        if (values.empty()) return text("staff_settings.all");
        std::string out;
        for (const std::string& v : values) out += (out.empty() ? "" : ", ") + words_of(v);
        return out;
    }
    return words_of(value);
}

FlowReply StaffFlow::open_settings(core::WallTime now) {
    settings_note_.clear();
    setting_key_.clear();
    build_settings_pages(now);
    return FlowReply::to("staff_settings");
}

FlowReply StaffFlow::settings_choice(const std::string& id, core::WallTime now) {
    if (id == "staff.settings.enrol") {
        typing_ = Typing::Url;
        const auto enrolled = core::load_credentials(setup_.data_dir, setup_.settings);
        typed_ = enrolled ? enrolled->url : "https://";
        build_settings_pages(now);
        return FlowReply::to("staff_keyboard");
    }
    if (id.rfind("staff.settings.key.", 0) == 0) {
        setting_key_ = id.substr(19);
        if (!find_setting(setting_key_)) return {};
        build_settings_pages(now);
        return FlowReply::to("staff_setting_value");
    }
    if (id.rfind("staff.settings.value.", 0) == 0 && !setting_key_.empty()) {
        const SiteSetting& s = *find_setting(setting_key_);
        const std::string value = id.substr(21);
        std::string stored = value;
        if (s.many) {
            // Tapping a value turns it on or off; the list keeps the choices' order.
            std::vector<std::string> on = core::config_values::comma_list(setting_value(setting_key_));
            if (on.empty() && std::string(s.key) == "languages")
                for (const auto& [v, words] : setting_choices(s.key)) on.push_back(v);  // "all" = every one ticked
            const auto it = std::find(on.begin(), on.end(), value);
            if (it == on.end()) on.push_back(value);
            else on.erase(it);
            std::vector<std::string> ordered;
            for (const auto& [v, words] : setting_choices(s.key))
                if (std::find(on.begin(), on.end(), v) != on.end()) ordered.push_back(v);
            if (ordered.empty()) {
                settings_note_ = text("staff_settings.keep_one");
                build_settings_pages(now);
                return {};
            }
            stored = join_commas(ordered);
        }
        // The config file's rules decide what may be stored.
        try {
            (void)core::parse_config(std::string(s.key) + " = \"" + stored + "\"\n", "the staff screen", setup_.config);
        } catch (const std::exception& e) {
            settings_note_ = e.what();
            build_settings_pages(now);
            return {};
        }
        setup_.settings.set(s.key, stored);
        settings_changed_ = true;
        log_.info("staff: " + session_->account().id + " set " + s.key + " = " + stored);
        settings_note_ = text(s.next_start ? "staff_settings.saved_next_start" : "staff_settings.saved");
        build_settings_pages(now);
        if (s.many) return {};
        FlowReply r;
        r.back = true;
        return r;
    }
    return {};
}

FlowReply StaffFlow::keyboard_choice(const std::string& id, core::WallTime now) {
    if (id.rfind("staff.key.", 0) == 0 && id.size() == 11) {
        if (typed_.size() < kMostTyped) typed_ += id.back();
    } else if (id == "staff.keyboard.delete") {
        if (!typed_.empty()) typed_.pop_back();
    } else if (id == "staff.keyboard.done") {
        if (typing_ == Typing::Url) {
            url_ = typed_;
            typing_ = Typing::Code;
            typed_.clear();
        } else if (typing_ == Typing::Code) {
            core::EnrolmentRequest request{url_, typed_, setup_.config.kiosk_name, QIAO_VERSION};
            typing_ = Typing::None;
            typed_.clear();
            enrolment_ = std::make_unique<EnrolmentAttempt>(setup_.data_dir, std::move(request), setup_.backoffice_ca, log_, setup_.wake);
            settings_note_ = text("staff_settings.enrolling");
            build_settings_pages(now);
            FlowReply r;
            r.restart = std::vector<std::string>{"staff_home", "staff_settings"};
            return r;
        }
    }
    build_settings_pages(now);
    return {};
}

bool StaffFlow::take_enrolment_outcome(core::WallTime now) {
    if (!enrolment_) return false;
    const auto outcome = enrolment_->outcome();
    if (!outcome) return false;
    enrolment_.reset();
    if (outcome->enrolled) {
        settings_note_ = format("staff_settings.enrolled", {{"site", outcome->site_name}});
        enrolled_now_ = true;
    } else {
        settings_note_ = format("staff_settings.not_enrolled", {{"why", outcome->message}});
    }
    build_settings_pages(now);
    return true;
}

void StaffFlow::build_settings_pages(core::WallTime) {
    ui::FlowPage& p = pages_["staff_settings"];
    p = {};
    p.keep_captions = true;
    p.heading = settings_note_.empty() ? text("staff_settings.heading") : settings_note_;
    const auto enrolled = core::load_credentials(setup_.data_dir, setup_.settings);
    p.items.push_back({"staff.settings.enrol", ui::Icon::Door, text("staff_settings.backoffice"),
                       enrolled ? enrolled->site_name + " · " + enrolled->url : text("staff_health.not_enrolled")});
    for (const SiteSetting& s : site_settings())
        p.items.push_back({std::string("staff.settings.key.") + s.key, ui::Icon::None, text(std::string("staff_settings.") + s.key),
                           setting_words(s.key)});

    ui::FlowPage& v = pages_["staff_setting_value"];
    v = {};
    if (const SiteSetting* s = find_setting(setting_key_)) {
        v.heading = text(std::string("staff_settings.") + s->key) + (s->many ? " · " + text("staff_settings.tap_many") : "");
        if (!settings_note_.empty()) v.heading += "  " + settings_note_;
        const std::vector<std::string> on = core::config_values::comma_list(setting_value(s->key));
        for (const auto& [value, words] : setting_choices(s->key)) {
            const bool chosen = s->many ? (on.empty() && std::string(s->key) == "languages") || std::find(on.begin(), on.end(), value) != on.end()
                                        : setting_value(s->key) == value;
            ui::FlowItem item{"staff.settings.value." + value, chosen ? ui::Icon::Check : ui::Icon::None, words, ""};
            item.selected = chosen;
            if (chosen) item.style = ui::ButtonStyle::Selected;
            v.items.push_back(std::move(item));
        }
    }

    ui::FlowPage& k = pages_["staff_keyboard"];
    k = {};
    if (typing_ == Typing::None) return;
    k.heading = text(typing_ == Typing::Url ? "staff_keyboard.url" : "staff_keyboard.code");
    k.code = typed_;
    for (const char* c = typing_ == Typing::Url ? kUrlKeys : kCodeKeys; *c; ++c)
        k.items.push_back({std::string("staff.key.") + *c, ui::Icon::None, std::string(1, *c), ""});
    k.actions.push_back({"staff.keyboard.delete", ui::Icon::Back, text("staff_keyboard.delete")});
    k.actions.push_back({"staff.keyboard.done", ui::Icon::Check, text(typing_ == Typing::Url ? "staff_keyboard.next" : "staff_keyboard.enrol"), "",
                         ui::ButtonStyle::Primary});
}

}  // namespace qiao::app
