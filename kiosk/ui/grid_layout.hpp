#pragma once
// Splits an area into `count` equal cells with `gap` between them: one row when the
// area is wider than tall (landscape), one column otherwise, or `columns` if given.
#include <vector>

#include "core/touch/rect.hpp"

namespace qiao::ui {

std::vector<core::Rect> grid_cells(core::Rect area, int count, float gap, int columns = 0);

// A rect of at most max_w x max_h centred in area.
core::Rect centred(core::Rect area, float max_w, float max_h);

}  // namespace qiao::ui
