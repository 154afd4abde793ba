#pragma once
// PictureSource: pictures from lesson packs (PNG/JPEG), as textures the renderer can
// draw. The app implements it with SDL (app/sdl_picture_cache); the UI only asks.
#include <filesystem>
#include <optional>

#include <imgui.h>

#include "core/touch/rect.hpp"

namespace qiao::ui {

struct Picture {
    ImTextureID texture = nullptr;
    int width = 0;
    int height = 0;
};

class PictureSource {
public:
    virtual ~PictureSource() = default;
    // nullopt when the file cannot be read (the pack was checked when installed, so
    // this means the disk changed; the screen shows a plain placeholder instead).
    virtual std::optional<Picture> picture(const std::filesystem::path& file) = 0;
};

// Draws picture fitted inside area, keeping its proportions; returns where it went.
core::Rect draw_picture(ImDrawList& draw, const Picture& picture, core::Rect area);

}  // namespace qiao::ui
