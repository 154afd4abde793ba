#pragma once
// Synthesizer: text to sound. EspeakSynthesizer uses espeak-ng (voices "cmn"
// Mandarin, "yue" Cantonese, "en" English). espeak-ng keeps global state, so only one
// EspeakSynthesizer may exist at a time in a process (a second one throws
// SpeechError), and it is used by one thread at a time (the speech worker).
#include <stdexcept>
#include <string>

#include "voice/pcm.hpp"

namespace qiao::voice {

class SpeechError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Synthesizer {
public:
    virtual ~Synthesizer() = default;
    // rate_wpm: words a minute (espeak-ng's own default is 175).
    virtual Pcm synthesize(const std::string& text, const std::string& voice, int rate_wpm) = 0;
};

class EspeakSynthesizer final : public Synthesizer {
public:
    // Throws SpeechError when espeak-ng or its data cannot be initialised.
    EspeakSynthesizer();
    ~EspeakSynthesizer() override;
    EspeakSynthesizer(const EspeakSynthesizer&) = delete;
    EspeakSynthesizer& operator=(const EspeakSynthesizer&) = delete;

    // Throws SpeechError for an unknown voice.
    Pcm synthesize(const std::string& text, const std::string& voice, int rate_wpm) override;

private:
    int sample_rate_ = 22050;
    std::string current_voice_;  // the voice espeak-ng has loaded (loading one is slow)
};

}  // namespace qiao::voice
