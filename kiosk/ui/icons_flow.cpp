// The icons of the Book and Help flows: plain shapes in the text colour, always drawn
// next to words (DESIGN.md: icons always with words).
#include <algorithm>
#include <array>
#include <cmath>

#include "ui/icons.hpp"

namespace qiao::ui {

namespace {

ImVec2 at(ImVec2 c, float h, float x, float y) { return ImVec2(c.x + x * h, c.y + y * h); }

void face(ImDrawList& d, ImVec2 c, float h, ImU32 col, float line, bool happy) {
    d.AddCircle(c, h * 0.85f, col, 40, line * 1.2f);
    d.AddCircleFilled(at(c, h, -0.30f, -0.25f), h * 0.10f, col, 12);
    d.AddCircleFilled(at(c, h, 0.30f, -0.25f), h * 0.10f, col, 12);
    // The mouth: an arc curving up (a smile) or down.
    const float cy = happy ? 0.05f : 0.65f;
    const float a0 = happy ? 0.6f : 3.6f, a1 = happy ? 2.55f : 5.8f;
    d.PathArcTo(at(c, h, 0.0f, cy), h * 0.42f, a0, a1, 20);
    d.PathStroke(col, 0, line * 1.3f);
}

}  // namespace

void draw_flow_icon(ImDrawList& d, Icon icon, ImVec2 c, float s, ImU32 col) {
    const float h = s * 0.5f;
    const float line = std::max(2.0f, s * 0.07f);
    switch (icon) {
    case Icon::Class:  // a board and two heads in front of it
        d.AddRect(at(c, h, -0.85f, -0.85f), at(c, h, 0.85f, 0.05f), col, h * 0.05f, 0, line);
        d.AddCircleFilled(at(c, h, -0.40f, 0.35f), h * 0.18f, col, 16);
        d.AddCircleFilled(at(c, h, 0.40f, 0.35f), h * 0.18f, col, 16);
        d.AddRectFilled(at(c, h, -0.65f, 0.58f), at(c, h, -0.15f, 0.90f), col, h * 0.12f);
        d.AddRectFilled(at(c, h, 0.15f, 0.58f), at(c, h, 0.65f, 0.90f), col, h * 0.12f);
        break;
    case Icon::Volunteer:  // two people side by side
        for (float x : {-0.38f, 0.38f}) {
            d.AddCircleFilled(at(c, h, x, -0.45f), h * 0.22f, col, 20);
            d.AddRectFilled(at(c, h, x - 0.30f, -0.15f), at(c, h, x + 0.30f, 0.85f), col, h * 0.2f);
        }
        break;
    case Icon::Heart:
        d.AddCircleFilled(at(c, h, -0.33f, -0.25f), h * 0.38f, col, 24);
        d.AddCircleFilled(at(c, h, 0.33f, -0.25f), h * 0.38f, col, 24);
        d.AddTriangleFilled(at(c, h, -0.70f, -0.12f), at(c, h, 0.70f, -0.12f), at(c, h, 0.0f, 0.80f), col);
        break;
    case Icon::Door:
        d.AddRect(at(c, h, -0.50f, -0.85f), at(c, h, 0.50f, 0.85f), col, 0, 0, line * 1.2f);
        d.AddCircleFilled(at(c, h, 0.28f, 0.05f), h * 0.09f, col, 12);
        break;
    case Icon::Phone:  // a smartphone
        d.AddRect(at(c, h, -0.45f, -0.88f), at(c, h, 0.45f, 0.88f), col, h * 0.15f, 0, line * 1.2f);
        d.AddLine(at(c, h, -0.15f, 0.65f), at(c, h, 0.15f, 0.65f), col, line);
        break;
    case Icon::Shield:  // a shield with "!": be careful
        d.AddQuadFilled(at(c, h, -0.75f, -0.75f), at(c, h, 0.75f, -0.75f), at(c, h, 0.60f, 0.30f), at(c, h, -0.60f, 0.30f), col);
        d.AddTriangleFilled(at(c, h, -0.60f, 0.28f), at(c, h, 0.60f, 0.28f), at(c, h, 0.0f, 0.92f), col);
        break;
    case Icon::House:
        d.AddTriangle(at(c, h, 0.0f, -0.85f), at(c, h, 0.88f, -0.05f), at(c, h, -0.88f, -0.05f), col, line * 1.2f);
        d.AddRect(at(c, h, -0.60f, -0.05f), at(c, h, 0.60f, 0.82f), col, 0, 0, line * 1.2f);
        d.AddRectFilled(at(c, h, -0.15f, 0.35f), at(c, h, 0.15f, 0.82f), col);
        break;
    case Icon::Question:
        d.PathArcTo(at(c, h, 0.0f, -0.35f), h * 0.38f, 3.4f, 7.0f, 20);
        d.PathStroke(col, 0, line * 1.4f);
        d.AddLine(at(c, h, 0.17f, -0.02f), at(c, h, 0.0f, 0.30f), col, line * 1.4f);
        d.AddCircleFilled(at(c, h, 0.0f, 0.68f), h * 0.12f, col, 12);
        break;
    case Icon::Microphone:
        d.AddRectFilled(at(c, h, -0.25f, -0.88f), at(c, h, 0.25f, 0.20f), col, h * 0.25f);
        d.PathArcTo(at(c, h, 0.0f, -0.05f), h * 0.48f, 0.0f, 3.14159f, 20);
        d.PathStroke(col, 0, line);
        d.AddLine(at(c, h, 0.0f, 0.43f), at(c, h, 0.0f, 0.80f), col, line);
        d.AddLine(at(c, h, -0.30f, 0.82f), at(c, h, 0.30f, 0.82f), col, line);
        break;
    case Icon::Stop: d.AddRectFilled(at(c, h, -0.6f, -0.6f), at(c, h, 0.6f, 0.6f), col, h * 0.08f); break;
    case Icon::Play: d.AddTriangleFilled(at(c, h, -0.5f, -0.7f), at(c, h, 0.75f, 0.0f), at(c, h, -0.5f, 0.7f), col); break;
    case Icon::Ticket:
        d.AddRect(at(c, h, -0.85f, -0.55f), at(c, h, 0.85f, 0.55f), col, h * 0.1f, 0, line);
        for (float y : {-0.25f, 0.0f, 0.25f}) d.AddLine(at(c, h, -0.55f, y), at(c, h, 0.25f, y), col, line * 0.8f);
        break;
    case Icon::Clock:
        d.AddCircle(c, h * 0.85f, col, 40, line * 1.2f);
        d.AddLine(c, at(c, h, 0.0f, -0.55f), col, line * 1.2f);
        d.AddLine(c, at(c, h, 0.40f, 0.15f), col, line * 1.2f);
        break;
    case Icon::Smile: face(d, c, h, col, line, true); break;
    case Icon::Frown: face(d, c, h, col, line, false); break;
    case Icon::Calendar:
        d.AddRect(at(c, h, -0.8f, -0.6f), at(c, h, 0.8f, 0.8f), col, h * 0.12f, 0, line);
        d.AddRectFilled(at(c, h, -0.8f, -0.6f), at(c, h, 0.8f, -0.25f), col, h * 0.12f);
        for (float y : {0.05f, 0.45f})
            for (float x : {-0.45f, 0.0f, 0.45f}) d.AddRectFilled(at(c, h, x - 0.12f, y - 0.1f), at(c, h, x + 0.12f, y + 0.1f), col);
        break;
    case Icon::Lock:
        d.AddRectFilled(at(c, h, -0.6f, -0.1f), at(c, h, 0.6f, 0.85f), col, h * 0.1f);
        d.PathArcTo(at(c, h, 0.0f, -0.1f), h * 0.38f, 3.14159f, 6.28318f, 16);
        d.PathStroke(col, 0, line * 1.3f);
        break;
    default: break;
    }
}

}  // namespace qiao::ui
