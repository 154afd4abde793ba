#include "voice/audio_sink.hpp"
#include "voice/synthesizer.hpp"  // SpeechError

namespace qiao::voice {

SinkChoice make_audio_sink(const std::string& spec, int sample_rate) {
    if (spec.empty() || spec == "sdl") {
        try {
            return {make_sdl_audio_sink(sample_rate), {}};
        } catch (const SpeechError& e) {
            if (spec == "sdl") throw;
            return {make_null_audio_sink(), std::string(e.what()) + "; speaking silently (null audio output)"};
        }
    }
    if (spec == "null") return {make_null_audio_sink(), {}};
    if (spec.rfind("wav:", 0) == 0 && spec.size() > 4) return {make_wav_file_sink(spec.substr(4)), {}};
    throw SpeechError("unknown audio output \"" + spec + "\" (expected \"\", \"sdl\", \"null\" or \"wav:DIR\")");
}

}  // namespace qiao::voice
