#include "voice/synthesizer.hpp"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <vector>

// espeak-ng keeps all of its state in globals (the voice, the parameters, the synth
// callback), so only one EspeakSynthesizer may exist at a time in a process: a second
// one throws SpeechError. It is used by one thread at a time (the speech worker).
//
// espeak-ng is initialised once per process and never terminated: in espeak-ng 1.51
// espeak_Terminate() can hang joining its internal queue thread, and synthesis after a
// Terminate/Initialize cycle can stall. Its memory stays reachable from its globals.
namespace qiao::voice {
namespace {

std::atomic<bool> g_espeak_in_use{false};
int g_espeak_sample_rate = 0;  // 0 until espeak-ng is initialised; guarded by g_espeak_in_use

// The buffer the current espeak_Synth call appends to. Only ever touched by the one
// thread that is inside EspeakSynthesizer::synthesize (espeak runs synchronously).
std::vector<std::int16_t>* g_collect = nullptr;

int collect_samples(short* wav, int numsamples, espeak_EVENT* /*events*/) {
    if (wav != nullptr && numsamples > 0 && g_collect != nullptr) {
        g_collect->insert(g_collect->end(), wav, wav + numsamples);
    }
    return 0;  // 0 = go on synthesizing
}

// Very slow speech also wants a slightly longer pause between words. (espeak-ng's
// Mandarin is already slow: each character counts as a word, so keep this small.)
int word_gap_for(int rate_wpm) { return rate_wpm <= 120 ? 1 : 0; }  // units of 10 ms

}  // namespace

EspeakSynthesizer::EspeakSynthesizer() {
    bool expected = false;
    if (!g_espeak_in_use.compare_exchange_strong(expected, true)) {
        throw SpeechError("only one espeak-ng synthesizer may exist at a time");
    }
    if (g_espeak_sample_rate <= 0) {
        // DONT_EXIT: without it espeak-ng calls exit() when its data is missing.
        const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, nullptr, espeakINITIALIZE_DONT_EXIT);
        if (rate <= 0) {
            g_espeak_in_use = false;
            throw SpeechError("espeak-ng could not be initialised (is espeak-ng-data installed?)");
        }
        g_espeak_sample_rate = rate;
        espeak_SetSynthCallback(&collect_samples);
    }
    sample_rate_ = g_espeak_sample_rate;
}

EspeakSynthesizer::~EspeakSynthesizer() { g_espeak_in_use = false; }

Pcm EspeakSynthesizer::synthesize(const std::string& text, const std::string& voice, int rate_wpm) {
    Pcm out;
    out.sample_rate = sample_rate_;

    if (voice != current_voice_) {
        if (voice.empty() || espeak_SetVoiceByName(voice.c_str()) != EE_OK) {
            current_voice_.clear();
            throw SpeechError("espeak-ng has no voice \"" + voice + "\"");
        }
        current_voice_ = voice;
    }
    // espeak-ng counts each Han character as a word, so "130 words a minute" would be
    // 2 syllables a second in Mandarin or Cantonese: slower than anyone speaks. For
    // those voices the visitor's rate is read as syllables at 1.5x, about 3.3 a second
    // at the default: slow, clear speech for older listeners.
    const bool han_voice = voice == "cmn" || voice == "yue" || voice.rfind("cmn-", 0) == 0 || voice.rfind("yue-", 0) == 0;
    const int rate = std::clamp(han_voice ? rate_wpm * 3 / 2 : rate_wpm, static_cast<int>(espeakRATE_MINIMUM), static_cast<int>(espeakRATE_MAXIMUM));
    espeak_SetParameter(espeakRATE, rate, 0);
    espeak_SetParameter(espeakWORDGAP, word_gap_for(rate), 0);

    if (text.empty()) return out;

    g_collect = &out.samples;
    const espeak_ERROR err = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                                          nullptr, nullptr);
    g_collect = nullptr;
    if (err != EE_OK) {
        throw SpeechError("espeak-ng could not synthesize \"" + text.substr(0, 60) + "\" (error " +
                          std::to_string(static_cast<int>(err)) + ")");
    }
    return out;
}

}  // namespace qiao::voice
