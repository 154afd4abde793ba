#pragma once
// PacedAudioSink (private to qiao_voice): the common part of the sinks that have no
// device (NullAudioSink, WavFileSink). A sound "plays" for as long as it lasts, timed by
// the sink's own thread, so speaking() behaves as with a real speaker. started() fires
// at once from play(); finished(true) from the sink's thread when the sound's time is
// up; finished(false) from play()/stop() when a sound is cut off.
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "voice/audio_sink.hpp"

namespace qiao::voice {

class PacedAudioSink : public AudioSink {
public:
    PacedAudioSink();
    ~PacedAudioSink() override;
    PacedAudioSink(const PacedAudioSink&) = delete;
    PacedAudioSink& operator=(const PacedAudioSink&) = delete;

    void set_callbacks(Callbacks callbacks) override;
    void play(std::uint64_t sound_id, SharedPcm sound) override;
    void stop() override;
    bool playing() const override;

protected:
    // Called from play() before the sound starts (the WAV sink writes its file here).
    virtual void on_play(std::uint64_t /*sound_id*/, const Pcm& /*sound*/) {}

private:
    void run();

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::shared_ptr<const Callbacks> callbacks_ = std::make_shared<const Callbacks>();
    SharedPcm current_;
    std::uint64_t current_id_ = 0;
    core::TimePoint ends_at_{};
    bool quit_ = false;
    std::thread thread_;  // last: started once everything above exists
};

}  // namespace qiao::voice
