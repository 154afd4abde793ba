// FileVoiceCapture: a WAV or OGG file delivered as if someone spoke it into the
// microphone. Paced, drain() hands out what a microphone would have heard by now (by
// the steady clock since start()), and silence once the file is over, so a scripted
// tour that waits 2 s records 2 s. Unpaced (tests), the whole file comes at the first
// drain() and nothing after.
#include <algorithm>
#include <chrono>
#include <mutex>

#include "voice/capture/voice_capture.hpp"
#include "voice/clip_loader.hpp"
#include "voice/synthesizer.hpp"  // SpeechError

namespace qiao::voice {
namespace {

class FileVoiceCapture final : public VoiceCapture {
public:
    FileVoiceCapture(std::filesystem::path file, bool paced) : file_(std::move(file)), paced_(paced) {}

    int sample_rate() const override { return kCaptureSampleRate; }

    void start() override {
        std::error_code ec;
        if (!std::filesystem::exists(file_, ec)) {
            throw CaptureError(CaptureError::Kind::NoMicrophone,
                               "the recording that stands in for the microphone, " + file_.string() + ", is not there");
        }
        Pcm sound;
        try {
            sound = load_clip(file_, kCaptureSampleRate);
        } catch (const SpeechError& e) {
            throw CaptureError(CaptureError::Kind::Failed, std::string("cannot use it as the microphone: ") + e.what());
        }
        std::lock_guard lock(mutex_);
        sound_ = std::move(sound.samples);
        started_at_ = std::chrono::steady_clock::now();
        delivered_ = 0;
        running_ = true;
    }

    void stop() override {
        std::lock_guard lock(mutex_);
        running_ = false;
    }

    void drain(std::vector<std::int16_t>& out) override {
        std::lock_guard lock(mutex_);
        if (!running_) return;
        std::size_t due = sound_.size();
        if (paced_) {
            const auto elapsed = std::chrono::steady_clock::now() - started_at_;
            due = static_cast<std::size_t>(std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count() *
                                           kCaptureSampleRate / 1'000'000);
        }
        if (due <= delivered_) return;
        const std::size_t from_file = delivered_ < sound_.size() ? std::min(due, sound_.size()) - delivered_ : 0;
        out.insert(out.end(), sound_.begin() + static_cast<std::ptrdiff_t>(delivered_),
                   sound_.begin() + static_cast<std::ptrdiff_t>(delivered_ + from_file));
        out.insert(out.end(), due - delivered_ - from_file, std::int16_t{0});  // the file is over: silence
        delivered_ = due;
    }

    std::string describe() const override {
        return "file: " + file_.string() + (paced_ ? " (at speaking pace)" : " (all at once)");
    }

private:
    const std::filesystem::path file_;
    const bool paced_;
    std::mutex mutex_;
    std::vector<std::int16_t> sound_;
    std::chrono::steady_clock::time_point started_at_{};
    std::size_t delivered_ = 0;  // samples handed out since start(), silence included
    bool running_ = false;
};

}  // namespace

std::unique_ptr<VoiceCapture> make_file_voice_capture(const std::filesystem::path& file, bool paced) {
    return std::make_unique<FileVoiceCapture>(file, paced);
}

}  // namespace qiao::voice
