#include "ui/lessons/app_icons.hpp"

#include <array>
#include <cmath>
#include <string>

#include "ui/icons.hpp"

namespace qiao::ui {

namespace {

struct Tile {
    const char* name;
    ImU32 colour;
};

// Distinct, calm colours; white symbols on them are at least 4.5:1.
constexpr Tile kTiles[] = {
    {"wallet", IM_COL32(0x1B, 0x6E, 0x3A, 255)},   {"chat", IM_COL32(0x14, 0x7A, 0x3C, 255)},
    {"camera", IM_COL32(0x37, 0x47, 0x4F, 255)},   {"phone", IM_COL32(0x1E, 0x6B, 0x2E, 255)},
    {"video", IM_COL32(0x0D, 0x47, 0xA1, 255)},    {"hospital", IM_COL32(0xB7, 0x1C, 0x1C, 255)},
    {"calendar", IM_COL32(0x0D, 0x3B, 0x66, 255)}, {"settings", IM_COL32(0x45, 0x5A, 0x64, 255)},
    {"map", IM_COL32(0x2E, 0x7D, 0x32, 255)},      {"shop", IM_COL32(0xBF, 0x36, 0x0C, 255)},
    {"photo", IM_COL32(0x6A, 0x1B, 0x9A, 255)},    {"message", IM_COL32(0x15, 0x65, 0xC0, 255)},
    {"contacts", IM_COL32(0x4E, 0x34, 0x2E, 255)}, {"bank", IM_COL32(0x8D, 0x1B, 0x1B, 255)},
    {"qr", IM_COL32(0x26, 0x32, 0x38, 255)},       {"shield", IM_COL32(0x00, 0x5B, 0x4F, 255)},
    {"family", IM_COL32(0xAD, 0x14, 0x57, 255)},   {"book", IM_COL32(0x14, 0x5A, 0x32, 255)},
};

ImVec2 at(ImVec2 c, float h, float x, float y) { return ImVec2(c.x + x * h, c.y + y * h); }

}  // namespace

void draw_app_icon(ImDrawList& d, std::string_view name, ImVec2 min, float size) {
    ImU32 colour = IM_COL32(0x45, 0x5A, 0x64, 255);
    for (const Tile& t : kTiles)
        if (name == t.name) colour = t.colour;
    d.AddRectFilled(min, ImVec2(min.x + size, min.y + size), colour, size * 0.22f);
    const ImU32 w = IM_COL32(255, 255, 255, 255);
    const ImVec2 c(min.x + size * 0.5f, min.y + size * 0.5f);
    const float h = size * 0.32f;  // half the symbol's extent
    const float line = std::max(1.5f, size * 0.06f);
    if (name == "wallet") {
        d.AddRectFilled(at(c, h, -0.9f, -0.6f), at(c, h, 0.9f, 0.7f), w, h * 0.15f);
        d.AddRectFilled(at(c, h, 0.2f, -0.15f), at(c, h, 1.0f, 0.3f), colour, h * 0.1f);
        d.AddCircleFilled(at(c, h, 0.5f, 0.07f), h * 0.1f, w);
    } else if (name == "chat" || name == "message") {
        d.AddRectFilled(at(c, h, -0.9f, -0.7f), at(c, h, 0.9f, 0.5f), w, h * 0.3f);
        d.AddTriangleFilled(at(c, h, -0.5f, 0.4f), at(c, h, -0.1f, 0.4f), at(c, h, -0.6f, 0.9f), w);
    } else if (name == "camera" || name == "photo") {
        d.AddRectFilled(at(c, h, -0.9f, -0.5f), at(c, h, 0.9f, 0.7f), w, h * 0.15f);
        d.AddCircleFilled(at(c, h, 0.0f, 0.1f), h * 0.38f, colour);
        d.AddCircleFilled(at(c, h, 0.0f, 0.1f), h * 0.22f, w);
    } else if (name == "video") {
        d.AddRectFilled(at(c, h, -0.9f, -0.5f), at(c, h, 0.35f, 0.5f), w, h * 0.12f);
        d.AddTriangleFilled(at(c, h, 0.35f, 0.0f), at(c, h, 0.95f, -0.45f), at(c, h, 0.95f, 0.45f), w);
    } else if (name == "phone") {
        d.AddRectFilled(at(c, h, -0.45f, -0.9f), at(c, h, 0.45f, 0.9f), w, h * 0.15f);
        d.AddRectFilled(at(c, h, -0.32f, -0.7f), at(c, h, 0.32f, 0.6f), colour);
    } else if (name == "hospital") {
        d.AddRectFilled(at(c, h, -0.25f, -0.85f), at(c, h, 0.25f, 0.85f), w);
        d.AddRectFilled(at(c, h, -0.85f, -0.25f), at(c, h, 0.85f, 0.25f), w);
    } else if (name == "calendar") {
        draw_icon(d, Icon::Book, c, h * 2.0f, w);
    } else if (name == "book") {
        draw_icon(d, Icon::Learn, c, h * 2.0f, w);
    } else if (name == "contacts" || name == "family") {
        draw_icon(d, Icon::Help, at(c, h, name == "family" ? -0.35f : 0.0f, 0.0f), h * 1.8f, w);
        if (name == "family") draw_icon(d, Icon::Help, at(c, h, 0.5f, 0.2f), h * 1.3f, w);
    } else if (name == "settings") {
        for (int i = 0; i < 8; ++i) {
            const float a = static_cast<float>(i) * 0.785398f;
            d.AddLine(c, ImVec2(c.x + std::cos(a) * h * 0.95f, c.y + std::sin(a) * h * 0.95f), w, h * 0.35f);
        }
        d.AddCircleFilled(c, h * 0.6f, w);
        d.AddCircleFilled(c, h * 0.28f, colour);
    } else if (name == "map") {
        d.AddCircleFilled(at(c, h, 0.0f, -0.25f), h * 0.55f, w);
        d.AddTriangleFilled(at(c, h, -0.45f, -0.05f), at(c, h, 0.45f, -0.05f), at(c, h, 0.0f, 0.9f), w);
        d.AddCircleFilled(at(c, h, 0.0f, -0.25f), h * 0.22f, colour);
    } else if (name == "shop") {
        d.AddRectFilled(at(c, h, -0.75f, -0.3f), at(c, h, 0.75f, 0.85f), w, h * 0.1f);
        d.PathArcTo(at(c, h, 0.0f, -0.3f), h * 0.4f, 3.14159f, 6.28318f, 12);
        d.PathStroke(w, 0, line);
    } else if (name == "bank") {
        d.AddTriangleFilled(at(c, h, 0.0f, -0.9f), at(c, h, 0.95f, -0.35f), at(c, h, -0.95f, -0.35f), w);
        for (float x : {-0.65f, -0.22f, 0.22f, 0.65f}) d.AddRectFilled(at(c, h, x - 0.1f, -0.3f), at(c, h, x + 0.1f, 0.6f), w);
        d.AddRectFilled(at(c, h, -0.9f, 0.65f), at(c, h, 0.9f, 0.85f), w);
    } else if (name == "qr") {
        for (auto [x, y] : std::array<std::pair<float, float>, 3>{{{-0.9f, -0.9f}, {0.2f, -0.9f}, {-0.9f, 0.2f}}}) {
            d.AddRect(at(c, h, x, y), at(c, h, x + 0.7f, y + 0.7f), w, 0, 0, line);
            d.AddRectFilled(at(c, h, x + 0.22f, y + 0.22f), at(c, h, x + 0.48f, y + 0.48f), w);
        }
        d.AddRectFilled(at(c, h, 0.3f, 0.3f), at(c, h, 0.6f, 0.6f), w);
    } else if (name == "shield") {
        d.AddQuadFilled(at(c, h, -0.75f, -0.7f), at(c, h, 0.75f, -0.7f), at(c, h, 0.75f, 0.1f), at(c, h, -0.75f, 0.1f), w);
        d.AddTriangleFilled(at(c, h, -0.75f, 0.1f), at(c, h, 0.75f, 0.1f), at(c, h, 0.0f, 0.95f), w);
    } else {
        d.AddCircleFilled(c, h * 0.6f, w);
    }
}

}  // namespace qiao::ui
