#pragma once
// LessonsView: what the lesson screens read from the app, each frame, from memory:
// the installed lessons with this visitor's progress, and the lesson being played.
#include <optional>
#include <string>
#include <vector>

#include "core/lessons/lesson_pack.hpp"
#include "core/lessons/lesson_session.hpp"

namespace qiao::ui {

struct LessonCard {
    const core::LessonPack* pack = nullptr;
    const core::Lesson* lesson = nullptr;
    std::optional<int> step_reached;  // 0-based step this visitor got to, if started
    bool done = false;                // this visitor finished it
};

class LessonsView {
public:
    virtual ~LessonsView() = default;
    virtual std::vector<LessonCard> lesson_cards() const = 0;
    virtual const core::LessonSession* lesson_session() const = 0;
    // Unsigned packs are allowed (a staff setting for authors); the screen says so.
    virtual bool unsigned_packs_allowed() const = 0;
};

}  // namespace qiao::ui
