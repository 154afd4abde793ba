#pragma once
// FlowSpeech: how a Book or Help page is read aloud: its cards ("label, caption.") and
// its summary lines ("label, value."), with the language's own comma and full stop.
#include <string>
#include <vector>

#include "ui/flow/flow_page.hpp"

namespace qiao::app {

class FlowSpeech {
public:
    explicit FlowSpeech(const std::string& language);
    // The first five cards: a long list is there to look at, not to listen to.
    std::string items(const std::vector<ui::FlowItem>& items) const;
    std::string lines(const std::vector<ui::FlowLine>& lines) const;
    const std::string& stop() const { return stop_; }

private:
    std::string comma_, stop_;
};

}  // namespace qiao::app
