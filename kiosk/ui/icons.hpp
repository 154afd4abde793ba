#pragma once
// Icons drawn as vectors, so they are crisp at any size and need no image files.
// An icon is never shown alone: every control also carries a word (DESIGN.md).
#include <imgui.h>

namespace qiao::ui {

enum class Icon {
    None, Learn, Book, Help, Back, Home, ListenAgain, TextSize, Language, VoiceOn, VoiceOff,
    Check, Slower, NormalSpeed, Faster, StillHere, Forward, Cross,
};

// Draws icon centred at `centre`, fitting a square of side `size`.
void draw_icon(ImDrawList& draw, Icon icon, ImVec2 centre, float size, ImU32 colour);

}  // namespace qiao::ui
