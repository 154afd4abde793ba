#include "ui/lessons/phone_view.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include "ui/grid_layout.hpp"
#include "ui/lessons/app_icons.hpp"
#include "ui/text_layout.hpp"

namespace qiao::ui {

namespace {

// The phone's own colours: a plain light theme, text at 7:1 or more.
const Rgb kInk{0x1A, 0x1A, 0x1A};
const Rgb kGrey{0x55, 0x55, 0x55};       // detail text: 7.4:1 on white
const Rgb kScreen{0xFF, 0xFF, 0xFF};
const Rgb kBar{0xF2, 0xF2, 0xF2};
const Rgb kBlue{0x0D, 0x47, 0xA1};       // buttons, white text 9:1
const Rgb kTheirs{0xEC, 0xEC, 0xEC};
const Rgb kMine{0xC8, 0xE6, 0xC9};
const Rgb kRing{0xE6, 0x51, 0x00};       // "tap here": a warm orange ring, never red
const Rgb kDanger{0xA0, 0x18, 0x18};     // a "danger" button (hang up): white text 8:1

class PhonePainter {
public:
    // record: false to only measure (into a scratch draw list), true to draw for real.
    PhonePainter(FrameUi& ui, ImDrawList& d, const std::string& language, core::Rect screen, float px, bool record)
        : ui_(ui), d_(d), lang_(language), screen_(screen), font_(*ui.fonts().body()), px_(px), record_(record) {}

    float px() const { return px_; }

    void fill(core::Rect r, Rgb c, float rounding = 0) {
        d_.AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), to_imgui(c), rounding);
    }

    // Wrapped text; returns the height used.
    float text(core::Rect r, const std::string& s, Rgb colour, float px, bool centre = false) {
        const auto lines = wrap_text(font_, px, s, r.w);
        float y = r.y;
        for (const auto& line : lines) {
            const float w = text_width(font_, px, line);
            d_.AddText(&font_, px, ImVec2(std::round(centre ? r.x + (r.w - w) * 0.5f : r.x), std::round(y)), to_imgui(colour),
                       line.data(), line.data() + line.size());
            y += px * 1.25f;
        }
        return y - r.y;
    }

    float text_height(const std::string& s, float px, float width) const {
        return static_cast<float>(wrap_text(font_, px, s, width).size()) * px * 1.25f;
    }

    void target(const std::string& id, core::Rect r, const std::string& label, Rgb fg, Rgb bg) {
        WidgetRecord rec;
        rec.id = kPhoneTargetPrefix + id;
        rec.rect = r;
        rec.text = label;
        rec.control = true;
        rec.practice = true;
        rec.text_px = label.empty() ? 0.0f : px_;
        rec.colours = {fg, bg};
        if (record_) ui_.record(std::move(rec));
        rects_.emplace_back(id, r);
    }

    const core::Rect* rect_of(const std::string& id) const {
        for (const auto& [rid, r] : rects_)
            if (rid == id) return &r;
        return nullptr;
    }

    FrameUi& ui_;
    ImDrawList& d_;
    const std::string& lang_;
    core::Rect screen_;
    const ImFont& font_;
    float px_;
    bool record_;
    std::vector<std::pair<std::string, core::Rect>> rects_;
};

// A pattern that looks like a QR code and never is one (no real code is ever shown).
void draw_fake_qr(ImDrawList& d, core::Rect r, const std::string& seed) {
    const int n = 21;
    const float cell = std::floor(std::min(r.w, r.h) / n);
    const float x0 = r.x + (r.w - cell * n) * 0.5f, y0 = r.y + (r.h - cell * n) * 0.5f;
    std::size_t h = std::hash<std::string>{}(seed);
    auto finder = [&](int cx, int cy) {
        d.AddRectFilled(ImVec2(x0 + cx * cell, y0 + cy * cell), ImVec2(x0 + (cx + 7) * cell, y0 + (cy + 7) * cell), IM_COL32_BLACK);
        d.AddRectFilled(ImVec2(x0 + (cx + 1) * cell, y0 + (cy + 1) * cell), ImVec2(x0 + (cx + 6) * cell, y0 + (cy + 6) * cell), IM_COL32_WHITE);
        d.AddRectFilled(ImVec2(x0 + (cx + 2) * cell, y0 + (cy + 2) * cell), ImVec2(x0 + (cx + 5) * cell, y0 + (cy + 5) * cell), IM_COL32_BLACK);
    };
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            if ((x < 8 && y < 8) || (x > n - 9 && y < 8) || (x < 8 && y > n - 9)) continue;
            h = h * 6364136223846793005ULL + 1442695040888963407ULL;
            if ((h >> 33) & 1) d.AddRectFilled(ImVec2(x0 + x * cell, y0 + y * cell), ImVec2(x0 + (x + 1) * cell, y0 + (y + 1) * cell), IM_COL32_BLACK);
        }
    finder(0, 0);
    finder(n - 7, 0);
    finder(0, n - 7);
}

}  // namespace

core::Rect phone_rect(core::Rect area) {
    // A phone of 9:19 proportions, as tall as the area allows.
    const float h = std::min(area.h, area.w * 19.0f / 9.0f);
    const float w = h * 9.0f / 19.0f;
    return centred(area, w, h);
}

// Lays out and draws the screen's contents into p; returns where the content ends.
float paint_screen(PhonePainter& p, const core::SimulatedScreen& screen, core::Rect s, float bezel, const std::string& language,
                   PictureSource* pictures, const std::filesystem::path& lesson_folder) {
    ImDrawList& d = p.d_;
    p.fill(s, kScreen, bezel * 2);
    p.target("screen", s, "", kInk, kScreen);  // the screen itself: a wrong tap, never a mis-touch
    d.PushClipRect(ImVec2(s.x, s.y), ImVec2(s.right(), s.bottom()), true);

    const float px = p.px();
    const float pad = px * 0.6f;
    float y = s.y;
    if (screen.status_bar) {
        const float bar = px * 1.3f;
        p.text(core::Rect{s.x + pad * 2, y + px * 0.15f, s.w, bar}, "9:41", kInk, px * 0.8f);
        d.AddRectFilled(ImVec2(s.right() - pad * 2 - px * 1.4f, y + bar * 0.3f), ImVec2(s.right() - pad * 2, y + bar * 0.7f),
                        to_imgui(kInk), 2.0f);
        y += bar;
    }
    const std::string& title = screen.title.in(language);
    const float title_h = px * 2.0f;
    p.fill(core::Rect{s.x, y, s.w, title_h}, kBar);
    p.text(core::Rect{s.x + pad, y + (title_h - px * 1.1f) * 0.5f, s.w - pad * 2, title_h}, title, kInk, px * 1.05f, true);
    y += title_h + pad;

    const float inner_x = s.x + pad, inner_w = s.w - pad * 2;
    for (const core::ScreenElement& e : screen.elements) {
        using T = core::ElementType;
        switch (e.type) {
        case T::Text: {
            const std::string& t = e.text.in(language);
            const float h = p.text(core::Rect{inner_x, y, inner_w, s.bottom() - y}, t, kInk, px);
            p.target(e.id, core::Rect{inner_x, y, inner_w, h}, t, kInk, kScreen);
            y += h + pad;
            break;
        }
        case T::Button: {
            const std::string& t = e.text.in(language);
            const float h = std::max(px * 2.4f, p.text_height(t, px, inner_w - pad * 2) + px);
            const core::Rect r{inner_x, y, inner_w, h};
            const bool plain = e.style == "plain";
            const Rgb bg = e.style == "danger" ? kDanger : plain ? kScreen : kBlue;
            const Rgb fg = plain ? kBlue : Rgb{255, 255, 255};
            p.fill(r, bg, px * 0.5f);
            if (plain) d.AddRect(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), to_imgui(kBlue), px * 0.5f, 0, 2.0f);
            p.text(core::Rect{r.x + pad, r.y + (h - p.text_height(t, px, r.w - pad * 2)) * 0.5f + px * 0.1f, r.w - pad * 2, h}, t, fg,
                   px, true);
            p.target(e.id, r, t, fg, bg);
            y += h + pad;
            break;
        }
        case T::AppGrid: {
            const int cols = 3;
            const float cell_w = inner_w / cols;
            const float icon = std::floor(cell_w * 0.62f);
            const float cell_h = icon + px * 1.6f;
            core::Rect grid{inner_x, y, inner_w, cell_h};
            p.target(e.id, core::Rect{inner_x, y, inner_w, cell_h * std::ceil(e.items.size() / static_cast<float>(cols))}, "", kInk, kScreen);
            for (std::size_t i = 0; i < e.items.size(); ++i) {
                const auto& item = e.items[i];
                const float cx = inner_x + cell_w * static_cast<float>(i % cols);
                const float cy = y + cell_h * static_cast<float>(i / cols);
                draw_app_icon(d, item.icon, ImVec2(cx + (cell_w - icon) * 0.5f, cy), icon);
                const std::string& label = item.text.in(language);
                const float lw = text_width(p.font_, px * 0.85f, label);
                d.AddText(&p.font_, px * 0.85f, ImVec2(std::round(cx + (cell_w - std::min(lw, cell_w)) * 0.5f), std::round(cy + icon + px * 0.2f)),
                          to_imgui(kInk), label.data(), label.data() + label.size());
                p.target(item.id, core::Rect{cx, cy, cell_w, cell_h}, label, kInk, kScreen);
            }
            (void)grid;
            y += cell_h * std::ceil(e.items.size() / static_cast<float>(cols)) + pad;
            break;
        }
        case T::List: {
            const float top = y;
            for (const auto& item : e.items) {
                const std::string& t = item.text.in(language);
                const std::string& detail = item.detail.in(language);
                const float h = px * 1.3f + (detail.empty() ? 0.0f : px * 1.1f) + pad;
                p.text(core::Rect{inner_x, y + pad * 0.5f, inner_w, h}, t, kInk, px);
                if (!detail.empty()) p.text(core::Rect{inner_x, y + pad * 0.5f + px * 1.3f, inner_w, h}, detail, kGrey, px * 0.8f);
                d.AddLine(ImVec2(inner_x, y + h), ImVec2(inner_x + inner_w, y + h), IM_COL32(0xCC, 0xCC, 0xCC, 255), 1.0f);
                p.target(item.id, core::Rect{inner_x, y, inner_w, h}, t, kInk, kScreen);
                y += h;
            }
            (void)top;
            y += pad;
            break;
        }
        case T::ChatBubble: {
            const std::string& t = e.text.in(language);
            const float max_w = inner_w * 0.82f;
            const auto lines = wrap_text(p.font_, px, t, max_w - pad * 2);
            float w = 0;
            for (const auto& l : lines) w = std::max(w, text_width(p.font_, px, l));
            const core::Rect r{e.from_me ? inner_x + inner_w - (w + pad * 2) : inner_x, y, w + pad * 2,
                               static_cast<float>(lines.size()) * px * 1.25f + pad * 1.5f};
            p.fill(r, e.from_me ? kMine : kTheirs, px * 0.5f);
            p.text(core::Rect{r.x + pad, r.y + pad * 0.75f, w + 1, r.h}, t, kInk, px);
            p.target(e.id, r, t, kInk, e.from_me ? kMine : kTheirs);
            y += r.h + pad;
            break;
        }
        case T::TextField: {
            const std::string& value = e.value.in(language);
            const std::string& shown = value.empty() ? e.placeholder.in(language) : value;
            const core::Rect r{inner_x, y, inner_w, px * 2.2f};
            d.AddRect(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), to_imgui(kGrey), px * 0.3f, 0, 2.0f);
            p.text(core::Rect{r.x + pad, r.y + px * 0.55f, r.w - pad * 2, r.h}, shown, value.empty() ? kGrey : kInk, px);
            p.target(e.id, r, shown, value.empty() ? kGrey : kInk, kScreen);
            y += r.h + pad;
            break;
        }
        case T::QrCode: {
            const float side = std::min(inner_w * 0.7f, s.bottom() - y - pad);
            const core::Rect r{inner_x + (inner_w - side) * 0.5f, y, side, side};
            draw_fake_qr(d, r, e.id);
            p.target(e.id, r, "", kInk, kScreen);
            y += side + pad;
            break;
        }
        case T::PaymentSheet: {
            const std::string& payee = e.payee.in(language);
            const std::string amount = "¥" + e.amount;
            const std::string& button = e.button.in(language);
            const float h = px * 1.4f + px * 2.2f + px * 2.6f + pad * 3;
            const core::Rect card{inner_x, y, inner_w, h};
            p.fill(card, kBar, px * 0.5f);
            p.text(core::Rect{card.x + pad, card.y + pad, card.w - pad * 2, px * 1.4f}, payee, kInk, px, true);
            p.text(core::Rect{card.x + pad, card.y + pad + px * 1.4f, card.w - pad * 2, px * 2.2f}, amount, kInk, px * 1.7f, true);
            const core::Rect b{card.x + pad, card.bottom() - pad - px * 2.6f, card.w - pad * 2, px * 2.6f};
            p.fill(b, kBlue, px * 0.5f);
            p.text(core::Rect{b.x, b.y + px * 0.7f, b.w, b.h}, button, Rgb{255, 255, 255}, px, true);
            // The whole sheet is one target: its button is where a learner will tap.
            p.target(e.id, card, payee + " " + amount + " " + button, kInk, kBar);
            y += h + pad;
            break;
        }
        case T::Picture: {
            const float side = std::min(inner_w, s.bottom() - y - pad);
            const core::Rect r{inner_x, y, inner_w, side * 0.6f};
            const auto picture = pictures ? pictures->picture(lesson_folder / e.file) : std::nullopt;
            if (picture) {
                draw_picture(d, *picture, r);
            } else {
                p.fill(r, kBar, px * 0.3f);
                draw_app_icon(d, "photo", ImVec2(r.x + (r.w - px * 3) * 0.5f, r.y + (r.h - px * 3) * 0.5f), px * 3);
            }
            p.target(e.id, r, "", kInk, kBar);
            y += r.h + pad;
            break;
        }
        }
    }
    d.PopClipRect();
    return y;
}

namespace {

// The phone's words start at 0.72 of body text; a screen with more on it than fits is
// drawn smaller (measured first on a scratch list), down to 0.4, so nothing, least of
// all the place to tap, falls off the bottom of the phone. Returns the size and whether
// everything fits at it.
std::pair<float, bool> fitting_text_px(FrameUi& ui, const core::SimulatedScreen& screen, core::Rect s, float bezel,
                                       const std::string& language, const std::filesystem::path& lesson_folder) {
    const ImFont& font = *ui.fonts().body();
    float px = std::floor(ui.metrics().body_px * 0.72f);
    const float smallest = std::floor(ui.metrics().body_px * 0.4f);
    for (;;) {
        ImDrawList scratch(ImGui::GetDrawListSharedData());
        scratch._ResetForNewFrame();
        scratch.PushClipRectFullScreen();
        scratch.PushTextureID(font.ContainerAtlas->TexID);
        PhonePainter measure(ui, scratch, language, s, px, false);
        const bool fits = paint_screen(measure, screen, s, bezel, language, nullptr, lesson_folder) <= s.bottom();
        if (fits || px <= smallest) return {px, fits};
        px = std::max(smallest, std::floor(px * 0.9f));
    }
}

core::Rect screen_of(core::Rect phone, float& bezel) {
    bezel = std::max(6.0f, phone.w * 0.035f);
    return core::Rect{phone.x + bezel, phone.y + bezel, phone.w - bezel * 2, phone.h - bezel * 2};
}

}  // namespace

bool phone_content_fits(FrameUi& ui, const core::SimulatedScreen& screen, core::Rect area, const std::string& language) {
    float bezel = 0;
    const core::Rect s = screen_of(phone_rect(area), bezel);
    return fitting_text_px(ui, screen, s, bezel, language, {}).second;
}

std::optional<std::string> draw_phone(FrameUi& ui, const core::SimulatedScreen& screen, core::Rect area,
                                      const std::string& language, const std::string* highlight, PictureSource* pictures,
                                      const std::filesystem::path& lesson_folder, float highlight_pulse) {
    const core::Rect phone = phone_rect(area);
    ImDrawList& d = ui.draw_list();
    float bezel = 0;
    const core::Rect s = screen_of(phone, bezel);
    d.AddRectFilled(ImVec2(phone.x, phone.y), ImVec2(phone.right(), phone.bottom()), IM_COL32(0x1A, 0x1A, 0x1A, 255), bezel * 3);

    const float px = fitting_text_px(ui, screen, s, bezel, language, lesson_folder).first;
    PhonePainter p(ui, d, language, s, px, true);
    paint_screen(p, screen, s, bezel, language, pictures, lesson_folder);

    if (highlight) {
        if (const core::Rect* r = p.rect_of(*highlight)) {
            // The right place, ringed: shown from the second wrong tap, and it stays still.
            const float grow = px * (0.35f + 0.6f * highlight_pulse);
            d.AddRect(ImVec2(r->x - grow, r->y - grow), ImVec2(r->right() + grow, r->bottom() + grow), to_imgui(kRing), px * 0.6f, 0,
                      std::max(4.0f, px * 0.3f));
            const ImVec2 tip(r->x - grow, r->y + r->h * 0.5f);
            const float a = px * 1.2f;
            d.AddTriangleFilled(tip, ImVec2(tip.x - a, tip.y - a * 0.6f), ImVec2(tip.x - a, tip.y + a * 0.6f), to_imgui(kRing));
        }
    }

    // What was tapped: the topmost phone target the finger was lifted on.
    for (auto it = p.rects_.rbegin(); it != p.rects_.rend(); ++it) {
        const std::string id = std::string(kPhoneTargetPrefix) + it->first;
        if (ui.activated(id)) return it->first == "screen" ? std::string() : it->first;
    }
    return std::nullopt;
}

}  // namespace qiao::ui
