#pragma once
// PhoneView: draws a lesson's simulated phone screen (core::SimulatedScreen) inside a
// phone frame, in the learner's language, crisp at any size. Every element and item is
// recorded as a practice target "phone.<id>", and the screen itself as "phone.screen",
// so a tap anywhere on the phone is the learner's answer, never a mis-touch.
#include <optional>
#include <string>

#include "core/lessons/lesson_pack.hpp"
#include "ui/frame_ui.hpp"
#include "ui/picture_source.hpp"

namespace qiao::ui {

inline constexpr const char* kPhoneTargetPrefix = "phone.";
inline constexpr const char* kPhoneScreenTarget = "phone.screen";

// Draws screen in area (the phone keeps a phone's proportions, centred). highlight:
// an element or item id to ring (after the second wrong tap). Returns the id tapped
// this frame ("" for the screen itself), if any.
// pictures/lesson_folder: where picture elements come from (may be null).
std::optional<std::string> draw_phone(FrameUi& ui, const core::SimulatedScreen& screen, core::Rect area,
                                      const std::string& language, const std::string* highlight,
                                      PictureSource* pictures = nullptr, const std::filesystem::path& lesson_folder = {},
                                      float highlight_pulse = 0.0f);

// Whether everything on screen fits on a phone drawn in area (its words may shrink to
// 0.4 of body text first).
bool phone_content_fits(FrameUi& ui, const core::SimulatedScreen& screen, core::Rect area, const std::string& language);

// The size the phone takes in area.
core::Rect phone_rect(core::Rect area);

}  // namespace qiao::ui
