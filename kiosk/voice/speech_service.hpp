#pragma once
// SpeechService: says things without ever blocking the UI thread.
//  - say() returns at once; a worker thread synthesizes (or loads the clip) and hands
//    the sound to the sink. A new say() cuts off the one before, even mid-synthesis.
//  - Sounds are cached by (voice, rate, text) or clip path, so "listen again" starts
//    sounding within a few milliseconds; prepare() warms the cache for a screen's
//    prompts in the background.
//  - Voice off: say() records what would have been said (history) but plays nothing.
//  - history() keeps what was said, for tours and tests ("expect-said").
//  - wake_ui is called (from worker/sink threads) whenever speaking() changes, so the
//    UI loop can redraw without polling (it does SDL_PushEvent).
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "core/log.hpp"
#include "core/time/clock.hpp"
#include "voice/audio_sink.hpp"
#include "voice/synthesizer.hpp"

namespace qiao::voice {

struct Utterance {
    std::string text;                  // what to say (and what history records)
    std::string voice = "cmn";         // espeak-ng voice
    int rate_wpm = 130;
    std::filesystem::path clip;        // a recorded clip to play instead, if not empty
};

struct SaidRecord {
    std::uint64_t id = 0;
    std::string text;
    std::string voice;
    bool from_clip = false;
    bool voice_off = false;                          // recorded only, nothing played
    core::TimePoint requested{};
    std::optional<core::TimePoint> first_sample;     // when sound started
    bool cache_hit = false;
    enum class End { Pending, Completed, CutOff, Failed } end = End::Pending;
    std::string error;                               // when Failed
};

class SpeechService {
public:
    SpeechService(std::unique_ptr<Synthesizer> synthesizer, std::unique_ptr<AudioSink> sink,
                  core::Log& log, std::function<void()> wake_ui = {});
    ~SpeechService();  // stops the worker and the sink
    SpeechService(const SpeechService&) = delete;
    SpeechService& operator=(const SpeechService&) = delete;

    std::uint64_t say(Utterance utterance);
    void prepare(std::vector<Utterance> utterances);
    void stop();

    void set_enabled(bool enabled);
    bool enabled() const;
    bool speaking() const;    // a sound is being prepared or played
    bool idle() const;        // nothing speaking and no preparation queued

    std::vector<SaidRecord> history() const;
    std::optional<SaidRecord> last_said() const;
    void clear_history();

    std::size_t cache_size() const;
    const AudioSink& sink() const { return *sink_; }

private:
    // (implementation detail; see speech_service.cpp)
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::unique_ptr<AudioSink> sink_;
};

}  // namespace qiao::voice
