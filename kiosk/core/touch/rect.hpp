#pragma once
// Rect: a screen rectangle in window pixels (x, y is the top-left corner).
#include <algorithm>

namespace qiao::core {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;

    float right() const { return x + w; }
    float bottom() const { return y + h; }
    bool contains(float px, float py, float margin = 0.0f) const {
        return px >= x - margin && px < right() + margin && py >= y - margin && py < bottom() + margin;
    }
    bool overlaps(const Rect& o) const { return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom(); }
};

// The empty space between two rectangles: the widest band of nothing that separates
// them (0 when they touch or overlap).
inline float gap_between(const Rect& a, const Rect& b) {
    const float dx = std::max(0.0f, std::max(a.x - b.right(), b.x - a.right()));
    const float dy = std::max(0.0f, std::max(a.y - b.bottom(), b.y - a.bottom()));
    return std::max(dx, dy);
}

}  // namespace qiao::core
