#include "ui/picture_source.hpp"

#include <algorithm>
#include <cmath>

namespace qiao::ui {

core::Rect draw_picture(ImDrawList& draw, const Picture& picture, core::Rect area) {
    if (picture.width <= 0 || picture.height <= 0) return {};
    const float scale = std::min(area.w / static_cast<float>(picture.width), area.h / static_cast<float>(picture.height));
    const float w = std::floor(static_cast<float>(picture.width) * scale), h = std::floor(static_cast<float>(picture.height) * scale);
    const core::Rect r{std::floor(area.x + (area.w - w) * 0.5f), std::floor(area.y + (area.h - h) * 0.5f), w, h};
    draw.AddImage(picture.texture, ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()));
    return r;
}

}  // namespace qiao::ui
