#include <doctest/doctest.h>

#include <cstdlib>
#include <map>

#include "voice/audio_sink.hpp"
#include "voice/clip_loader.hpp"
#include "voice_test_support.hpp"

using namespace qiao::voice;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using qiao::voice::test::scratch_dir;
using qiao::voice::test::sine;
using qiao::voice::test::wait_until;

namespace {

// Remembers what a sink reported, thread-safely.
struct Reports {
    std::mutex mutex;
    std::map<std::uint64_t, qiao::core::TimePoint> started;
    std::map<std::uint64_t, bool> finished;  // id -> completed

    AudioSink::Callbacks callbacks() {
        return {[this](std::uint64_t id, qiao::core::TimePoint when) {
                    std::lock_guard lock(mutex);
                    started[id] = when;
                },
                [this](std::uint64_t id, bool completed) {
                    std::lock_guard lock(mutex);
                    CHECK(finished.count(id) == 0);  // reported once
                    finished[id] = completed;
                }};
    }
    bool has_started(std::uint64_t id) {
        std::lock_guard lock(mutex);
        return started.count(id) != 0;
    }
    std::optional<bool> end(std::uint64_t id) {
        std::lock_guard lock(mutex);
        auto it = finished.find(id);
        if (it == finished.end()) return std::nullopt;
        return it->second;
    }
};

SharedPcm sound(double seconds) { return std::make_shared<const Pcm>(sine(seconds)); }

// What every sink must do: report start and end, cut off on play and stop.
void check_sink_behaviour(AudioSink& sink) {
    Reports reports;
    sink.set_callbacks(reports.callbacks());

    const auto before = std::chrono::steady_clock::now();
    sink.play(1, sound(0.3));
    REQUIRE(wait_until([&] { return reports.end(1).has_value(); }));
    const auto after = std::chrono::steady_clock::now();
    CHECK(reports.has_started(1));
    CHECK(*reports.end(1) == true);
    CHECK(after - before >= 250ms);  // it took about as long as the sound lasts
    CHECK(wait_until([&] { return !sink.playing(); }));

    sink.play(2, sound(5.0));
    REQUIRE(wait_until([&] { return reports.has_started(2); }));
    CHECK(sink.playing());
    sink.play(3, sound(5.0));  // cuts off 2
    CHECK(reports.end(2) == std::optional<bool>(false));
    REQUIRE(wait_until([&] { return reports.has_started(3); }));
    sink.stop();
    CHECK(reports.end(3) == std::optional<bool>(false));
    CHECK(!sink.playing());
    sink.stop();  // stopping nothing is fine

    sink.play(4, std::make_shared<const Pcm>());  // an empty sound starts and ends
    CHECK(wait_until([&] { return reports.end(4).has_value(); }));
    sink.set_callbacks({});
}

}  // namespace

TEST_CASE("the null sink plays in real time without a device") {
    auto sink = make_null_audio_sink();
    CHECK(sink->describe() == "null");
    check_sink_behaviour(*sink);
}

TEST_CASE("the null sink reports started at once") {
    auto sink = make_null_audio_sink();
    Reports reports;
    sink->set_callbacks(reports.callbacks());
    const auto asked = std::chrono::steady_clock::now();
    sink->play(7, sound(1.0));
    REQUIRE(reports.has_started(7));
    CHECK(reports.started[7] - asked < 50ms);
    // destroying a sink mid-sound is clean
}

TEST_CASE("the WAV sink writes each sound to a numbered file") {
    const fs::path dir = scratch_dir("wav-sink") / "said";
    auto sink = make_wav_file_sink(dir);
    CHECK(sink->describe() == "wav: " + dir.string());
    check_sink_behaviour(*sink);
    CHECK(fs::exists(dir / "0001.wav"));
    CHECK(fs::exists(dir / "0004.wav"));
    const Pcm first = load_clip(dir / "0001.wav", 22050);
    CHECK(first.samples == sine(0.3).samples);
}

TEST_CASE("the SDL sink plays through SDL audio (dummy driver in tests)") {
    setenv("SDL_AUDIODRIVER", "dummy", 0);  // never blare out of a developer's speakers
    std::unique_ptr<AudioSink> sink;
    try {
        sink = make_sdl_audio_sink(22050);
    } catch (const SpeechError& e) {
        MESSAGE("skipped: no SDL audio device: " << e.what());
        return;
    }
    CHECK(sink->describe().rfind("SDL audio", 0) == 0);
    check_sink_behaviour(*sink);

    SUBCASE("a sound at another rate is converted, not played too fast") {
        Reports reports;
        sink->set_callbacks(reports.callbacks());
        const auto before = std::chrono::steady_clock::now();
        sink->play(10, std::make_shared<const Pcm>(sine(0.4, 11025)));
        REQUIRE(wait_until([&] { return reports.end(10).has_value(); }));
        CHECK(std::chrono::steady_clock::now() - before >= 300ms);
        sink->set_callbacks({});
    }
}

TEST_CASE("make_audio_sink picks the sink a spec names") {
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    SUBCASE("null") {
        auto choice = make_audio_sink("null", 22050);
        CHECK(choice.sink->describe() == "null");
        CHECK(choice.note.empty());
    }
    SUBCASE("wav:DIR") {
        const fs::path dir = scratch_dir("sink-choice");
        auto choice = make_audio_sink("wav:" + dir.string(), 22050);
        CHECK(choice.sink->describe() == "wav: " + dir.string());
    }
    SUBCASE("the speaker, or null with a reason") {
        auto choice = make_audio_sink("", 22050);
        REQUIRE(choice.sink);
        if (choice.sink->describe() == "null") {
            CHECK(!choice.note.empty());
        } else {
            CHECK(choice.note.empty());
        }
    }
    SUBCASE("nonsense is refused") { CHECK_THROWS_AS(make_audio_sink("loudspeaker", 22050), SpeechError); }
}
