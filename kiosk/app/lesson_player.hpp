#pragma once
// LessonPlayer: the Learn side of the kiosk. It holds the installed lessons in memory,
// plays one lesson at a time for the visitor (core::LessonSession), and decides what is
// said and which screen comes next. Progress and completions are written to the store
// between frames (flush), never inside one. The screens read it as a ui::LessonsView.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <string>
#include <vector>

#include "core/i18n/catalog.hpp"
#include "core/lessons/lesson_library.hpp"
#include "core/lessons/lesson_session.hpp"
#include "core/lessons/progress_store.hpp"
#include "core/time/clock.hpp"
#include "ui/lessons/lessons_view.hpp"

namespace qiao::app {

// What the kiosk should do after a lesson action.
struct PlayerReply {
    std::optional<std::string> screen;  // go to this screen ("lesson", "lesson_done", "learn")
    std::string say;                    // say this (empty: say nothing)
    std::filesystem::path clip;         // a recorded narration to play instead, if any
};

class LessonPlayer final : public ui::LessonsView {
public:
    LessonPlayer(core::LessonLibrary library, core::ProgressStore& progress, const core::Catalog& catalog,
                 bool unsigned_packs_allowed);

    PlayerReply open(const std::string& pack_id, const std::string& lesson_id, const std::string& lang, core::TimePoint now);
    PlayerReply tap(const std::string& target, const std::string& lang, core::TimePoint now);
    PlayerReply choose(int answer, const std::string& lang);
    PlayerReply next(const std::string& lang, core::TimePoint now);
    PlayerReply back(const std::string& lang);
    // What the lesson screen says on "listen again" or on entering it.
    PlayerReply step_prompt(const std::string& lang) const;
    PlayerReply done_prompt(const std::string& lang) const;
    void heard_again();

    // The visitor gave their phone number: from now on progress is theirs, and what they
    // did on earlier visits (on this kiosk) comes back. Reads the store: call between frames.
    void identify(const std::string& learner_id, const std::string& masked_number);
    const std::string& learner_label() const { return learner_label_; }
    // The idle reset: a new anonymous learner, no lesson open.
    void forget_visitor();
    // Writes progress and completions gathered since the last flush.
    void flush();

    const core::LessonLibrary& library() const { return library_; }
    // The packs switched off at this site (core::PackAvailability): kept in memory, as the
    // lesson list is drawn every frame and a frame reads no store.
    void set_disabled_packs(std::vector<std::string> ids) { disabled_packs_ = std::move(ids); }
    void replace_library(core::LessonLibrary library);
    const std::string& learner() const { return learner_; }
    // When the "tap here" ring of the current step appeared, if it did.
    const std::optional<core::TimePoint>& highlight_since() const { return highlight_since_; }

    // ui::LessonsView
    std::vector<ui::LessonCard> lesson_cards() const override;
    const core::LessonSession* lesson_session() const override { return session_.get(); }
    bool unsigned_packs_allowed() const override { return unsigned_allowed_; }

private:
    PlayerReply after_move(const std::string& lang, core::TimePoint now, const std::string& lead_in);
    void note_progress();

    core::LessonLibrary library_;
    std::vector<std::string> disabled_packs_;  // sorted
    core::ProgressStore& progress_;
    const core::Catalog& catalog_;
    bool unsigned_allowed_;
    std::string learner_;
    std::string learner_label_;  // the masked number once identified
    std::optional<core::TimePoint> highlight_since_;
    std::unique_ptr<core::LessonSession> session_;
    std::optional<std::tuple<std::string, std::string, int>> pending_step_;  // pack, lesson, step
    std::vector<core::LessonCompletion> pending_completions_;
    // What the visitor has reached this session, so cards are right before the flush.
    std::map<std::pair<std::string, std::string>, int> reached_;
    std::set<std::pair<std::string, std::string>> done_;
};

}  // namespace qiao::app
