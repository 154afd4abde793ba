#pragma once
// Line breaking for large-type text in Chinese and English: a line may break between
// any two Chinese characters or at a space, never before closing punctuation (，。！？)
// or after an opening quote, as Chinese typesetting expects. Dear ImGui 1.86's own
// wrapping only knows spaces and ASCII punctuation.
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace qiao::ui {

std::vector<std::string> wrap_text(const ImFont& font, float px, std::string_view text, float max_width);
float text_width(const ImFont& font, float px, std::string_view text);

}  // namespace qiao::ui
