// SdlVoiceCapture: the station's microphone through SDL audio capture. SDL converts
// whatever the device gives to 16 kHz mono S16 and hands it to audio_callback() on its
// own thread, which appends it to a buffer under a mutex; drain() empties the buffer.
// The device is held only between start() and stop(), so the microphone light (where
// there is one) is on only while the senior records.
#include <SDL.h>

#include <mutex>

#include "voice/capture/voice_capture.hpp"

namespace qiao::voice {
namespace {

class SdlVoiceCapture final : public VoiceCapture {
public:
    SdlVoiceCapture() {
        // Reference-counted by SDL: the speaker (SdlAudioSink) may hold it too.
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) == 0) {
            audio_started_ = true;
        } else {
            init_error_ = SDL_GetError();  // start() reports it: the kiosk runs on without a microphone
        }
    }

    ~SdlVoiceCapture() override {
        stop();
        if (audio_started_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }

    SdlVoiceCapture(const SdlVoiceCapture&) = delete;
    SdlVoiceCapture& operator=(const SdlVoiceCapture&) = delete;

    int sample_rate() const override { return kCaptureSampleRate; }

    void start() override {
        if (!audio_started_) {
            throw CaptureError(CaptureError::Kind::NoMicrophone, "no microphone: SDL audio cannot start: " + init_error_);
        }
        stop();  // starting again starts afresh
        {
            std::lock_guard lock(mutex_);
            buffer_.clear();
        }
        SDL_AudioSpec want{};
        want.freq = kCaptureSampleRate;
        want.format = AUDIO_S16SYS;
        want.channels = 1;
        want.samples = 512;  // 32 ms: the level meter follows the voice closely
        want.callback = &SdlVoiceCapture::audio_callback;
        want.userdata = this;
        SDL_AudioSpec have{};
        // allowed_changes 0: SDL converts from the device's own format and rate.
        device_ = SDL_OpenAudioDevice(nullptr, 1, &want, &have, 0);
        if (device_ == 0) {
            const std::string why = SDL_GetError();
            const char* driver = SDL_GetCurrentAudioDriver();
            const std::string driver_name = driver != nullptr ? driver : "none";
            // -1 means SDL cannot list them; with the open failing too, treat it as none.
            if (SDL_GetNumAudioDevices(1) <= 0) {
                throw CaptureError(CaptureError::Kind::NoMicrophone,
                                   "no microphone is plugged in (SDL audio driver " + driver_name +
                                       " lists no recording device): " + why);
            }
            throw CaptureError(CaptureError::Kind::Busy,
                               "the microphone is there but will not open (is another program using it?): " + why);
        }
        const char* driver = SDL_GetCurrentAudioDriver();
        description_ = std::string("SDL capture: ") + (driver != nullptr ? driver : "?") + " default microphone";
        SDL_PauseAudioDevice(device_, 0);
    }

    void stop() override {
        if (device_ == 0) return;
        SDL_CloseAudioDevice(device_);  // waits for the audio thread: no callback after this
        device_ = 0;
        std::lock_guard lock(mutex_);
        buffer_.clear();
    }

    void drain(std::vector<std::int16_t>& out) override {
        std::lock_guard lock(mutex_);
        out.insert(out.end(), buffer_.begin(), buffer_.end());
        buffer_.clear();
    }

    std::string describe() const override { return description_; }

private:
    static void audio_callback(void* userdata, Uint8* stream, int len) {
        auto* self = static_cast<SdlVoiceCapture*>(userdata);
        const auto* samples = reinterpret_cast<const std::int16_t*>(stream);
        std::lock_guard lock(self->mutex_);
        self->buffer_.insert(self->buffer_.end(), samples, samples + len / 2);
    }

    bool audio_started_ = false;
    std::string init_error_;
    SDL_AudioDeviceID device_ = 0;  // 0 while stopped
    std::string description_ = "SDL capture: default microphone (not opened yet)";
    std::mutex mutex_;                  // buffer_, shared with the audio thread
    std::vector<std::int16_t> buffer_;  // captured, not drained yet
};

}  // namespace

std::unique_ptr<VoiceCapture> make_sdl_voice_capture() { return std::make_unique<SdlVoiceCapture>(); }

}  // namespace qiao::voice
