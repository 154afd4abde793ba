#pragma once
// Icons drawn as vectors, so they are crisp at any size and need no image files.
// An icon is never shown alone: every control also carries a word (DESIGN.md).
#include <imgui.h>

namespace qiao::ui {

enum class Icon {
    None, Learn, Book, Help, Back, Home, ListenAgain, TextSize, Language, VoiceOn, VoiceOff,
    Check, Slower, NormalSpeed, Faster, StillHere, Forward, Cross,
    // Book and Help (icons_flow.cpp)
    Class, Volunteer, Heart, Door, Phone, Shield, House, Question, Microphone, Stop, Play, Ticket, Clock, Smile, Frown,
    Calendar, Lock,
};

// Draws icon centred at `centre`, fitting a square of side `size`.
void draw_icon(ImDrawList& draw, Icon icon, ImVec2 centre, float size, ImU32 colour);
// The icons of the Book and Help flows; draw_icon hands them on to this.
void draw_flow_icon(ImDrawList& draw, Icon icon, ImVec2 centre, float size, ImU32 colour);

}  // namespace qiao::ui
