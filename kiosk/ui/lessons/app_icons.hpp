#pragma once
// The built-in app icons of simulated phone screens (docs/lesson-pack.md lists the
// names): plain shapes on a coloured tile, so no real brand's artwork is ever shown.
#include <string_view>

#include <imgui.h>

namespace qiao::ui {

// Draws the tile and its symbol in the square (min, min+size).
void draw_app_icon(ImDrawList& draw, std::string_view name, ImVec2 min, float size);

}  // namespace qiao::ui
