#include "core/lessons/lesson_session.hpp"

#include <algorithm>
#include <stdexcept>

namespace qiao::core {

LessonSession::LessonSession(const LessonPack& pack, const Lesson& lesson, int start_step, TimePoint now)
    : pack_(&pack), lesson_(&lesson), started_(now) {
    if (lesson.steps.empty()) throw std::invalid_argument("lesson " + lesson.id + " has no steps");
    step_ = std::clamp(start_step, 0, step_count() - 1);
    enter_step();
}

const SimulatedScreen* LessonSession::screen() const {
    const std::string& id = step().screen;
    if (id.empty()) return nullptr;
    const auto it = lesson_->screens.find(id);
    return it == lesson_->screens.end() ? nullptr : &it->second;
}

void LessonSession::enter_step() {
    wrong_on_step_ = 0;
    chosen_.reset();
}

TapResult LessonSession::tap(const std::string& id) {
    const StepAction& action = step().action;
    if (action.type != ActionType::Tap) return TapResult::NotATapStep;
    if (id == action.target) return TapResult::Right;
    ++wrong_on_step_;
    ++figures_.wrong_taps;
    return TapResult::Wrong;
}

void LessonSession::choose(int answer) {
    const StepAction& action = step().action;
    if (action.type != ActionType::Choose || answer < 0 || answer >= static_cast<int>(action.answers.size())) return;
    if (!chosen_) {
        // Only the first answer counts in the figures; trying the others is learning too.
        if (!action.answers[static_cast<std::size_t>(answer)].correct) ++figures_.wrong_answers;
    }
    chosen_ = answer;
}

bool LessonSession::chose_right() const {
    return chosen_ && step().action.answers[static_cast<std::size_t>(*chosen_)].correct;
}

void LessonSession::next(TimePoint now) {
    if (finished_) return;
    if (step_ + 1 >= step_count()) {
        finished_ = true;
        figures_.elapsed = now - started_;
        return;
    }
    ++step_;
    enter_step();
}

void LessonSession::back() {
    if (finished_) {
        finished_ = false;
        return;
    }
    if (step_ > 0) --step_;
    enter_step();
}

}  // namespace qiao::core
