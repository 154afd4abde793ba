#include <doctest/doctest.h>

#include "voice/synthesizer.hpp"
#include "voice_test_support.hpp"

using namespace qiao::voice;
using qiao::voice::test::peak;
using qiao::voice::test::rms;

namespace {
const std::string kGreeting = "您好！想做什么？点一下大按钮。";
}

TEST_CASE("espeak-ng says Mandarin, Cantonese and English aloud") {
    EspeakSynthesizer synth;

    SUBCASE("Mandarin greeting at the kiosk's slow rate lasts a plausible time") {
        // espeak-ng's Mandarin is slow: this greeting (14 syllables) takes about 8.5 s
        // at 130 wpm and about 6 s at 175 wpm.
        const Pcm pcm = synth.synthesize(kGreeting, "cmn", 130);
        INFO("seconds: " << pcm.seconds() << " rms: " << rms(pcm));
        CHECK(pcm.sample_rate == 22050);
        CHECK(pcm.seconds() > 1.5);
        CHECK(pcm.seconds() < 12.0);
        CHECK(peak(pcm) > 1000);
        CHECK(rms(pcm) > 100.0);
    }
    SUBCASE("Cantonese") {
        const Pcm pcm = synth.synthesize("你好，請按呢個掣。", "yue", 130);
        CHECK(pcm.seconds() > 0.8);
        CHECK(pcm.seconds() < 8.0);
        CHECK(peak(pcm) > 1000);
    }
    SUBCASE("English") {
        const Pcm pcm = synth.synthesize("Hello. Tap the big button.", "en", 130);
        CHECK(pcm.seconds() > 0.8);
        CHECK(pcm.seconds() < 8.0);
        CHECK(peak(pcm) > 1000);
    }
    SUBCASE("a slower rate gives longer audio") {
        const Pcm slow = synth.synthesize(kGreeting, "cmn", 90);
        const Pcm normal = synth.synthesize(kGreeting, "cmn", 175);
        INFO("slow: " << slow.seconds() << " s, normal: " << normal.seconds() << " s");
        CHECK(slow.seconds() > normal.seconds() * 1.2);
    }
    SUBCASE("switching voices back and forth keeps working") {
        const Pcm a = synth.synthesize("一", "cmn", 130);
        const Pcm b = synth.synthesize("one", "en", 130);
        const Pcm c = synth.synthesize("一", "cmn", 130);
        CHECK(peak(a) > 1000);
        CHECK(peak(b) > 1000);
        CHECK(peak(c) > 1000);
        CHECK(c.seconds() == doctest::Approx(a.seconds()).epsilon(0.2));
    }
    SUBCASE("empty text is silence, not an error") {
        CHECK(synth.synthesize("", "cmn", 130).samples.empty());
    }
    SUBCASE("an unknown voice throws SpeechError and the next call still works") {
        CHECK_THROWS_AS(synth.synthesize("hello", "no-such-voice-xx", 130), SpeechError);
        CHECK(peak(synth.synthesize("hello", "en", 130)) > 1000);
    }
}

TEST_CASE("only one espeak-ng synthesizer exists at a time") {
    {
        EspeakSynthesizer first;
        CHECK_THROWS_AS(EspeakSynthesizer(), SpeechError);
    }
    // Once the first is gone a new one can be made (espeak-ng re-initialised).
    EspeakSynthesizer again;
    CHECK(peak(again.synthesize("好", "cmn", 130)) > 1000);
}
