// WavFileSink: writes each sound to <dir>/NNNN.wav (0001.wav, 0002.wav, ...) so a person
// can listen to what the kiosk said; paced in real time like NullAudioSink.
#include <atomic>
#include <cstdio>
#include <system_error>

#include "voice/clip_loader.hpp"
#include "voice/paced_audio_sink.hpp"
#include "voice/synthesizer.hpp"  // SpeechError

namespace qiao::voice {
namespace {

class WavFileSink final : public PacedAudioSink {
public:
    explicit WavFileSink(std::filesystem::path dir) : dir_(std::move(dir)) {
        std::error_code ec;
        std::filesystem::create_directories(dir_, ec);
        if (ec || !std::filesystem::is_directory(dir_)) {
            throw SpeechError("cannot create the folder for spoken WAV files " + dir_.string() + ": " +
                              ec.message());
        }
    }

    std::string describe() const override { return "wav: " + dir_.string(); }

protected:
    void on_play(std::uint64_t /*sound_id*/, const Pcm& sound) override {
        char name[32];
        std::snprintf(name, sizeof name, "%04u.wav", ++count_);
        // A full disk must not silence the kiosk's idea of speaking: the sound still
        // "plays"; the error is only lost (the service logs what it asked for).
        try {
            write_wav(dir_ / name, sound);
        } catch (const SpeechError&) {
        }
    }

private:
    std::filesystem::path dir_;
    std::atomic<unsigned> count_{0};
};

}  // namespace

std::unique_ptr<AudioSink> make_wav_file_sink(const std::filesystem::path& dir) {
    return std::make_unique<WavFileSink>(dir);
}

}  // namespace qiao::voice
