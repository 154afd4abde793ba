#include "ui/identity/phone_entry_screen.hpp"

#include <algorithm>
#include <cmath>

#include "core/identity/phone_number.hpp"
#include "ui/grid_layout.hpp"

namespace qiao::ui {

void PhoneEntryScreen::draw_content(ScreenContext& ctx, core::Rect area) {
    FrameUi& ui = ctx.ui;
    const Metrics& m = ui.metrics();
    // What was typed, in groups, large: the one moment the whole number is shown.
    const std::string& digits = ctx.visitor.phone_digits;
    std::string shown = core::grouped_phone(digits);
    shown += std::string(core::kPhoneDigits > digits.size() ? core::kPhoneDigits - digits.size() : 0, '_');
    // Whose number: said aloud too, and written here when it is someone else's.
    if (ctx.visitor.phone_for_someone_else) {
        const std::string& whose = ctx.text("phone.for_other");
        const float h = ui.text_height(whose, TextRole::Body, area.w);
        ui.text("phone.whose", core::Rect{area.x, area.y, area.w, h}, whose, TextRole::Body, Align::Centre);
        area = core::Rect{area.x, area.y + h, area.w, std::max(0.0f, area.h - h)};
    }
    const float shown_h = m.title_px * 1.3f;
    ui.text("phone.digits", core::Rect{area.x, area.y, area.w, shown_h}, shown, TextRole::Title, Align::Centre);

    // Ten digits: three by four as on a phone (0 alone in the middle of the last row)
    // where the height allows, else five by two.
    const float top = area.y + shown_h + m.gap;
    const core::Rect pad_area{area.x, top, area.w, area.bottom() - top};
    const float phone_style_h = m.control_min_h * 4 + m.gap * 3;
    const bool phone_style = pad_area.h >= phone_style_h;
    const int columns = phone_style ? 3 : 5;
    const int rows = phone_style ? 4 : 2;
    const float key_h = std::min(m.control_min_h * 1.25f, (pad_area.h - m.gap * static_cast<float>(rows - 1)) / static_cast<float>(rows));
    const float key_w = std::min(m.control_min_h * 2.2f, (pad_area.w - m.gap * static_cast<float>(columns - 1)) / static_cast<float>(columns));
    const float grid_w = key_w * static_cast<float>(columns) + m.gap * static_cast<float>(columns - 1);
    const float grid_h = key_h * static_cast<float>(rows) + m.gap * static_cast<float>(rows - 1);
    const auto cells = grid_cells(centred(pad_area, grid_w, grid_h), rows * columns, m.gap, columns);
    const std::string keys = phone_style ? "123456789 0 " : "1234567890";
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const char key = keys[i];
        if (key == ' ') continue;
        if (ui.button({std::string("phone.key.") + key, cells[i], Icon::None, std::string(1, key), "", ButtonStyle::Plain,
                       ButtonShape::Key}))
            ctx.actions.phone_key(key);
    }
}

std::vector<BarButton> PhoneEntryScreen::bottom_bar(const ScreenContext& ctx) const {
    return {{"common.back", Icon::Back, ctx.text("common.back")},
            {"phone.delete", Icon::Cross, ctx.text("phone.delete")},
            {"phone.done", Icon::Check, ctx.text("phone.done"), ButtonStyle::Primary}};
}

void PhoneEntryScreen::on_bar_button(ScreenContext& ctx, std::string_view id) {
    if (id == "phone.delete") ctx.actions.phone_key('<');
    if (id == "phone.done") ctx.actions.phone_done();
}

void PhoneCheckScreen::draw_content(ScreenContext& ctx, core::Rect area) {
    FrameUi& ui = ctx.ui;
    const Metrics& m = ui.metrics();
    const std::string number = core::grouped_phone(ctx.visitor.phone_digits);
    const float number_h = m.title_px * 1.3f;
    const float buttons_h = std::min(m.control_min_h * 1.6f, area.h - number_h - m.gap * 2);
    const float y = area.y + std::max(0.0f, (area.h - number_h - m.gap * 2 - buttons_h) * 0.5f);
    ui.text("phone.digits", core::Rect{area.x, y, area.w, number_h}, number, TextRole::Title, Align::Centre);
    const auto cells = grid_cells(core::Rect{area.x, y + number_h + m.gap * 2, area.w, buttons_h}, 2, m.gap * 1.5f, 2);
    if (ui.button({"phone.yes", cells[0], Icon::Check, ctx.text("phone.yes"), "", ButtonStyle::Primary})) ctx.actions.phone_confirm(true);
    if (ui.button({"phone.fix", cells[1], Icon::Back, ctx.text("phone.fix")})) ctx.actions.phone_confirm(false);
}

}  // namespace qiao::ui
