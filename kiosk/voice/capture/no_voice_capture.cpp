// NoVoiceCapture: a station set up without a microphone ("microphone none"). The help
// screen learns it at the first tap on "record" and offers to send without a message.
#include "voice/capture/voice_capture.hpp"

namespace qiao::voice {
namespace {

class NoVoiceCapture final : public VoiceCapture {
public:
    int sample_rate() const override { return kCaptureSampleRate; }
    void start() override {
        throw CaptureError(CaptureError::Kind::NoMicrophone,
                           "this station has no microphone (microphone is set to none)");
    }
    void stop() override {}
    void drain(std::vector<std::int16_t>& /*out*/) override {}
    std::string describe() const override { return "none"; }
};

}  // namespace

std::unique_ptr<VoiceCapture> make_no_voice_capture() { return std::make_unique<NoVoiceCapture>(); }

}  // namespace qiao::voice
