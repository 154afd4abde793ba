#pragma once
// AudioSink: where sound goes. Playing a new sound cuts off the one playing.
//  - SdlAudioSink: the station's speaker (SDL audio, its own callback thread).
//  - NullAudioSink: no device (CI, a server): consumes samples at real-time pace so
//    "speaking" lasts as long as it would, and remembers when each sound started.
//  - WavFileSink: writes each sound to <dir>/NNNN.wav so a person can listen to what
//    the kiosk said; also paced in real time.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/time/clock.hpp"
#include "voice/pcm.hpp"

namespace qiao::voice {

class AudioSink {
public:
    // Called when the first sample of a sound goes out, and when a sound finishes
    // (completed=true) or is cut off (completed=false); exactly one finished() per
    // sound played. A natural end is reported from the sink's own thread, a cut-off
    // from the thread calling play()/stop() (before it returns); SDL reports started()
    // from its audio thread, the null and WAV sinks from play(). Callbacks may run
    // concurrently and out of order across sounds: match them by sound_id, and never
    // call the sink's play()/stop() from inside one.
    struct Callbacks {
        std::function<void(std::uint64_t sound_id, core::TimePoint when)> started;
        std::function<void(std::uint64_t sound_id, bool completed)> finished;
    };

    virtual ~AudioSink() = default;
    virtual void set_callbacks(Callbacks callbacks) = 0;
    // Starts playing sound (cutting off whatever plays); sound_id is the caller's.
    virtual void play(std::uint64_t sound_id, SharedPcm sound) = 0;
    // Stops at once; the sound playing (if any) is reported finished(false).
    virtual void stop() = 0;
    virtual bool playing() const = 0;
    // Nothing has played for a while: let go of the device (SDL keeps feeding silence
    // to an open device, waking ~22 times a second, and the sound server cannot
    // suspend the card). The next play() takes it again. Ignored while playing.
    virtual void rest() {}
    virtual std::string describe() const = 0;  // "SDL audio: <device>", "null", "wav: <dir>"
};

// Throws voice::SpeechError (synthesizer.hpp) when no device can be opened.
std::unique_ptr<AudioSink> make_sdl_audio_sink(int sample_rate);
std::unique_ptr<AudioSink> make_null_audio_sink();
std::unique_ptr<AudioSink> make_wav_file_sink(const std::filesystem::path& dir);

// "" -> SDL (falls back to null with a reason when no device opens), "null", "wav:DIR".
struct SinkChoice {
    std::unique_ptr<AudioSink> sink;
    std::string note;  // why a fallback was taken, for the log; empty otherwise
};
SinkChoice make_audio_sink(const std::string& spec, int sample_rate);

}  // namespace qiao::voice
