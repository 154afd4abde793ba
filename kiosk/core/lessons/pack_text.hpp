#pragma once
// What a pack needs from the kiosk's text machinery: every character it can show
// (so the glyph atlas has them all) and every language it speaks.
#include <string>
#include <vector>

#include "core/lessons/lesson_pack.hpp"

namespace qiao::core {

// Every code point of every localised text (and payment amount) in every language,
// sorted and each once.
std::u32string pack_code_points(const LessonPack& pack);

// Every language with a text or a recorded narration anywhere in the pack:
// "zh-CN" first, then the others sorted.
std::vector<std::string> pack_languages(const LessonPack& pack);

}  // namespace qiao::core
