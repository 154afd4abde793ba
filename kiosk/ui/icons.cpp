#include "ui/icons.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace qiao::ui {

namespace {

ImVec2 at(ImVec2 c, float s, float x, float y) { return ImVec2(c.x + x * s, c.y + y * s); }

void speaker(ImDrawList& d, ImVec2 c, float s, ImU32 col) {
    // Coordinates are in a unit square centred on c, scaled by s/2.
    const float h = s * 0.5f;
    d.AddRectFilled(at(c, h, -0.75f, -0.25f), at(c, h, -0.40f, 0.25f), col);
    d.AddTriangleFilled(at(c, h, -0.40f, -0.25f), at(c, h, 0.05f, -0.65f), at(c, h, 0.05f, 0.65f), col);
    d.AddQuadFilled(at(c, h, -0.40f, -0.25f), at(c, h, 0.05f, -0.25f), at(c, h, 0.05f, 0.25f), at(c, h, -0.40f, 0.25f), col);
}

void arcs(ImDrawList& d, ImVec2 c, float s, ImU32 col, int count) {
    const float h = s * 0.5f;
    for (int i = 0; i < count; ++i) {
        const float r = h * (0.35f + 0.25f * static_cast<float>(i));
        d.PathArcTo(at(c, h, 0.05f, 0.0f), r, -0.9f, 0.9f, 16);
        d.PathStroke(col, 0, std::max(2.0f, s * 0.07f));
    }
}

void person(ImDrawList& d, ImVec2 c, float s, ImU32 col, bool arm_up) {
    const float h = s * 0.5f;
    const float w = std::max(2.0f, s * 0.09f);
    d.AddCircleFilled(at(c, h, -0.15f, -0.52f), h * 0.22f, col, 24);
    d.AddRectFilled(at(c, h, -0.42f, -0.22f), at(c, h, 0.12f, 0.80f), col, h * 0.2f);
    if (arm_up) {
        d.AddLine(at(c, h, 0.05f, -0.10f), at(c, h, 0.50f, -0.55f), col, w);
        d.AddLine(at(c, h, 0.50f, -0.55f), at(c, h, 0.55f, -0.85f), col, w);
        d.AddCircleFilled(at(c, h, 0.56f, -0.88f), w * 0.9f, col, 12);
    }
}

void chevrons(ImDrawList& d, ImVec2 c, float s, ImU32 col, int count) {
    const float h = s * 0.5f;
    const float step = 0.45f;
    const float start = -step * static_cast<float>(count - 1) * 0.5f;
    for (int i = 0; i < count; ++i) {
        const float x = start + step * static_cast<float>(i);
        d.AddTriangleFilled(at(c, h, x - 0.22f, -0.40f), at(c, h, x + 0.25f, 0.0f), at(c, h, x - 0.22f, 0.40f), col);
    }
}

}  // namespace

void draw_icon(ImDrawList& d, Icon icon, ImVec2 c, float s, ImU32 col) {
    const float h = s * 0.5f;
    const float line = std::max(2.0f, s * 0.07f);
    switch (icon) {
    case Icon::None: break;
    case Icon::Learn:  // an open book
        d.AddQuadFilled(at(c, h, -0.9f, -0.55f), at(c, h, -0.06f, -0.40f), at(c, h, -0.06f, 0.65f), at(c, h, -0.9f, 0.50f), col);
        d.AddQuadFilled(at(c, h, 0.06f, -0.40f), at(c, h, 0.9f, -0.55f), at(c, h, 0.9f, 0.50f), at(c, h, 0.06f, 0.65f), col);
        break;
    case Icon::Book:  // a calendar page with a tick
        d.AddRect(at(c, h, -0.8f, -0.6f), at(c, h, 0.8f, 0.8f), col, h * 0.12f, 0, line);
        d.AddRectFilled(at(c, h, -0.8f, -0.6f), at(c, h, 0.8f, -0.25f), col, h * 0.12f);
        d.AddLine(at(c, h, -0.4f, -0.85f), at(c, h, -0.4f, -0.45f), col, line * 1.3f);
        d.AddLine(at(c, h, 0.4f, -0.85f), at(c, h, 0.4f, -0.45f), col, line * 1.3f);
        d.AddPolyline(std::array<ImVec2, 3>{at(c, h, -0.40f, 0.25f), at(c, h, -0.10f, 0.55f), at(c, h, 0.45f, -0.05f)}.data(),
                      3, col, 0, line * 1.3f);
        break;
    case Icon::Help:
    case Icon::StillHere: person(d, c, s, col, true); break;
    case Icon::Back:
        d.AddTriangleFilled(at(c, h, -0.85f, 0.0f), at(c, h, -0.15f, -0.65f), at(c, h, -0.15f, 0.65f), col);
        d.AddRectFilled(at(c, h, -0.2f, -0.22f), at(c, h, 0.8f, 0.22f), col);
        break;
    case Icon::Forward:
        d.AddTriangleFilled(at(c, h, 0.85f, 0.0f), at(c, h, 0.15f, -0.65f), at(c, h, 0.15f, 0.65f), col);
        d.AddRectFilled(at(c, h, -0.8f, -0.22f), at(c, h, 0.2f, 0.22f), col);
        break;
    case Icon::Cross:  // "not this one": a plain cross, drawn only next to a kind word
        d.AddLine(at(c, h, -0.55f, -0.55f), at(c, h, 0.55f, 0.55f), col, line * 1.6f);
        d.AddLine(at(c, h, 0.55f, -0.55f), at(c, h, -0.55f, 0.55f), col, line * 1.6f);
        break;
    case Icon::Home:
        d.AddTriangleFilled(at(c, h, 0.0f, -0.85f), at(c, h, 0.9f, -0.05f), at(c, h, -0.9f, -0.05f), col);
        d.AddRectFilled(at(c, h, -0.6f, -0.1f), at(c, h, 0.6f, 0.8f), col);
        break;
    case Icon::ListenAgain:
    case Icon::VoiceOn:
        speaker(d, at(c, h, -0.15f, 0.0f), s, col);
        arcs(d, at(c, h, -0.15f, 0.0f), s, col, 3);
        break;
    case Icon::VoiceOff:
        speaker(d, at(c, h, -0.15f, 0.0f), s, col);
        d.AddLine(at(c, h, 0.25f, -0.35f), at(c, h, 0.85f, 0.35f), col, line * 1.2f);
        d.AddLine(at(c, h, 0.85f, -0.35f), at(c, h, 0.25f, 0.35f), col, line * 1.2f);
        break;
    case Icon::TextSize:  // a magnifying glass with a plus
        d.AddCircle(at(c, h, -0.15f, -0.15f), h * 0.55f, col, 32, line * 1.2f);
        d.AddLine(at(c, h, 0.25f, 0.25f), at(c, h, 0.8f, 0.8f), col, line * 2.0f);
        d.AddLine(at(c, h, -0.40f, -0.15f), at(c, h, 0.10f, -0.15f), col, line);
        d.AddLine(at(c, h, -0.15f, -0.40f), at(c, h, -0.15f, 0.10f), col, line);
        break;
    case Icon::Language:  // a globe
        d.AddCircle(c, h * 0.85f, col, 40, line);
        for (int i = 0; i <= 32; ++i) {  // a meridian (1.86 has no AddEllipse)
            const float a = 6.2831853f * static_cast<float>(i) / 32.0f;
            d.PathLineTo(ImVec2(c.x + std::cos(a) * h * 0.38f, c.y + std::sin(a) * h * 0.85f));
        }
        d.PathStroke(col, 0, line);
        d.AddLine(at(c, h, -0.85f, 0.0f), at(c, h, 0.85f, 0.0f), col, line);
        d.AddLine(at(c, h, -0.72f, -0.42f), at(c, h, 0.72f, -0.42f), col, line * 0.8f);
        d.AddLine(at(c, h, -0.72f, 0.42f), at(c, h, 0.72f, 0.42f), col, line * 0.8f);
        break;
    case Icon::Check:
        d.AddPolyline(std::array<ImVec2, 3>{at(c, h, -0.7f, 0.0f), at(c, h, -0.2f, 0.5f), at(c, h, 0.75f, -0.55f)}.data(),
                      3, col, 0, line * 1.8f);
        break;
    case Icon::Slower: chevrons(d, c, s, col, 1); break;
    case Icon::NormalSpeed: chevrons(d, c, s, col, 2); break;
    case Icon::Faster: chevrons(d, c, s, col, 3); break;
    default: draw_flow_icon(d, icon, c, s, col); break;
    }
}

}  // namespace qiao::ui
