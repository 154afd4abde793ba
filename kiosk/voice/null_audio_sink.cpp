// NullAudioSink: no device. Sounds take their real time to "play" (see PacedAudioSink).
#include "voice/paced_audio_sink.hpp"

namespace qiao::voice {
namespace {

class NullAudioSink final : public PacedAudioSink {
public:
    std::string describe() const override { return "null"; }
};

}  // namespace

std::unique_ptr<AudioSink> make_null_audio_sink() { return std::make_unique<NullAudioSink>(); }

}  // namespace qiao::voice
