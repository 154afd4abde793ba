#include "ui/flow/flow_screens.hpp"

#include <algorithm>
#include <cmath>

#include "core/print/qr_code.hpp"
#include "ui/grid_layout.hpp"

namespace qiao::ui {

const FlowPage* FlowScreen::page(const ScreenContext& ctx) const {
    return ctx.flows ? ctx.flows->flow_page(id_) : nullptr;
}

std::vector<BarButton> FlowScreen::bottom_bar(const ScreenContext& ctx) const {
    const FlowPage* p = page(ctx);
    std::vector<BarButton> bar;
    if (!p || !p->hide_back) bar.push_back({"common.back", Icon::Back, ctx.text("common.back")});
    if (p)
        for (const FlowItem& item : p->bar) bar.push_back({item.id, item.icon, item.label, item.style});
    if (for_staff()) {
        if (id_ != "staff_home") bar.push_back({"staff.menu", Icon::Home, ctx.text("staff.menu")});
    } else {
        bar.push_back({"common.home", Icon::Home, ctx.text("common.home")});
    }
    return bar;
}

BarButton FlowScreen::top_button(const ScreenContext& ctx) const {
    if (!for_staff()) return Screen::top_button(ctx);
    return {"staff.sign_out", Icon::Lock, ctx.text("staff.sign_out")};
}

void FlowScreen::on_bar_button(ScreenContext& ctx, std::string_view id) { ctx.actions.flow_choose(std::string(id)); }

core::Rect FlowScreen::draw_heading(ScreenContext& ctx, core::Rect area) const {
    const FlowPage* p = page(ctx);
    if (!p || p->heading.empty()) return area;
    const float h = ctx.ui.text_height(p->heading, TextRole::Body, area.w);
    ctx.ui.text("flow.heading", core::Rect{area.x, area.y, area.w, std::min(h, area.h)}, p->heading, TextRole::Body);
    const float used = h + ctx.ui.metrics().gap;
    return core::Rect{area.x, area.y + used, area.w, std::max(0.0f, area.h - used)};
}

// ---------------------------------------------------------------- list

void FlowListScreen::draw_content(ScreenContext& ctx, core::Rect area) {
    FrameUi& ui = ctx.ui;
    const Metrics& m = ui.metrics();
    const FlowPage* p = page(ctx);
    if (!p) return;
    area = draw_heading(ctx, area);
    if (p->items.empty()) return;

    std::string key;
    for (const FlowItem& item : p->items) key += item.id + '\n';
    if (key != items_key_) {
        items_key_ = key;
        page_ = 0;
    }
    // As few columns as let every card show its words (label and hint, two lines each
    // at most) with all cards on the screen; failing that, the fewest cards a page.
    const int count = static_cast<int>(p->items.size());
    const float pad = m.body_px * 0.5f;
    auto card_height = [&](int columns, bool captions) {
        const float card_w = (area.w - m.gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
        float tallest = 0;
        for (const FlowItem& item : p->items) {
            const float lead = item.icon == Icon::None ? 0.0f : m.body_px * 2.2f + pad;
            const float w = card_w - pad * 3 - lead;
            const float line = m.body_px * 1.3f;
            const float label_h = ui.text_height(item.label, TextRole::Body, w);
            const float caption_h = captions ? ui.text_height(item.caption, TextRole::Body, w) : 0.0f;
            // Narrower than its words need: this many columns will not do.
            if (columns > 1 && (label_h > line * 2.5f || caption_h > line * 2.5f)) return area.h * 10;
            const float words = std::min(label_h, line * 2) + std::min(caption_h, line * 2);
            tallest = std::max(tallest, words + pad * 1.5f);
        }
        return std::max(m.control_min_h, tallest);
    };
    const int max_columns = std::clamp(static_cast<int>((area.w + m.gap) / (m.body_px * 7.5f + m.gap)), 1, 3);
    int columns = 1;
    float card_h = 0;
    int rows_fit = 0;
    // Hints under the labels are a help, not a need: where keeping them would page
    // the list, the cards show their labels only.
    bool captions = true;
    for (bool with_captions : {true, false}) {
        if (!with_captions && p->keep_captions) break;
        columns = 1;
        card_h = card_height(1, with_captions);
        rows_fit = std::max(1, static_cast<int>((area.h + m.gap) / (card_h + m.gap)));
        for (int c = 2; c <= max_columns && rows_fit * columns < count; ++c) {
            const float h = card_height(c, with_captions);
            if (h > area.h) continue;
            const int fit_c = static_cast<int>((area.h + m.gap) / (h + m.gap));
            if (fit_c * c <= rows_fit * columns) continue;
            columns = c;
            card_h = h;
            rows_fit = fit_c;
        }
        captions = with_captions;
        if (rows_fit * columns >= count) break;
    }
    const int fit = columns * rows_fit;
    // A list longer than the screen pages: a "more" button under the cards.
    const bool paged = count > fit;
    core::Rect cards_area = area;
    if (paged) cards_area.h = std::max(0.0f, area.h - m.control_min_h - m.gap);
    const int rows_shown = paged ? std::max(1, static_cast<int>((cards_area.h + m.gap) / (card_h + m.gap))) : rows_fit;
    const int per_page = rows_shown * columns;
    const std::size_t pages = (static_cast<std::size_t>(count) + per_page - 1) / per_page;
    if (page_ >= pages) page_ = 0;
    const int first = static_cast<int>(page_) * per_page;
    const int shown = std::min(per_page, count - first);
    const int rows = (shown + columns - 1) / columns;
    const float h = std::min(card_h * 1.15f, (cards_area.h - m.gap * static_cast<float>(rows - 1)) / static_cast<float>(rows));
    const auto cells =
        grid_cells(core::Rect{area.x, area.y, area.w, h * rows + m.gap * (rows - 1)}, rows * columns, m.gap, columns);
    for (int i = 0; i < shown; ++i) {
        const FlowItem& item = p->items[static_cast<std::size_t>(first + i)];
        const core::Rect r = cells[static_cast<std::size_t>(i)];
        const float icon = item.icon == Icon::None ? 0.0f : std::min(r.h - m.body_px, m.body_px * 2.2f);
        ButtonSpec spec{item.id, r, Icon::None, item.label, captions ? item.caption : std::string(), item.style, ButtonShape::Card,
                        item.selected};
        spec.lead_px = icon;
        if (ui.button(spec)) ctx.actions.flow_choose(item.id);
        if (icon > 0) {
            const ColourPair colours = ui.palette().button(item.style, ui.armed(item.id));
            draw_icon(ui.draw_list(), item.icon, ImVec2(r.x + m.body_px * 0.5f + icon * 0.5f, r.y + r.h * 0.5f), icon * 0.8f,
                      to_imgui(colours.text));
        }
    }
    if (paged) {
        const std::string label = ctx.text("common.more") + "  " + std::to_string(page_ + 1) + " / " + std::to_string(pages);
        const core::Rect r{area.x, area.bottom() - m.control_min_h, area.w, m.control_min_h};
        if (ui.button({"flow.more", r, Icon::Forward, label})) {
            page_ = (page_ + 1) % pages;
            ctx.actions.redraw();
        }
    }
}

// ---------------------------------------------------------------- summary

namespace {

// The QR code as dark squares on a white square with its quiet zone.
void draw_qr(FrameUi& ui, const core::QrCode& qr, core::Rect r);

}  // namespace

void FlowSummaryScreen::draw_content(ScreenContext& ctx, core::Rect area) {
    FrameUi& ui = ctx.ui;
    const Metrics& m = ui.metrics();
    const FlowPage* p = page(ctx);
    if (!p) return;
    area = draw_heading(ctx, area);

    // The actions sit at the bottom of the content, big, side by side.
    float bottom = area.bottom();
    if (!p->actions.empty()) {
        const float action_h = std::max(m.control_min_h, m.body_px * 2.8f);
        const int n = static_cast<int>(p->actions.size());
        // Side by side where every label fits its share of the width; else one above the other.
        float widest = 0;
        for (const FlowItem& a : p->actions) widest = std::max(widest, ui.row_button_width(a.label, a.icon));
        const int columns = widest <= (area.w - m.gap * 1.5f * static_cast<float>(n - 1)) / static_cast<float>(n) ? n : 1;
        const int rows = (n + columns - 1) / columns;
        const float block_h = action_h * rows + m.gap * (rows - 1);
        const auto cells = grid_cells(core::Rect{area.x, bottom - block_h, area.w, block_h}, n, m.gap * 1.5f, columns);
        for (int i = 0; i < n; ++i) {
            const FlowItem& a = p->actions[static_cast<std::size_t>(i)];
            if (ui.button({a.id, cells[static_cast<std::size_t>(i)], a.icon, a.label, a.caption, a.style})) ctx.actions.flow_choose(a.id);
        }
        bottom -= block_h + m.gap;
    }
    if (!p->note.empty()) {
        const float h = ui.text_height(p->note, TextRole::Body, area.w);
        // An optional note stays only where the lines (in one or two columns) still fit.
        float lines_h = 0;
        for (const FlowLine& l : p->lines)
            lines_h += std::max(ui.text_height(l.label, TextRole::Body, m.body_px * 5.0f),
                                ui.text_height(l.value, TextRole::Body, (area.w - m.gap * 2) * 0.5f - m.body_px * 5.0f - m.gap)) +
                       m.gap * 0.5f;
        const bool lines_fit = lines_h * (p->code.empty() ? 0.5f : 1.0f) + m.body_px * 1.3f <= bottom - h - m.gap - area.y;
        if (!p->note_optional || lines_fit || p->lines.empty()) {
            ui.text("flow.note", core::Rect{area.x, bottom - h, area.w, h}, p->note, TextRole::Body);
            bottom -= h + m.gap;
        }
    }
    // The lines, and beside them (or under them when narrow) the code and its QR code.
    core::Rect lines_area{area.x, area.y, area.w, std::max(0.0f, bottom - area.y)};
    // The label column is as wide as the widest label, so the values keep the room.
    float widest_label = 0;
    for (const FlowLine& l : p->lines) widest_label = std::max(widest_label, ui.row_button_width(l.label, Icon::None) - m.body_px * 1.6f);
    auto label_width = [&](float width) { return std::min(width * 0.35f, widest_label + 2.0f); };
    auto side_by_side = [&](float width) { return width >= label_width(width) + m.gap + m.body_px * 6.0f; };
    auto lines_height = [&](const std::vector<const FlowLine*>& lines, float width) {
        const bool two = side_by_side(width);
        const float label_w = label_width(width);
        float h = 0;
        for (const FlowLine* l : lines)
            h += (two ? std::max(ui.text_height(l->label, TextRole::Body, label_w), ui.text_height(l->value, TextRole::Body, width - label_w - m.gap))
                      : ui.text_height(l->label, TextRole::Body, width) + ui.text_height(l->value, TextRole::Body, width)) +
                 m.gap * 0.5f;
        return h;
    };
    std::vector<const FlowLine*> lines;
    for (const FlowLine& l : p->lines) lines.push_back(&l);

    if (!p->code.empty()) {
        const float code_h = m.title_px * 1.4f;
        // Drawn in title type: measured in body type, scaled up (with room to spare).
        const float code_w = ui.row_button_width(p->code, Icon::None) * m.title_px / m.body_px;
        const float qr_most = m.body_px * 6.5f, qr_least = m.body_px * 2.5f;
        const bool beside = lines_area.w >= std::max(qr_most, code_w) + m.body_px * 16.0f;
        core::Rect block;
        float side = 0;
        if (beside) {
            const float block_w = std::max(qr_most, code_w);
            side = std::min(lines_area.h - code_h - m.gap, qr_most);
            block = core::Rect{lines_area.right() - block_w, lines_area.y, block_w, lines_area.h};
            lines_area.w -= block_w + m.gap * 1.5f;
        } else {
            // Under the lines: the QR code takes what the lines leave, or stays off.
            const float left = lines_area.h - lines_height(lines, lines_area.w) - m.gap;
            side = std::min(left - code_h - m.gap * 0.5f, qr_most);
            const float block_h = code_h + (side >= qr_least ? side + m.gap * 0.5f : 0.0f);
            block = core::Rect{lines_area.x, lines_area.bottom() - block_h, lines_area.w, block_h};
            lines_area.h = std::max(0.0f, block.y - m.gap - lines_area.y);
        }
        ui.text("flow.code", core::Rect{block.x, block.y, block.w, code_h}, p->code, TextRole::Title, Align::Centre);
        if (p->qr && side >= qr_least)
            draw_qr(ui, *p->qr, core::Rect{block.x + (block.w - side) * 0.5f, block.y + code_h + m.gap * 0.5f, side, side});
    }
    // One column of lines; two side by side where one is too tall and the width allows;
    // where they still do not fit, the optional lines give way, last first.
    const float two_col_w = (lines_area.w - m.gap * 2) * 0.5f;
    const bool can_split = side_by_side(two_col_w);
    auto height_in = [&](const std::vector<const FlowLine*>& ls, bool split) {
        if (!split) return lines_height(ls, lines_area.w);
        const std::size_t half = (ls.size() + 1) / 2;
        const std::vector<const FlowLine*> left(ls.begin(), ls.begin() + static_cast<std::ptrdiff_t>(half));
        const std::vector<const FlowLine*> right(ls.begin() + static_cast<std::ptrdiff_t>(half), ls.end());
        return std::max(lines_height(left, two_col_w), lines_height(right, two_col_w));
    };
    bool split = false;
    auto fits = [&] {
        if (height_in(lines, false) <= lines_area.h + 0.5f) {
            split = false;
            return true;
        }
        split = can_split && height_in(lines, true) <= lines_area.h + 0.5f;
        return split;
    };
    for (auto it = lines.end(); !fits() && it != lines.begin();) {
        --it;
        if ((*it)->optional) it = lines.erase(it);
    }
    auto draw_lines = [&](const std::vector<const FlowLine*>& ls, core::Rect r) {
        // Label beside value when wide; label above value when narrow.
        float y = r.y;
        const float label_w = label_width(r.w);
        const bool two_columns = side_by_side(r.w);
        for (const FlowLine* line_ptr : ls) {
            const FlowLine& line = *line_ptr;
            const std::string id = "flow.line." + std::to_string(line_ptr - p->lines.data());
            if (two_columns) {
                const float value_w = r.w - label_w - m.gap;
                const float h = std::max(ui.text_height(line.label, TextRole::Body, label_w), ui.text_height(line.value, TextRole::Body, value_w));
                const float room = std::max(0.0f, std::min(h, r.bottom() - y));
                ui.text(id + ".label", core::Rect{r.x, y, label_w, room}, line.label, TextRole::Body);
                ui.text(id, core::Rect{r.x + label_w + m.gap, y, value_w, room}, line.value, TextRole::Body);
                y += h + m.gap * 0.5f;
            } else {
                const float lh = ui.text_height(line.label, TextRole::Body, r.w);
                const float vh = ui.text_height(line.value, TextRole::Body, r.w);
                ui.text(id + ".label", core::Rect{r.x, y, r.w, std::max(0.0f, std::min(lh, r.bottom() - y))}, line.label, TextRole::Body);
                y += lh;
                ui.text(id, core::Rect{r.x, y, r.w, std::max(0.0f, std::min(vh, r.bottom() - y))}, line.value, TextRole::Body);
                y += vh + m.gap * 0.5f;
            }
        }
    };
    if (!split) {
        draw_lines(lines, lines_area);
    } else {
        const std::size_t half = (lines.size() + 1) / 2;
        draw_lines({lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(half)}, core::Rect{lines_area.x, lines_area.y, two_col_w, lines_area.h});
        draw_lines({lines.begin() + static_cast<std::ptrdiff_t>(half), lines.end()},
                   core::Rect{lines_area.x + two_col_w + m.gap * 2, lines_area.y, two_col_w, lines_area.h});
    }
}

// ---------------------------------------------------------------- record

void RecordScreen::draw_content(ScreenContext& ctx, core::Rect area) {
    FrameUi& ui = ctx.ui;
    const Metrics& m = ui.metrics();
    const FlowPage* p = page(ctx);
    if (!p) return;
    area = draw_heading(ctx, area);
    // The seconds, and a bar that fills with the voice, so the senior sees it hears them.
    const float status_h = m.body_px * 1.3f;
    if (p->recording || p->seconds > 0) {
        const int s = static_cast<int>(std::floor(p->seconds));
        const int limit = static_cast<int>(p->limit_seconds);
        const std::string status = std::to_string(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + std::to_string(s % 60) + " / " +
                                   std::to_string(limit / 60) + ":" + (limit % 60 < 10 ? "0" : "") + std::to_string(limit % 60);
        ui.text("record.time", core::Rect{area.x, area.y, area.w, status_h}, status, TextRole::Body, Align::Centre);
        if (p->recording) {
            const float bar_w = std::min(area.w, m.body_px * 12.0f);
            const float x = area.x + (area.w - bar_w) * 0.5f;
            const float y = area.y + status_h + m.gap * 0.25f;
            const float bh = m.body_px * 0.4f;
            ImDrawList& d = ui.draw_list();
            d.AddRect(ImVec2(x, y), ImVec2(x + bar_w, y + bh), to_imgui(ui.palette().border), m.rounding * 0.3f, 0, m.border);
            d.AddRectFilled(ImVec2(x, y), ImVec2(x + bar_w * std::clamp(p->level, 0.0f, 1.0f), y + bh), to_imgui(ui.palette().focus_ring),
                            m.rounding * 0.3f);
        }
    }
    const float top = area.y + status_h + m.body_px * 0.4f + m.gap;
    const core::Rect rest{area.x, top, area.w, std::max(0.0f, area.bottom() - top)};
    // The actions (record / stop, play back, record again) as big buttons.
    const int n = static_cast<int>(p->actions.size());
    if (n == 0) return;
    const float h = std::min(rest.h, std::max(m.control_min_h * 1.5f, m.body_px * 4.0f));
    const int columns = rest.w >= n * m.body_px * 7.0f ? n : 1;
    const int rows = (n + columns - 1) / columns;
    const float row_h = std::min(h, (rest.h - m.gap * (rows - 1)) / rows);
    const auto cells = grid_cells(centred(rest, rest.w, row_h * rows + m.gap * (rows - 1)), n, m.gap * 1.5f, columns);
    for (int i = 0; i < n; ++i) {
        const FlowItem& a = p->actions[static_cast<std::size_t>(i)];
        if (ui.button({a.id, cells[static_cast<std::size_t>(i)], a.icon, a.label, a.caption, a.style, ButtonShape::Option}))
            ctx.actions.flow_choose(a.id);
    }
}

// ---------------------------------------------------------------- PIN

void PinEntryScreen::draw_content(ScreenContext& ctx, core::Rect area) {
    FrameUi& ui = ctx.ui;
    const Metrics& m = ui.metrics();
    area = draw_heading(ctx, area);
    const std::size_t typed = ctx.visitor.pin_length;
    std::string dots;
    for (std::size_t i = 0; i < digits_; ++i) dots += i < typed ? "● " : "○ ";
    const float shown_h = m.title_px * 1.3f;
    ui.text("pin.dots", core::Rect{area.x, area.y, area.w, shown_h}, dots, TextRole::Title, Align::Centre);
    const float top = area.y + shown_h + m.gap;
    const core::Rect pad{area.x, top, area.w, std::max(0.0f, area.bottom() - top)};
    const bool phone_style = pad.h >= m.control_min_h * 4 + m.gap * 3;
    const int columns = phone_style ? 3 : 5, rows = phone_style ? 4 : 2;
    const float key_h = std::min(m.control_min_h * 1.25f, (pad.h - m.gap * (rows - 1)) / rows);
    const float key_w = std::min(m.control_min_h * 2.2f, (pad.w - m.gap * (columns - 1)) / columns);
    const auto cells = grid_cells(centred(pad, key_w * columns + m.gap * (columns - 1), key_h * rows + m.gap * (rows - 1)), rows * columns,
                                  m.gap, columns);
    const std::string keys = phone_style ? "123456789 0 " : "1234567890";
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] == ' ') continue;
        const std::string id = std::string("pin.key.") + keys[i];
        if (ui.button({id, cells[i], Icon::None, std::string(1, keys[i]), "", ButtonStyle::Plain, ButtonShape::Key}))
            ctx.actions.flow_choose(id);
    }
}

namespace {

void draw_qr(FrameUi& ui, const core::QrCode& qr, core::Rect r) {
    const int modules = qr.size() + 8;  // four modules of quiet zone each side
    const float cell = std::floor(r.w / static_cast<float>(modules));
    if (cell < 1.0f) return;
    const float side = cell * static_cast<float>(modules);
    const float x0 = r.x + (r.w - side) * 0.5f, y0 = r.y + (r.h - side) * 0.5f;
    ImDrawList& d = ui.draw_list();
    d.AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + side, y0 + side), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < qr.size(); ++y)
        for (int x = 0; x < qr.size(); ++x)
            if (qr.dark(x, y)) {
                const float px = x0 + cell * static_cast<float>(x + 4), py = y0 + cell * static_cast<float>(y + 4);
                d.AddRectFilled(ImVec2(px, py), ImVec2(px + cell, py + cell), IM_COL32(0, 0, 0, 255));
            }
    WidgetRecord record;
    record.id = "flow.qr";
    record.rect = core::Rect{x0, y0, side, side};
    ui.record(std::move(record));
}

}  // namespace

}  // namespace qiao::ui
