#pragma once
// TouchTally: taps and mis-touches per screen, counted in memory while a visitor uses
// the kiosk and written to the store between frames (never SQL inside a frame).
#include <cstdint>
#include <map>
#include <string>

#include "core/storage/touch_stats.hpp"

namespace qiao::app {

class TouchTally {
public:
    void tap(const std::string& screen, bool missed);
    // Writes what was counted since the last flush and forgets it.
    void flush(core::TouchStats& stats);

    struct Counts {
        std::int64_t taps = 0;
        std::int64_t mis_touches = 0;
    };
    // Everything counted since start (for tours and the log).
    Counts run_total(const std::string& screen) const;

private:
    std::map<std::string, Counts> pending_;
    std::map<std::string, Counts> run_;
};

}  // namespace qiao::app
