#include "ui/frame_ui.hpp"

#include <algorithm>
#include <cmath>

#include "ui/text_layout.hpp"

namespace qiao::ui {

ImU32 to_imgui(Rgb c) { return IM_COL32(c.r, c.g, c.b, 255); }

const WidgetRecord* find_widget(const FrameRecords& records, std::string_view id) {
    for (const auto& r : records)
        if (r.id == id) return &r;
    return nullptr;
}

FrameUi::FrameUi(ImDrawList& draw, const FontSet& fonts, const Metrics& metrics, const Palette& palette, FrameInput input)
    : draw_(draw), fonts_(fonts), metrics_(metrics), palette_(palette), input_(std::move(input)) {}

const ImFont& FrameUi::font_for(TextRole role) const { return role == TextRole::Title ? *fonts_.title() : *fonts_.body(); }
float FrameUi::px_for(TextRole role) const { return role == TextRole::Title ? metrics_.title_px : metrics_.body_px; }

void FrameUi::fill_page(core::Rect r) {
    draw_.AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), to_imgui(palette_.page));
}

float FrameUi::draw_label(const ImFont& font, float px, std::string_view text, core::Rect rect, ImU32 colour,
                          int max_lines) {
    // Wrap first; shrink only when even wrapping cannot make it fit (the audit then
    // reports the smaller text, so a layout that needs this gets fixed, not hidden).
    std::vector<std::string> lines = wrap_text(font, px, text, rect.w);
    while ((static_cast<int>(lines.size()) > max_lines || lines.size() * px * 1.15f > rect.h + 0.5f ||
            std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return text_width(font, px, l) > rect.w + 0.5f; })) &&
           px > 8.0f) {
        px = std::floor(px * 0.92f);
        lines = wrap_text(font, px, text, rect.w);
    }
    const float line_h = px * 1.15f;
    float y = rect.y + (rect.h - line_h * static_cast<float>(lines.size())) * 0.5f + (line_h - px) * 0.5f;
    for (const std::string& line : lines) {
        const float w = text_width(font, px, line);
        draw_.AddText(&font, px, ImVec2(std::round(rect.x + (rect.w - w) * 0.5f), std::round(y)), colour,
                      line.data(), line.data() + line.size());
        y += line_h;
    }
    return px;
}

void FrameUi::icon(Icon icon, core::Rect r) {
    draw_icon(draw_, icon, ImVec2(r.x + r.w * 0.5f, r.y + r.h * 0.5f), std::min(r.w, r.h), to_imgui(palette_.muted_text));
}

float FrameUi::row_button_width(std::string_view label, Icon icon) const {
    const float pad = metrics_.body_px * 0.8f;
    const float icon_w = icon == Icon::None ? 0.0f : metrics_.body_px * 1.3f + metrics_.body_px * 0.4f;
    return std::ceil(pad * 2 + icon_w + text_width(*fonts_.body(), metrics_.body_px, label));
}

bool FrameUi::button(const ButtonSpec& spec) {
    const bool pressed = input_.armed && *input_.armed == spec.id;
    const ColourPair colours = palette_.button(spec.selected && spec.style == ButtonStyle::Plain ? ButtonStyle::Selected : spec.style, pressed);
    const core::Rect& r = spec.rect;
    const ImU32 fg = to_imgui(colours.text);
    const float round = metrics_.rounding;

    draw_.AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), to_imgui(colours.background), round);
    // Plain buttons are light: a dark border shows where the button ends.
    if (spec.style == ButtonStyle::Plain && !spec.selected)
        draw_.AddRect(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), to_imgui(palette_.border), round, 0, metrics_.border);
    if (pressed)  // a pressed control is inset, so the press is visible before the finger lifts
        draw_.AddRect(ImVec2(r.x + metrics_.border * 2, r.y + metrics_.border * 2),
                      ImVec2(r.right() - metrics_.border * 2, r.bottom() - metrics_.border * 2), fg, round, 0, metrics_.border);

    const float pad = metrics_.body_px * 0.5f;
    float smallest_px = 0.0f;
    bool overflows = false;
    auto note_px = [&](float px) { smallest_px = smallest_px == 0.0f ? px : std::min(smallest_px, px); };
    const ImFont& body = *fonts_.body();
    const float body_px = metrics_.body_px;
    const float line_h = body_px * 1.15f;

    // Icon (or sample) and words side by side: for cells that are wide and short
    // (a bar, a portrait screen at the largest text), where stacking would not fit.
    auto draw_side_by_side = [&](float lead_px, bool display_label) {
        const ImFont& label_font = display_label ? *fonts_.display() : body;
        const float label_px = display_label ? std::min(metrics_.display_px, r.h - pad) : body_px;
        const float lead = spec.icon == Icon::None && spec.sample.empty() ? 0.0f : lead_px;
        const float lead_gap = lead > 0 ? body_px * 0.5f : 0.0f;
        const float tick = spec.selected ? body_px * 1.1f + pad : 0.0f;
        const float words_w_max = r.w - pad * 2 - lead - lead_gap - tick;
        float words_w = text_width(label_font, label_px, spec.label);
        if (!spec.caption.empty()) words_w += body_px * 0.6f + text_width(body, body_px, spec.caption);
        words_w = std::min(words_w, words_w_max);
        float x = r.x + std::max(pad, (r.w - tick - lead - lead_gap - words_w) * 0.5f);
        const float cy = r.y + r.h * 0.5f;
        if (!spec.sample.empty())
            draw_label(*fonts_.display(), spec.sample_px, spec.sample, core::Rect{x, r.y, lead, r.h}, fg, 1);
        else if (lead > 0)
            draw_icon(draw_, spec.icon, ImVec2(x + lead * 0.5f, cy), lead, fg);
        x += lead + lead_gap;
        if (spec.caption.empty()) {
            const float px = draw_label(label_font, label_px, spec.label, core::Rect{x, r.y + pad * 0.25f, words_w, r.h - pad * 0.5f}, fg, 2);
            if (!display_label) note_px(px);
        } else {
            const float label_w = std::min(words_w * 0.45f, text_width(label_font, label_px, spec.label));
            draw_label(label_font, label_px, spec.label, core::Rect{x, r.y, label_w, r.h}, fg, 1);
            note_px(draw_label(body, body_px, spec.caption,
                               core::Rect{x + label_w + body_px * 0.6f, r.y + pad * 0.25f, words_w - label_w - body_px * 0.6f, r.h - pad * 0.5f},
                               fg, 2));
        }
        if (spec.selected)
            draw_icon(draw_, Icon::Check, ImVec2(r.right() - pad - body_px * 0.55f, cy), body_px * 1.1f, fg);
    };

    switch (spec.shape) {
    case ButtonShape::Tile: {
        const float display_px = metrics_.display_px;
        const float caption_h = line_h * 2;
        const float spacing = body_px * 0.3f;
        const float stacked_min = body_px + spacing + display_px * 1.1f + spacing + caption_h + pad * 2;
        if (r.h < stacked_min || r.w > r.h * 2.2f) {
            draw_side_by_side(std::min(r.h * 0.6f, body_px * 2.2f), true);
            break;
        }
        float icon = std::min(r.w, r.h) * 0.30f;
        float needed = icon + spacing + display_px * 1.1f + spacing + caption_h;
        if (needed > r.h - pad * 2) icon = std::max(body_px, icon - (needed - (r.h - pad * 2)));
        needed = icon + spacing + display_px * 1.1f + spacing + caption_h;
        float y = r.y + std::max(pad, (r.h - needed) * 0.5f);
        draw_icon(draw_, spec.icon, ImVec2(r.x + r.w * 0.5f, y + icon * 0.5f), icon, fg);
        y += icon + spacing;
        draw_label(*fonts_.display(), display_px, spec.label, core::Rect{r.x + pad, y, r.w - pad * 2, display_px * 1.15f}, fg, 1);
        y += display_px * 1.1f + spacing;
        note_px(draw_label(body, body_px, spec.caption, core::Rect{r.x + pad, y, r.w - pad * 2, caption_h}, fg, 2));
        break;
    }
    case ButtonShape::Row: {
        const float icon = spec.icon == Icon::None ? 0.0f : body_px * 1.3f;
        const float icon_gap = icon > 0 ? body_px * 0.4f : 0.0f;
        const float label_w = text_width(body, body_px, spec.label);
        const float avail = r.w - pad * 2 - icon - icon_gap;
        const float content_w = icon + icon_gap + std::min(label_w, avail);
        const float x0 = r.x + (r.w - content_w) * 0.5f;
        if (icon > 0) draw_icon(draw_, spec.icon, ImVec2(x0 + icon * 0.5f, r.y + r.h * 0.5f), icon, fg);
        note_px(draw_label(body, body_px, spec.label,
                           core::Rect{x0 + icon + icon_gap, r.y + pad * 0.5f, std::min(label_w, avail), r.h - pad}, fg, 3));
        break;
    }
    case ButtonShape::Key: {
        const float px = draw_label(*fonts_.title(), metrics_.title_px, spec.label, core::Rect{r.x + pad * 0.5f, r.y, r.w - pad, r.h}, fg, 1);
        note_px(px);
        if (px + 0.5f < metrics_.title_px) overflows = true;
        break;
    }
    case ButtonShape::Card: {
        const float lead = spec.lead_px > 0 ? spec.lead_px + pad : 0.0f;
        const float x = r.x + pad + lead;
        const float w = r.w - pad * 2 - lead - (spec.selected ? body_px * 1.2f : 0.0f);
        const auto title_lines = wrap_text(body, body_px, spec.label, w);
        const auto caption_lines = spec.caption.empty() ? std::vector<std::string>{} : wrap_text(body, body_px, spec.caption, w);
        const std::size_t title_n = std::min<std::size_t>(2, title_lines.size());
        // A caption takes a second line where the card has room for it (a list entry's hint).
        std::size_t caption_n = std::min<std::size_t>(1, caption_lines.size());
        if (caption_lines.size() > 1 && line_h * static_cast<float>(title_n + 2) <= r.h - pad * 0.5f) caption_n = 2;
        const float block = line_h * static_cast<float>(title_n + caption_n);
        if (block > r.h - pad * 0.5f || title_lines.size() > 2 || caption_lines.size() > caption_n) overflows = true;
        float y = r.y + (r.h - block) * 0.5f;
        for (std::size_t i = 0; i < title_n; ++i) {
            draw_.AddText(&body, body_px, ImVec2(std::round(x), std::round(y)), fg, title_lines[i].data(),
                          title_lines[i].data() + title_lines[i].size());
            y += line_h;
        }
        const ImU32 muted = spec.style == ButtonStyle::Plain && !spec.selected ? to_imgui(palette_.muted_text) : fg;
        for (std::size_t i = 0; i < caption_n; ++i) {
            draw_.AddText(&body, body_px, ImVec2(std::round(x), std::round(y)), muted, caption_lines[i].data(),
                          caption_lines[i].data() + caption_lines[i].size());
            y += line_h;
        }
        note_px(body_px);
        if (spec.selected)
            draw_icon(draw_, Icon::Check, ImVec2(r.right() - pad - body_px * 0.55f, r.y + r.h * 0.5f), body_px * 1.1f, fg);
        break;
    }
    case ButtonShape::Option: {
        const float spacing = body_px * 0.3f;
        const float label_lines = static_cast<float>(std::min<std::size_t>(2, wrap_text(body, body_px, spec.label, r.w - pad * 2).size()));
        const float label_h = line_h * label_lines;
        const float top_h = spec.sample.empty() ? std::clamp(r.h * 0.3f, body_px * 1.2f, body_px * 3.0f)
                                                : std::max(spec.sample_px * 1.1f, body_px);
        const float needed = top_h + spacing + label_h + pad;
        if (needed > r.h) {
            draw_side_by_side(spec.sample.empty() ? body_px * 1.3f : spec.sample_px, false);
            break;
        }
        float y = r.y + (r.h - (top_h + spacing + label_h)) * 0.5f;
        if (!spec.sample.empty()) {
            draw_label(*fonts_.display(), spec.sample_px, spec.sample, core::Rect{r.x + pad, y, r.w - pad * 2, top_h}, fg, 1);
        } else {
            draw_icon(draw_, spec.icon, ImVec2(r.x + r.w * 0.5f, y + top_h * 0.5f), top_h, fg);
        }
        y += top_h + spacing;
        note_px(draw_label(body, body_px, spec.label, core::Rect{r.x + pad, y, r.w - pad * 2, label_h}, fg, 2));
        if (spec.selected) {
            const float tick = body_px * 1.1f;
            draw_icon(draw_, Icon::Check, ImVec2(r.right() - pad - tick * 0.5f, r.y + pad + tick * 0.5f), tick, fg);
        }
        break;
    }
    }
    // A label drawn smaller than body text means its words did not fit as designed.
    if (smallest_px > 0 && smallest_px + 0.5f < body_px) overflows = true;

    WidgetRecord record;
    record.id = spec.id;
    record.rect = r;
    record.text = spec.label + (spec.caption.empty() ? "" : " " + spec.caption);
    record.control = true;
    record.text_px = smallest_px;
    record.colours = colours;
    record.overflows = overflows;
    records_.push_back(std::move(record));
    return input_.activated && *input_.activated == spec.id;
}

float FrameUi::text_height(std::string_view text, TextRole role, float width) const {
    const auto lines = wrap_text(font_for(role), px_for(role), text, width);
    return static_cast<float>(lines.size()) * px_for(role) * 1.3f;
}

float FrameUi::text(std::string_view id, core::Rect rect, std::string_view text, TextRole role, Align align) {
    const ImFont& font = font_for(role);
    const float px = px_for(role);
    const float line_h = px * 1.3f;  // generous leading: easier to read for weak eyes
    const auto lines = wrap_text(font, px, text, rect.w);
    float y = rect.y;
    bool overflow = false;
    for (const std::string& line : lines) {
        if (y + line_h > rect.bottom() + 0.5f) {
            overflow = true;
            break;
        }
        const float w = text_width(font, px, line);
        const float x = align == Align::Centre ? rect.x + (rect.w - w) * 0.5f : rect.x;
        draw_.AddText(&font, px, ImVec2(std::round(x), std::round(y + (line_h - px) * 0.5f)), to_imgui(palette_.text),
                      line.data(), line.data() + line.size());
        y += line_h;
    }
    WidgetRecord record;
    record.id = std::string(id);
    record.rect = core::Rect{rect.x, rect.y, rect.w, y - rect.y};
    record.text = std::string(text);
    record.text_px = px;
    record.colours = ColourPair{palette_.text, palette_.page};
    record.overflows = overflow;
    records_.push_back(std::move(record));
    return y - rect.y;
}

}  // namespace qiao::ui
