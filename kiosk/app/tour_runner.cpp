#include "app/tour_runner.hpp"

#include "ui/audit.hpp"

#include <algorithm>
#include <sstream>
#include <thread>

namespace qiao::app {

namespace {

// A person does not tap twice in 400 ms on purpose; tours move the clock on by a
// human pace before each tap, so the repeat guard stays out of their way.
constexpr auto kHumanPace = std::chrono::milliseconds(600);

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

std::string TourRunner::on_screen() const {
    std::ostringstream s;
    s << "screen \"" << kiosk_.current_screen() << "\" shows:";
    for (const auto& r : kiosk_.last_frame()) s << " " << r.id << (r.control ? "[button]" : "") << "=\"" << r.text << "\"";
    if (auto said = kiosk_.speech().last_said()) s << "; last said: \"" << said->text << "\"";
    return s.str();
}

void TourRunner::fail(const core::TourStep& s, const std::string& what) const {
    std::ostringstream m;
    m << tour_name_ << " line " << s.line << " (" << s.source << "): " << what << "\n  " << on_screen();
    throw TourFailure(m.str());
}

const ui::WidgetRecord& TourRunner::widget(const core::TourStep& s, const std::string& id) {
    kiosk_.settle(std::chrono::milliseconds(50));
    if (const ui::WidgetRecord* r = ui::find_widget(kiosk_.last_frame(), id)) return *r;
    fail(s, "no widget \"" + id + "\" on screen");
}

void TourRunner::tap_centre(const core::TourStep& s, const std::string& id) {
    const ui::WidgetRecord& r = widget(s, id);
    tap_at(r.rect.x + r.rect.w * 0.5f, r.rect.y + r.rect.h * 0.5f);
}

void TourRunner::tap_at(float x, float y) {
    kiosk_.clock().advance(kHumanPace);
    kiosk_.pointer_down(x, y);
    kiosk_.turn();
    kiosk_.pointer_up(x, y);
    kiosk_.turn();
}

void TourRunner::step(const core::TourStep& s) {
    using V = core::TourVerb;
    switch (s.verb) {
    case V::Tap: tap_centre(s, s.id); break;
    case V::TapAt: tap_at(static_cast<float>(s.x), static_cast<float>(s.y)); break;
    case V::Press: {
        const ui::WidgetRecord& r = widget(s, s.id);
        kiosk_.clock().advance(kHumanPace);
        press_x_ = r.rect.x + r.rect.w * 0.5f;
        press_y_ = r.rect.y + r.rect.h * 0.5f;
        kiosk_.pointer_down(press_x_, press_y_);
        kiosk_.turn();
        break;
    }
    case V::Slide:
        press_x_ += static_cast<float>(s.x);
        press_y_ += static_cast<float>(s.y);
        kiosk_.pointer_move(press_x_, press_y_);
        kiosk_.turn();
        break;
    case V::Release:
        kiosk_.pointer_up(press_x_, press_y_);
        kiosk_.turn();
        break;
    case V::ExpectScreen:
        kiosk_.settle(std::chrono::milliseconds(50));
        if (kiosk_.current_screen() != s.id) fail(s, "expected screen \"" + s.id + "\"");
        break;
    case V::ExpectSaid: {
        // Speech is asynchronous: give the worker a moment to take the request.
        kiosk_.settle(std::chrono::milliseconds(50));
        const auto said = kiosk_.speech().last_said();
        if (!said || said->text.find(s.text) == std::string::npos) fail(s, "expected to hear \"" + s.text + "\"");
        break;
    }
    case V::ExpectVisible: widget(s, s.id); break;
    case V::ExpectHidden:
        kiosk_.settle(std::chrono::milliseconds(50));
        if (ui::find_widget(kiosk_.last_frame(), s.id)) fail(s, "widget \"" + s.id + "\" should not be on screen");
        break;
    case V::ExpectText: {
        const ui::WidgetRecord& r = widget(s, s.id);
        if (r.text.find(s.text) == std::string::npos) fail(s, "expected \"" + s.id + "\" to show \"" + s.text + "\"");
        break;
    }
    case V::ExpectMisTouches: {
        kiosk_.settle(std::chrono::milliseconds(50));
        const auto counts = kiosk_.tally().run_total(s.id);
        if (counts.mis_touches != s.number)
            fail(s, "expected " + std::to_string(s.number) + " mis-touches on " + s.id + ", counted " +
                        std::to_string(counts.mis_touches) + " of " + std::to_string(counts.taps) + " taps");
        break;
    }
    case V::Wait: {
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(s.number);
        while (std::chrono::steady_clock::now() < until) {
            kiosk_.turn();
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        break;
    }
    case V::WaitIdle: kiosk_.settle(std::chrono::milliseconds(s.number)); break;
    case V::Advance:
        kiosk_.clock().advance(std::chrono::seconds(s.number));
        kiosk_.turn();
        kiosk_.turn();
        break;
    case V::Shot: {
        kiosk_.settle(std::chrono::milliseconds(20));
        kiosk_.screenshot(shots_dir_ / (s.id + ".png"));
        ++shots_;
        break;
    }
    case V::SetSize: {
        const auto size = core::parse_text_size(s.id);
        if (!size) fail(s, "unknown text size");
        kiosk_.set_text_size(*size);
        kiosk_.turn();
        break;
    }
    case V::SetLang:
        if (!kiosk_.catalog().language(s.id)) fail(s, "language \"" + s.id + "\" is not offered");
        kiosk_.set_language(s.id);
        kiosk_.turn();
        break;
    case V::SetVoice:
        kiosk_.set_voice(s.id == "on");
        kiosk_.turn();
        break;
    case V::Resize:
        kiosk_.resize(s.x, s.y);
        kiosk_.turn();
        kiosk_.turn();
        break;
    case V::WallClock:
        try {
            kiosk_.set_wall_clock(s.id);
        } catch (const std::exception& e) {
            fail(s, e.what());
        }
        kiosk_.turn();
        break;
    case V::LoadServices:
        try {
            kiosk_.load_services(s.text);
        } catch (const std::exception& e) {
            fail(s, e.what());
        }
        kiosk_.turn();
        break;
    case V::WaitSync: {
        // Until the outbox is empty and two more rounds went through without an error (the
        // second one pulls what the back office decided about the last push).
        if (!kiosk_.sync()) fail(s, "this kiosk is not enrolled with a back office (qiao-kiosk --enroll URL CODE)");
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(s.number);
        const std::uint64_t rounds_before = kiosk_.sync()->status().rounds;
        kiosk_.sync_now();
        for (;;) {
            const core::SyncStatus status = kiosk_.sync()->status();
            if (status.rounds >= rounds_before + 2 && status.outbox_depth == 0 && status.last_error.empty()) break;
            if (std::chrono::steady_clock::now() >= until)
                fail(s, "the sync did not finish: " + std::to_string(status.outbox_depth) + " entries wait; last error: " +
                            (status.last_error.empty() ? "none" : status.last_error));
            if (status.rounds > rounds_before) kiosk_.sync_now();
            kiosk_.turn();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        kiosk_.turn();
        break;
    }
    case V::WaitFor: {
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(s.number);
        for (;;) {
            kiosk_.turn();
            if (ui::find_widget(kiosk_.last_frame(), s.id)) break;
            if (std::chrono::steady_clock::now() >= until) {
                widget(s, s.id);  // fails, naming what is on screen
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        break;
    }
    case V::Audit: {
        if (s.id != "senior" && s.id != "staff") fail(s, "audit takes senior or staff");
        kiosk_.settle(std::chrono::milliseconds(20));
        kiosk_.draw_frame();
        int w = 0, h = 0;
        kiosk_.window_size(w, h);
        const ui::AuditRules rules = s.id == "staff" ? ui::staff_rules(kiosk_.metrics()) : ui::senior_rules(kiosk_.metrics());
        const ui::AuditFigures a = ui::audit_frame(kiosk_.last_frame(), rules, w, h);
        if (!a.problems.empty()) {
            std::string all;
            for (const auto& p : a.problems) all += (all.empty() ? "" : "; ") + p;
            fail(s, "the screen breaks the " + s.id + " rules: " + all);
        }
        break;
    }
    case V::BackOffice:
        try {
            kiosk_.backoffice_update(s.text);
        } catch (const std::exception& e) {
            fail(s, e.what());
        }
        kiosk_.turn();
        break;
    }
}

TourReport TourRunner::run(const core::TourScript& tour) {
    tour_name_ = tour.name;
    kiosk_.settle(std::chrono::milliseconds(100));
    for (const core::TourStep& s : tour.steps) step(s);
    kiosk_.settle(std::chrono::milliseconds(100));

    TourReport report;
    report.steps = static_cast<int>(tour.steps.size());
    report.shots = shots_;
    const auto& f = kiosk_.figures();
    std::vector<double> listen, all_speech, uncached;
    for (const auto& said : kiosk_.speech().history()) {
        if (!said.first_sample) continue;
        const double ms = std::chrono::duration<double, std::milli>(*said.first_sample - said.requested).count();
        all_speech.push_back(ms);
        if (said.cache_hit) listen.push_back(ms);
        else uncached.push_back(ms);
    }
    const int max_frames = f.tap_to_frame_frames.empty() ? 0 : *std::max_element(f.tap_to_frame_frames.begin(), f.tap_to_frame_frames.end());
    std::ostringstream s;
    s << "tour " << tour.name << ": " << report.steps << " steps, " << report.shots << " screenshots; taps acted on: "
      << f.tap_to_frame_ms.size() << ", tap to frame median " << median(f.tap_to_frame_ms) << " ms, at most " << max_frames
      << " frame(s); cached speech to first sample median " << median(listen) << " ms over " << listen.size()
      << "; all speech to first sample median " << median(all_speech) << " ms, at most "
      << (all_speech.empty() ? 0.0 : *std::max_element(all_speech.begin(), all_speech.end())) << " ms over " << all_speech.size() << ", uncached median " << median(uncached) << " ms over " << uncached.size();
    const auto most = [](const std::vector<double>& v) { return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()); };
    s << "; frame build median " << median(f.frame_build_ms) << " ms, at most " << most(f.frame_build_ms) << " ms over "
      << f.frame_build_ms.size() << "; render and present median " << median(f.frame_render_ms) << " ms, at most "
      << most(f.frame_render_ms) << " ms";
    report.summary = s.str();
    return report;
}

}  // namespace qiao::app
