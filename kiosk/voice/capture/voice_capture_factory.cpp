#include "voice/capture/voice_capture.hpp"

namespace qiao::voice {

std::unique_ptr<VoiceCapture> make_voice_capture(const std::string& spec) {
    if (spec.empty() || spec == "sdl") return make_sdl_voice_capture();
    if (spec == "none") return make_no_voice_capture();
    if (spec.rfind("file:", 0) == 0 && spec.size() > 5) return make_file_voice_capture(spec.substr(5));
    throw std::invalid_argument("unknown microphone \"" + spec +
                                "\" (expected \"\" or sdl for the microphone, none, or file:PATH of a WAV or OGG file)");
}

}  // namespace qiao::voice
