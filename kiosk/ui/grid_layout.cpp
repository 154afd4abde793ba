#include "ui/grid_layout.hpp"

#include <algorithm>
#include <cmath>

namespace qiao::ui {

std::vector<core::Rect> grid_cells(core::Rect area, int count, float gap, int columns) {
    std::vector<core::Rect> cells;
    if (count <= 0) return cells;
    if (columns <= 0) columns = area.w >= area.h ? count : 1;
    columns = std::clamp(columns, 1, count);
    const int rows = (count + columns - 1) / columns;
    const float w = std::floor((area.w - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns));
    const float h = std::floor((area.h - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows));
    for (int i = 0; i < count; ++i) {
        const int row = i / columns, col = i % columns;
        cells.push_back({area.x + static_cast<float>(col) * (w + gap), area.y + static_cast<float>(row) * (h + gap), w, h});
    }
    return cells;
}

core::Rect centred(core::Rect area, float max_w, float max_h) {
    const float w = std::min(area.w, max_w), h = std::min(area.h, max_h);
    return {std::floor(area.x + (area.w - w) * 0.5f), std::floor(area.y + (area.h - h) * 0.5f), w, h};
}

}  // namespace qiao::ui
