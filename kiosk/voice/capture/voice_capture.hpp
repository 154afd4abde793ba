#pragma once
// VoiceCapture: where recorded sound comes from (a senior's spoken help message).
//  - SdlVoiceCapture: the station's microphone (SDL audio capture, 16 kHz mono S16; SDL
//    calls back on its own thread).
//  - FileVoiceCapture: a WAV or OGG file played in as if spoken, for tours and tests:
//    at real-time pace from start() (a tour that waits 2 s gets 2 s of the file), then
//    silence. Unpaced, the whole file arrives at the first drain().
//  - "none": a station without a microphone; start() says so.
// The recorder (voice_recorder.hpp) encodes and stores what a capture delivers.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace qiao::voice {

// The rate every capture delivers: speech needs no more, and the file stays small.
inline constexpr int kCaptureSampleRate = 16000;

class CaptureError : public std::runtime_error {
public:
    enum class Kind {
        NoMicrophone,  // none plugged in (or none configured): offer "send without a message"
        Busy,          // there is one, but it will not open (another program holds it)
        Failed,        // anything else (a test file that cannot be decoded ...)
    };
    CaptureError(Kind kind, std::string message) : std::runtime_error(std::move(message)), kind_(kind) {}
    Kind kind() const noexcept { return kind_; }

private:
    Kind kind_;
};

class VoiceCapture {
public:
    virtual ~VoiceCapture() = default;
    virtual int sample_rate() const = 0;
    // Opens the source and starts taking sound; throws CaptureError. Starting again
    // while started starts afresh.
    virtual void start() = 0;
    // Closes the source; what was captured and not drained is dropped. Safe when stopped.
    virtual void stop() = 0;
    // Appends what was captured since the last call (mono, sample_rate()). Thread-safe.
    virtual void drain(std::vector<std::int16_t>& out) = 0;
    virtual std::string describe() const = 0;  // for the log: "SDL capture: pulseaudio default microphone"
};

// The default SDL capture device. Starts SDL's audio subsystem (and quits it when
// destroyed); start() throws CaptureError NoMicrophone when SDL lists no capture
// device, Busy when one is listed but will not open.
std::unique_ptr<VoiceCapture> make_sdl_voice_capture();
// A WAV or OGG file (decoded by the clip loader at start(), which throws CaptureError
// NoMicrophone when the file is missing, Failed when it cannot be decoded).
std::unique_ptr<VoiceCapture> make_file_voice_capture(const std::filesystem::path& file, bool paced = true);
// start() throws CaptureError NoMicrophone.
std::unique_ptr<VoiceCapture> make_no_voice_capture();

// "" or "sdl": make_sdl_voice_capture(); "file:PATH": make_file_voice_capture(PATH);
// "none": make_no_voice_capture(). Anything else: std::invalid_argument with a plain
// message. (The config key "microphone" takes the same words.)
std::unique_ptr<VoiceCapture> make_voice_capture(const std::string& spec);

}  // namespace qiao::voice
