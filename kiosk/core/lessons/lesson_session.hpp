#pragma once
// LessonSession: one learner going through one lesson, step by step, as plain logic
// (no drawing, no sound: the screens draw it and the app speaks what it returns).
// The rules of the player (issue 3):
//  - back and next at any time; nothing moves by itself.
//  - a tap step: the right place moves on; a wrong place gets a gentle spoken hint,
//    and from the second wrong tap the right place is shown (never a buzzer).
//  - a choose step: any answer gets its explanation said; the right one is marked;
//    then next.
//  - finishing is recorded with its figures: time, wrong taps, "listen again" presses.
#include <optional>
#include <string>
#include <vector>

#include "core/lessons/lesson_pack.hpp"
#include "core/time/clock.hpp"

namespace qiao::core {

enum class TapResult { Right, Wrong, NotATapStep };

struct LessonFigures {
    int wrong_taps = 0;
    int wrong_answers = 0;
    int listen_again = 0;
    Duration elapsed{};
};

class LessonSession {
public:
    LessonSession(const LessonPack& pack, const Lesson& lesson, int start_step, TimePoint now);

    const LessonPack& pack() const { return *pack_; }
    const Lesson& lesson() const { return *lesson_; }
    int step_index() const { return step_; }               // 0-based
    int step_count() const { return static_cast<int>(lesson_->steps.size()); }
    const LessonStep& step() const { return lesson_->steps[static_cast<std::size_t>(step_)]; }
    const SimulatedScreen* screen() const;                  // the step's simulated screen, if any
    bool finished() const { return finished_; }

    // Taps on the simulated screen, by element or item id ("" for the screen itself).
    TapResult tap(const std::string& id);
    int wrong_taps_on_step() const { return wrong_on_step_; }
    // From the second wrong tap on, the screen shows where to tap.
    bool show_target() const { return wrong_on_step_ >= 2; }

    // Choose steps: index into step().action.answers.
    void choose(int answer);
    std::optional<int> chosen() const { return chosen_; }
    bool chose_right() const;

    // Moves; next() on the last step finishes the lesson.
    void next(TimePoint now);
    void back();
    void heard_again() { ++figures_.listen_again; }

    const LessonFigures& figures() const { return figures_; }

private:
    void enter_step();

    const LessonPack* pack_;
    const Lesson* lesson_;
    int step_ = 0;
    bool finished_ = false;
    int wrong_on_step_ = 0;
    std::optional<int> chosen_;
    TimePoint started_;
    LessonFigures figures_;
};

}  // namespace qiao::core
