#include "app/flow_speech.hpp"

#include <algorithm>

namespace qiao::app {

FlowSpeech::FlowSpeech(const std::string& language)
    : comma_(language == "en" ? ", " : "，"), stop_(language == "en" ? ". " : "。") {}

std::string FlowSpeech::items(const std::vector<ui::FlowItem>& items) const {
    std::string out;
    for (std::size_t i = 0; i < std::min<std::size_t>(items.size(), 5); ++i)
        out += (items[i].spoken.empty() ? items[i].label : items[i].spoken) + comma_ + items[i].caption + stop_;
    return out;
}

std::string FlowSpeech::lines(const std::vector<ui::FlowLine>& lines) const {
    std::string out;
    for (const ui::FlowLine& l : lines) out += l.label + comma_ + (l.spoken.empty() ? l.value : l.spoken) + stop_;
    return out;
}

}  // namespace qiao::app
