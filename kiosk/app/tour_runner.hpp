#pragma once
// TourRunner: walks a TourScript through a running Kiosk, as a person would: taps land
// on widgets found by id in the frame that was last drawn. A failed step throws
// TourFailure naming the step and what was on screen.
#include <filesystem>
#include <stdexcept>
#include <string>

#include "app/kiosk.hpp"
#include "core/tour/tour_script.hpp"

namespace qiao::app {

class TourFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct TourReport {
    int steps = 0;
    int shots = 0;
    std::string summary;  // figures measured along the way, one line
};

class TourRunner {
public:
    TourRunner(Kiosk& kiosk, std::filesystem::path shots_dir) : kiosk_(kiosk), shots_dir_(std::move(shots_dir)) {}
    TourReport run(const core::TourScript& tour);

private:
    void step(const core::TourStep& s);
    [[noreturn]] void fail(const core::TourStep& s, const std::string& what) const;
    std::string on_screen() const;
    const ui::WidgetRecord& widget(const core::TourStep& s, const std::string& id);
    void tap_centre(const core::TourStep& s, const std::string& id);
    void tap_at(float x, float y);  // finger down and up, at a person's pace

    Kiosk& kiosk_;
    std::filesystem::path shots_dir_;
    std::string tour_name_;
    int shots_ = 0;
    float press_x_ = 0, press_y_ = 0;  // where the finger of press/slide/release is
};

}  // namespace qiao::app
