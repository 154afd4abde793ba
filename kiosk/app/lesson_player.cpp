#include "app/lesson_player.hpp"

#include <algorithm>
#include <random>

namespace qiao::app {

namespace {

std::string new_learner_id() {
    // Anonymous: a fresh random id per visitor, so nobody resumes a stranger's lesson.
    std::random_device rd;
    std::uniform_int_distribution<unsigned long long> dist;
    char buf[32];
    std::snprintf(buf, sizeof buf, "session:%016llx", dist(rd));
    return buf;
}

}  // namespace

LessonPlayer::LessonPlayer(core::LessonLibrary library, core::ProgressStore& progress, const core::Catalog& catalog,
                           bool unsigned_packs_allowed)
    : library_(std::move(library)), progress_(progress), catalog_(catalog), unsigned_allowed_(unsigned_packs_allowed),
      learner_(new_learner_id()) {}

void LessonPlayer::replace_library(core::LessonLibrary library) {
    session_.reset();  // it points into the old library
    library_ = std::move(library);
}

std::vector<ui::LessonCard> LessonPlayer::lesson_cards() const {
    std::vector<ui::LessonCard> cards;
    for (const core::LessonPack* pack : library_.shown_packs(disabled_packs_))
        for (const auto& lesson : pack->lessons) {
            ui::LessonCard card{pack, &lesson, std::nullopt, false};
            const auto& pack_ref = *pack;
            const auto key = std::make_pair(pack_ref.id, lesson.id);
            if (const auto it = reached_.find(key); it != reached_.end()) card.step_reached = it->second;
            card.done = done_.count(key) > 0;
            cards.push_back(card);
        }
    return cards;
}

PlayerReply LessonPlayer::open(const std::string& pack_id, const std::string& lesson_id, const std::string& lang,
                               core::TimePoint now) {
    const core::LessonPack* pack = library_.find_pack(pack_id);
    const core::Lesson* lesson = library_.find_lesson(pack_id, lesson_id);
    if (!pack || !lesson || lesson->steps.empty()) return {"learn", catalog_.text(lang, "learn.prompt"), {}};
    const auto key = std::make_pair(pack_id, lesson_id);
    const auto it = reached_.find(key);
    const int start = it == reached_.end() ? 0 : it->second;
    session_ = std::make_unique<core::LessonSession>(*pack, *lesson, start, now);
    highlight_since_.reset();
    PlayerReply reply = step_prompt(lang);
    reply.screen = "lesson";
    if (start > 0) {
        // Picking up where they left off: say so, then the step (a clip cannot carry both).
        reply.say = core::format_text(catalog_.text(lang, "lesson.resume"), {{"n", std::to_string(start + 1)}}) + " " + reply.say;
        reply.clip.clear();
    }
    return reply;
}

PlayerReply LessonPlayer::step_prompt(const std::string& lang) const {
    PlayerReply reply;
    if (!session_) return reply;
    const core::LessonStep& step = session_->step();
    const std::string step_of = core::format_text(catalog_.text(lang, "lesson.step_of"),
                                                  {{"n", std::to_string(session_->step_index() + 1)},
                                                   {"total", std::to_string(session_->step_count())}});
    reply.say = step_of + "。" + step.say.in(lang);
    if (lang == "en") reply.say = step_of + ". " + step.say.in(lang);
    const auto clip = step.narration.find(lang);
    if (clip != step.narration.end()) {
        // The pack's own recorded voice: a person, perhaps in the local dialect.
        reply.clip = session_->pack().root / "lessons" / session_->lesson().id / clip->second;
    }
    return reply;
}

PlayerReply LessonPlayer::done_prompt(const std::string& lang) const {
    PlayerReply reply;
    const std::string title = session_ ? session_->lesson().title.in(lang) : std::string();
    reply.say = core::format_text(catalog_.text(lang, "lesson_done.body"), {{"lesson", title}});
    return reply;
}

void LessonPlayer::heard_again() {
    if (session_) session_->heard_again();
}

PlayerReply LessonPlayer::tap(const std::string& target, const std::string& lang, core::TimePoint now) {
    if (!session_) return {};
    switch (session_->tap(target)) {
    case core::TapResult::Right: return after_move(lang, now, catalog_.text(lang, "lesson.right"));
    case core::TapResult::Wrong: {
        if (session_->show_target() && !highlight_since_) highlight_since_ = now;
        const std::string& hint = session_->step().action.hint.in(lang);
        return {std::nullopt, hint, {}};
    }
    case core::TapResult::NotATapStep:
        // Touching the phone on a step that asks for nothing: say the step again.
        return step_prompt(lang);
    }
    return {};
}

PlayerReply LessonPlayer::choose(int answer, const std::string& lang) {
    if (!session_) return {};
    session_->choose(answer);
    if (!session_->chosen()) return {};
    const auto& a = session_->step().action.answers[static_cast<std::size_t>(*session_->chosen())];
    return {std::nullopt, catalog_.text(lang, a.correct ? "lesson.choose_right" : "lesson.choose_wrong") + " " + a.explain.in(lang), {}};
}

PlayerReply LessonPlayer::next(const std::string& lang, core::TimePoint now) { return after_move(lang, now, ""); }

PlayerReply LessonPlayer::back(const std::string& lang) {
    if (!session_) return {};
    highlight_since_.reset();
    session_->back();
    note_progress();
    PlayerReply reply = step_prompt(lang);
    reply.screen = "lesson";
    return reply;
}

PlayerReply LessonPlayer::after_move(const std::string& lang, core::TimePoint now, const std::string& lead_in) {
    highlight_since_.reset();
    session_->next(now);
    if (session_->finished()) {
        const auto& f = session_->figures();
        core::LessonCompletion c;
        c.learner = learner_;
        c.pack_id = session_->pack().id;
        c.pack_version = session_->pack().version;
        c.lesson_id = session_->lesson().id;
        c.seconds = std::chrono::duration_cast<std::chrono::seconds>(f.elapsed).count();
        c.wrong_taps = f.wrong_taps;
        c.wrong_answers = f.wrong_answers;
        c.listen_again = f.listen_again;
        pending_completions_.push_back(c);
        const auto key = std::make_pair(c.pack_id, c.lesson_id);
        reached_.erase(key);
        done_.insert(key);
        pending_step_.reset();
        PlayerReply reply = done_prompt(lang);
        if (!lead_in.empty()) reply.say = lead_in + " " + reply.say;
        reply.screen = "lesson_done";
        return reply;
    }
    note_progress();
    PlayerReply reply = step_prompt(lang);
    if (!lead_in.empty()) {
        reply.say = lead_in + " " + reply.say;
        reply.clip.clear();
    }
    return reply;
}

void LessonPlayer::note_progress() {
    if (!session_) return;
    const auto key = std::make_pair(session_->pack().id, session_->lesson().id);
    reached_[key] = session_->step_index();
    pending_step_ = std::make_tuple(key.first, key.second, session_->step_index());
}

void LessonPlayer::identify(const std::string& learner_id, const std::string& masked_number) {
    flush();
    // What this visit did so far joins what the learner did before.
    const auto this_visit = reached_;
    const auto done_now = done_;
    learner_ = learner_id;
    learner_label_ = masked_number;
    reached_.clear();
    done_.clear();
    for (const auto& [pack, lesson, step] : progress_.progress_of(learner_)) reached_[{pack, lesson}] = step;
    for (const auto& key : progress_.finished_by(learner_)) done_.insert(key);
    for (const auto& [key, step] : this_visit) {
        reached_[key] = std::max(step, reached_.count(key) ? reached_[key] : 0);
        progress_.save_step(learner_, key.first, key.second, reached_[key]);
    }
    done_.insert(done_now.begin(), done_now.end());
}

void LessonPlayer::forget_visitor() {
    flush();
    session_.reset();
    highlight_since_.reset();
    reached_.clear();
    done_.clear();
    learner_ = new_learner_id();
    learner_label_.clear();
}

void LessonPlayer::flush() {
    if (pending_step_) {
        const auto& [pack, lesson, step] = *pending_step_;
        progress_.save_step(learner_, pack, lesson, step);
        pending_step_.reset();
    }
    for (const auto& c : pending_completions_) progress_.record_completion(c);
    pending_completions_.clear();
}

}  // namespace qiao::app
