// SdlAudioSink: the station's speaker. SDL pulls samples from its own audio thread;
// the sound playing is handed over under a mutex. started() fires from the audio thread
// when the first samples of a sound are copied out, finished(true) from there when the
// last are; finished(false) from play()/stop() when a sound is cut off.
#include <SDL.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <optional>

#include "voice/audio_sink.hpp"
#include "voice/synthesizer.hpp"  // SpeechError

namespace qiao::voice {
namespace {

// A sound at another rate (a clip loaded for a different device) is resampled once.
SharedPcm to_rate(SharedPcm sound, int rate) {
    if (!sound || sound->sample_rate == rate || sound->sample_rate <= 0 || sound->samples.empty()) return sound;
    SDL_AudioStream* stream = SDL_NewAudioStream(AUDIO_S16SYS, 1, sound->sample_rate, AUDIO_S16SYS, 1, rate);
    if (stream == nullptr) return sound;
    auto out = std::make_shared<Pcm>();
    out->sample_rate = rate;
    if (SDL_AudioStreamPut(stream, sound->samples.data(), static_cast<int>(sound->samples.size() * 2)) == 0 &&
        SDL_AudioStreamFlush(stream) == 0) {
        out->samples.resize(static_cast<std::size_t>(SDL_AudioStreamAvailable(stream)) / 2);
        const int got = SDL_AudioStreamGet(stream, out->samples.data(), static_cast<int>(out->samples.size() * 2));
        out->samples.resize(got > 0 ? static_cast<std::size_t>(got) / 2 : 0);
    }
    SDL_FreeAudioStream(stream);
    return out;
}

class SdlAudioSink final : public AudioSink {
public:
    explicit SdlAudioSink(int sample_rate) : want_rate_(sample_rate) {
        // Audio only: the kiosk never opens game controllers or joysticks.
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
            throw SpeechError(std::string("SDL audio cannot start: ") + SDL_GetError());
        }
        // Open once now so a missing device is known at start-up, not at the first word.
        if (!open_device()) {
            std::string why = SDL_GetError();
            SDL_QuitSubSystem(SDL_INIT_AUDIO);
            throw SpeechError("no audio device can be opened: " + why);
        }
        const char* driver = SDL_GetCurrentAudioDriver();
        description_ = std::string("SDL audio: ") + (driver != nullptr ? driver : "?") + " default device";
    }

    ~SdlAudioSink() override {
        if (device_ != 0) SDL_CloseAudioDevice(device_);  // waits for the audio thread
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }

    SdlAudioSink(const SdlAudioSink&) = delete;
    SdlAudioSink& operator=(const SdlAudioSink&) = delete;

    void set_callbacks(Callbacks callbacks) override {
        auto shared = std::make_shared<const Callbacks>(std::move(callbacks));
        std::lock_guard lock(mutex_);
        callbacks_ = std::move(shared);
    }

    void play(std::uint64_t sound_id, SharedPcm sound) override {
        if (!sound) sound = std::make_shared<const Pcm>();
        sound = to_rate(std::move(sound), rate_);
        std::lock_guard control(control_);
        std::optional<std::uint64_t> cut;
        std::shared_ptr<const Callbacks> callbacks;
        {
            std::lock_guard lock(mutex_);
            if (current_) cut = current_id_;
            current_ = std::move(sound);
            current_id_ = sound_id;
            position_ = 0;
            callbacks = callbacks_;
        }
        if (device_ == 0 && !open_device()) {
            // The device went away (unplugged speaker): the sound is lost, not the kiosk.
            std::lock_guard lock(mutex_);
            current_.reset();
        }
        if (device_ != 0) SDL_PauseAudioDevice(device_, 0);
        if (cut && callbacks->finished) callbacks->finished(*cut, false);
    }

    void stop() override {
        std::lock_guard control(control_);
        std::optional<std::uint64_t> cut;
        std::shared_ptr<const Callbacks> callbacks;
        {
            std::lock_guard lock(mutex_);
            if (current_) cut = current_id_;
            current_.reset();
            callbacks = callbacks_;
        }
        if (device_ != 0) SDL_PauseAudioDevice(device_, 1);
        if (cut && callbacks->finished) callbacks->finished(*cut, false);
    }

    void rest() override {
        std::lock_guard control(control_);
        {
            std::lock_guard lock(mutex_);
            if (current_ || device_ == 0) return;
        }
        SDL_CloseAudioDevice(device_);
        device_ = 0;
    }

    bool playing() const override {
        std::lock_guard lock(mutex_);
        return current_ != nullptr;
    }

    std::string describe() const override { return description_; }

private:
    // Called with control_ held (or from the constructor).
    bool open_device() {
        SDL_AudioSpec want{};
        want.freq = want_rate_;
        want.format = AUDIO_S16SYS;
        want.channels = 1;
        want.samples = 1024;  // ~46 ms at 22050 Hz
        want.callback = &SdlAudioSink::audio_callback;
        want.userdata = this;
        SDL_AudioSpec have{};
        device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);  // SDL converts to the device format
        if (device_ == 0) return false;
        rate_ = have.freq;
        return true;
    }

    static void audio_callback(void* userdata, Uint8* stream, int len) {
        static_cast<SdlAudioSink*>(userdata)->fill(reinterpret_cast<std::int16_t*>(stream),
                                                   static_cast<std::size_t>(len) / 2);
    }

    void fill(std::int16_t* out, std::size_t count) {
        std::optional<std::uint64_t> started;
        std::optional<std::uint64_t> finished;
        std::shared_ptr<const Callbacks> callbacks;
        std::size_t copied = 0;
        {
            std::lock_guard lock(mutex_);
            if (current_) {
                if (position_ == 0) started = current_id_;
                const auto& samples = current_->samples;
                copied = std::min(count, samples.size() - position_);
                if (copied > 0) std::memcpy(out, samples.data() + position_, copied * 2);
                position_ += copied;
                if (position_ >= samples.size()) {
                    finished = current_id_;
                    current_.reset();
                }
            }
            callbacks = callbacks_;
        }
        if (copied < count) std::memset(out + copied, 0, (count - copied) * 2);
        if (started && callbacks->started) callbacks->started(*started, std::chrono::steady_clock::now());
        if (finished && callbacks->finished) callbacks->finished(*finished, true);
    }

    SDL_AudioDeviceID device_ = 0;  // 0 while resting
    int want_rate_ = 22050;
    int rate_ = 22050;
    std::string description_;
    std::mutex control_;        // orders play()/stop() with their pause/unpause of the device
    mutable std::mutex mutex_;  // the sound playing; shared with the audio thread
    std::shared_ptr<const Callbacks> callbacks_ = std::make_shared<const Callbacks>();
    SharedPcm current_;
    std::uint64_t current_id_ = 0;
    std::size_t position_ = 0;
};

}  // namespace

std::unique_ptr<AudioSink> make_sdl_audio_sink(int sample_rate) { return std::make_unique<SdlAudioSink>(sample_rate); }

}  // namespace qiao::voice
