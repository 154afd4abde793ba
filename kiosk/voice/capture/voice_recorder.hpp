#pragma once
// VoiceRecorder: a senior's spoken help message, from the big record button to a small
// Ogg Vorbis file (mono, 16 kHz, about 2-4 KB a second) the help request can carry.
//
//   recorder.start();                 // tap "record" (CaptureError: no microphone ...)
//   each frame: if (recorder.poll()) ...limit reached...; show level() and seconds()
//   path = recorder.finish();         // tap "done" (or after the limit)
//   recorder.cancel();                // tap "don't send"
//   delete_recording(path); start()   // "record again"
//
// Sound is encoded as it arrives (poll()), so "done" costs no pause. Everything runs on
// the caller's thread (the UI's); only the capture has a thread of its own. Poll at
// least a few times a second while recording(): the screen's level meter needs it
// anyway, and the limit is noticed at a poll.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "voice/capture/durable_write.hpp"
#include "voice/capture/ogg_vorbis_encoder.hpp"
#include "voice/capture/voice_capture.hpp"

namespace qiao::voice {

class RecordingError : public std::runtime_error {
public:
    enum class Kind {
        DiskFull,     // no room left: the request can still go without the message
        CannotWrite,  // the folder is missing or read-only, or another write error
        Nothing,      // under half a second was heard: nothing worth sending
    };
    RecordingError(Kind kind, std::string message) : std::runtime_error(std::move(message)), kind_(kind) {}
    Kind kind() const noexcept { return kind_; }

private:
    Kind kind_;
};

class VoiceRecorder {
public:
    // folder: where finished recordings go (created when the first one is written).
    VoiceRecorder(std::unique_ptr<VoiceCapture> capture, std::filesystem::path folder,
                  std::chrono::seconds limit = std::chrono::seconds(60));
    // The same, opening each .part file with open_output (tests: a disk that is full).
    VoiceRecorder(std::unique_ptr<VoiceCapture> capture, std::filesystem::path folder, std::chrono::seconds limit,
                  OpenForWriting open_output);
    ~VoiceRecorder();
    VoiceRecorder(const VoiceRecorder&) = delete;
    VoiceRecorder& operator=(const VoiceRecorder&) = delete;

    // Starts a new recording, dropping one kept after a failed finish(). Throws
    // CaptureError and then nothing changes; std::logic_error while recording().
    void start();
    // From start() until finish() or cancel(). It stays true after the limit stopped the
    // microphone, so a caller that finishes "while recording" still finishes that one.
    bool recording() const { return recording_; }
    // Seconds recorded so far, or of the last recording once stopped or finished; 0
    // after cancel().
    double seconds() const;
    // Of those, the seconds that were loud enough to be a voice (see finish()).
    double heard_seconds() const;
    // 0..1 loudness of the last ~100 ms (0 below -60 dBFS, 1 at -10 dBFS and above, in
    // between by decibels, as the ear hears), so the screen can show it hears them. 0
    // while the microphone is off.
    float level() const;
    // Takes what the capture has; true once the limit was reached: the microphone then
    // stops by itself, and poll() keeps answering true until finish() or cancel().
    bool poll();
    // Stops and writes <folder>/<32 hex>.ogg (as .part, fsynced, renamed) and returns its
    // path; recording() is false after it, however it ends. Throws RecordingError,
    // leaving no file behind: Nothing when under 0.5 s was heard (the recording is
    // dropped), DiskFull (ENOSPC, EDQUOT) or CannotWrite otherwise; after those two the
    // recording is kept, and finish() may be tried again (start() drops it).
    std::filesystem::path finish();
    // Stops and keeps nothing.
    void cancel();
    std::string describe_source() const;

private:
    void take(const std::vector<std::int16_t>& samples);
    void stop_capture();
    void drop();

    std::unique_ptr<VoiceCapture> capture_;
    std::filesystem::path folder_;
    std::size_t limit_samples_;
    OpenForWriting open_output_;
    int rate_;

    std::unique_ptr<OggVorbisEncoder> encoder_;  // null when nothing is held
    bool recording_ = false;   // see recording()
    bool capturing_ = false;   // the microphone is on
    bool limit_reached_ = false;
    std::size_t samples_ = 0;        // recorded (the last recording's once stopped)
    std::size_t heard_frames_ = 0;   // 20 ms frames loud enough to be a voice
    double frame_energy_ = 0.0;      // the frame being summed
    std::size_t frame_fill_ = 0;
    std::vector<std::int16_t> recent_;  // the last ~100 ms, for level()
    std::vector<std::int16_t> scratch_;
};

// Removes a recording (for "record again" and "don't send"); a missing file, or any
// error, is ignored: the worst case is a file the help desk never sends.
void delete_recording(const std::filesystem::path& file) noexcept;

}  // namespace qiao::voice
