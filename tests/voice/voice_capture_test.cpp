#include <doctest/doctest.h>

#include <fstream>
#include <stdexcept>
#include <thread>

#include "voice/capture/voice_capture.hpp"
#include "voice/capture/voice_recorder.hpp"
#include "voice/clip_loader.hpp"
#include "voice_test_support.hpp"

using namespace qiao::voice;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using qiao::voice::test::rms;
using qiao::voice::test::scratch_dir;
using qiao::voice::test::sine;

namespace {

CaptureError capture_error_of(VoiceCapture& capture) {
    try {
        capture.start();
    } catch (const CaptureError& e) {
        return e;
    }
    FAIL("start() should have thrown CaptureError");
    return CaptureError(CaptureError::Kind::Failed, "");
}

}  // namespace

TEST_CASE("make_voice_capture: the words of the microphone setting") {
    CHECK(make_voice_capture("none")->describe() == "none");
    CHECK(make_voice_capture("file:/some/where.wav")->describe().find("/some/where.wav") != std::string::npos);
    CHECK(make_voice_capture("file:/some/where.wav")->sample_rate() == 16000);
    for (const std::string bad : {"file:", "mic", "SDL", "file", "wav:/x"}) {
        CAPTURE(bad);
        try {
            make_voice_capture(bad);
            FAIL("should have refused");
        } catch (const std::invalid_argument& e) {
            CHECK(std::string(e.what()).find("unknown microphone \"" + bad + "\"") == 0);
            CHECK(std::string(e.what()).find("file:PATH") != std::string::npos);
        }
    }
}

TEST_CASE("\"none\": start() says there is no microphone") {
    auto capture = make_voice_capture("none");
    const CaptureError e = capture_error_of(*capture);
    CHECK(e.kind() == CaptureError::Kind::NoMicrophone);
    CHECK(std::string(e.what()).find("no microphone") != std::string::npos);
    std::vector<std::int16_t> out;
    capture->drain(out);
    capture->stop();
    CHECK(out.empty());
}

TEST_CASE("SDL capture with the dummy driver: a CaptureError or silence, never a crash") {
    auto capture = make_voice_capture("sdl");
    CHECK(capture->sample_rate() == 16000);
    try {
        capture->start();
        // The dummy driver may offer a "default" capture device that hears nothing.
        std::this_thread::sleep_for(200ms);
        std::vector<std::int16_t> out;
        capture->drain(out);
        MESSAGE("SDL capture opened (" << capture->describe() << "): " << out.size() << " samples in 200 ms");
        Pcm heard;
        heard.samples = out;
        CHECK(rms(heard) < 100.0);
        capture->stop();
        capture->stop();  // twice is fine
        // Through the recorder: what it hears is silence, so nothing is kept.
        const fs::path folder = scratch_dir("capture-sdl");
        VoiceRecorder recorder(make_voice_capture(""), folder);
        recorder.start();
        std::this_thread::sleep_for(600ms);
        CHECK_FALSE(recorder.poll());
        CHECK_THROWS_AS(recorder.finish(), RecordingError);
        CHECK(fs::is_empty(folder));
    } catch (const CaptureError& e) {
        MESSAGE("SDL capture refused: " << e.what());
        CHECK((e.kind() == CaptureError::Kind::NoMicrophone || e.kind() == CaptureError::Kind::Busy));
        CHECK(std::string(e.what()).find("microphone") != std::string::npos);
    }
    // A second one beside it (the kiosk may hold one for the whole session).
    auto other = make_sdl_voice_capture();
    try {
        other->start();
        other->stop();
    } catch (const CaptureError&) {
    }
}

TEST_CASE("file capture: a missing file is no microphone, a file that is not sound fails plainly") {
    const fs::path dir = scratch_dir("capture-files");
    auto missing = make_voice_capture("file:" + (dir / "missing.wav").string());
    const CaptureError gone = capture_error_of(*missing);
    CHECK(gone.kind() == CaptureError::Kind::NoMicrophone);
    CHECK(std::string(gone.what()).find("missing.wav") != std::string::npos);

    {
        std::ofstream out(dir / "notes.wav");
        out << "these are not sounds";
    }
    auto garbage = make_voice_capture("file:" + (dir / "notes.wav").string());
    const CaptureError bad = capture_error_of(*garbage);
    CHECK(bad.kind() == CaptureError::Kind::Failed);
    CHECK(std::string(bad.what()).find("notes.wav") != std::string::npos);
}

TEST_CASE("file capture, unpaced: the whole file at once, at 16 kHz mono, then nothing") {
    const fs::path dir = scratch_dir("capture-unpaced");
    write_wav(dir / "tone.wav", sine(1.0, 22050));
    auto capture = make_file_voice_capture(dir / "tone.wav", false);
    std::vector<std::int16_t> out;
    capture->drain(out);  // before start(): nothing
    CHECK(out.empty());
    capture->start();
    capture->drain(out);
    // As the clip loader converts it (SDL's resampler keeps back its last ~30 ms).
    CHECK(out.size() == load_clip(dir / "tone.wav", 16000).samples.size());
    CHECK(std::abs(static_cast<double>(out.size()) - 16000.0) <= 800.0);
    const std::size_t first = out.size();
    capture->drain(out);
    CHECK(out.size() == first);
    capture->stop();
}

TEST_CASE("file capture, paced: what a microphone would have heard by now, then silence") {
    const fs::path dir = scratch_dir("capture-paced");
    write_wav(dir / "tone.wav", sine(0.2, 22050, 440.0, 8000.0));
    auto capture = make_voice_capture("file:" + (dir / "tone.wav").string());

    const auto before = std::chrono::steady_clock::now();
    capture->start();
    std::vector<std::int16_t> out;
    capture->drain(out);
    CHECK(out.size() < 1600);  // well under 0.1 s right after start()
    std::this_thread::sleep_for(500ms);
    capture->drain(out);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - before).count();
    const double delivered = static_cast<double>(out.size()) / 16000.0;
    INFO("delivered " << delivered << " s in " << elapsed << " s");
    CHECK(delivered >= 0.49);
    CHECK(delivered <= elapsed + 0.01);

    // The file's 0.2 s, then silence.
    Pcm tone;
    tone.samples.assign(out.begin(), out.begin() + 3000);
    CHECK(rms(tone) > 4000.0);
    Pcm after;
    after.samples.assign(out.begin() + 3400, out.end());
    CHECK(rms(after) == 0.0);

    // Stopped: no more; started again: from the beginning.
    capture->stop();
    std::this_thread::sleep_for(50ms);
    const std::size_t stopped_at = out.size();
    capture->drain(out);
    CHECK(out.size() == stopped_at);
    capture->start();
    std::this_thread::sleep_for(100ms);
    std::vector<std::int16_t> again;
    capture->drain(again);
    REQUIRE(again.size() > 1000);
    Pcm start_again;
    start_again.samples.assign(again.begin(), again.begin() + 1000);
    CHECK(rms(start_again) > 4000.0);
}
