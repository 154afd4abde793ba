#pragma once
// Text/background contrast as WCAG defines it (relative luminance of sRGB colours).
// Qiao asks 7:1 for all text (WCAG AAA, 1.4.6).
#include <cstdint>

namespace qiao::ui {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
};

double relative_luminance(Rgb c);
double contrast_ratio(Rgb a, Rgb b);

}  // namespace qiao::ui
