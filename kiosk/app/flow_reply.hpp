#pragma once
// FlowReply: what the kiosk should do after a choice in the Book or Help flow.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace qiao::app {

struct FlowReply {
    // Go on to this screen (pushed on the way, so "back" returns).
    std::optional<std::string> go;
    // Or start the way again from home: home > these screens. After something is done
    // (booked, sent) "back" must not lead into the finished form.
    std::optional<std::vector<std::string>> restart;
    bool back = false;            // go back one screen
    std::string say;              // say this; empty: the new screen's prompt is said
    std::filesystem::path clip;   // or play this recording
    bool redraw = true;
    bool hush = false;            // stop speaking (the microphone is about to listen)

    static FlowReply to(std::string screen) {
        FlowReply r;
        r.go = std::move(screen);
        return r;
    }
    static FlowReply saying(std::string words) {
        FlowReply r;
        r.say = std::move(words);
        return r;
    }
};

}  // namespace qiao::app
