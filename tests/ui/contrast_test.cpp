#include <doctest/doctest.h>

#include "ui/contrast.hpp"
#include "ui/theme.hpp"

using namespace qiao::ui;

TEST_CASE("contrast ratios match WCAG's reference values") {
    CHECK(contrast_ratio({0, 0, 0}, {255, 255, 255}) == doctest::Approx(21.0));
    CHECK(contrast_ratio({255, 255, 255}, {255, 255, 255}) == doctest::Approx(1.0));
    CHECK(contrast_ratio({0x76, 0x76, 0x76}, {255, 255, 255}) == doctest::Approx(4.54).epsilon(0.01));
}

TEST_CASE("every button style, pressed or not, and the page text reach 7:1") {
    const Palette p;
    CHECK(contrast_ratio(p.text, p.page) >= 7.0);
    CHECK(contrast_ratio(p.muted_text, p.page) >= 7.0);
    for (auto style : {ButtonStyle::Learn, ButtonStyle::Book, ButtonStyle::Help, ButtonStyle::Plain, ButtonStyle::Selected,
                       ButtonStyle::Primary})
        for (bool pressed : {false, true}) {
            const ColourPair c = p.button(style, pressed);
            CHECK(contrast_ratio(c.text, c.background) >= 7.0);
        }
}

TEST_CASE("sizes follow the window's short side and the chosen text size") {
    const Metrics normal = compute_metrics(1920, 1080, qiao::core::TextSize::Normal);
    CHECK(normal.body_px >= 40.0f);
    CHECK(normal.control_min_h >= 120.0f);
    CHECK(normal.gap >= 24.0f);
    const Metrics largest = compute_metrics(1920, 1080, qiao::core::TextSize::Largest);
    CHECK(largest.body_px > normal.body_px * 1.4f);
    const Metrics portrait = compute_metrics(800, 1280, qiao::core::TextSize::Normal);
    CHECK(portrait.scale == doctest::Approx(800.0f / 1080.0f));
    CHECK(portrait.body_px >= 40.0f * portrait.scale);
}
