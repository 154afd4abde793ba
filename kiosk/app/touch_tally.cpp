#include "app/touch_tally.hpp"

namespace qiao::app {

void TouchTally::tap(const std::string& screen, bool missed) {
    for (auto* counts : {&pending_[screen], &run_[screen]}) {
        ++counts->taps;
        if (missed) ++counts->mis_touches;
    }
}

void TouchTally::flush(core::TouchStats& stats) {
    if (pending_.empty()) return;
    const std::string day = core::local_date_today();
    for (const auto& [screen, counts] : pending_) stats.add(day, screen, counts.taps, counts.mis_touches);
    pending_.clear();
}

TouchTally::Counts TouchTally::run_total(const std::string& screen) const {
    const auto it = run_.find(screen);
    return it == run_.end() ? Counts{} : it->second;
}

}  // namespace qiao::app
