#pragma once
// The booking slip printers a site can be set up with (config slip_printer):
//   "" or "none"  no printer: the slip is only shown on screen;
//   "png:DIR"     each slip becomes DIR/slip-<code>.png (A6 at 300 dpi, 1240x1748);
//   "pdf:DIR"     each slip becomes DIR/slip-<code>.pdf (one A6 portrait page, 105x148 mm).
// PNG and PDF are what we test with, and what a site prints from: a print queue or a
// person picks the files up from the folder. Both draw the same large-print layout with
// cairo, in the CJK font the kiosk draws with.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/print/slip.hpp"

namespace qiao::app {

// No printer at the site. Keeps the last slip, so tests can see what would have printed.
class NoSlipPrinter final : public core::SlipPrinter {
public:
    void print(const core::Slip& slip) override {
        ++printed_;
        last_ = slip;
    }
    std::string describe() const override { return "no printer"; }

    int printed() const { return printed_; }
    const std::optional<core::Slip>& last() const { return last_; }

private:
    int printed_ = 0;
    std::optional<core::Slip> last_;
};

// A bad spec throws std::invalid_argument with a plain message. For png: and pdf:, DIR
// is created if missing and the font (font_file, face face_index of a .ttc collection) is
// loaded now; either failing throws core::PrintError. "none" needs no font.
std::unique_ptr<core::SlipPrinter> make_slip_printer(const std::string& spec, const std::filesystem::path& font_file,
                                                     int face_index = 0);

}  // namespace qiao::app
