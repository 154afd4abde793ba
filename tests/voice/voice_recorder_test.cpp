#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <optional>
#include <random>
#include <regex>
#include <thread>

#include "capture_test_support.hpp"
#include "voice/capture/voice_recorder.hpp"
#include "voice/clip_loader.hpp"
#include "voice_test_support.hpp"

using namespace qiao::voice;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using qiao::voice::test::InstantCapture;
using qiao::voice::test::names_in;
using qiao::voice::test::rms;
using qiao::voice::test::scratch_dir;
using qiao::voice::test::sine;

namespace {

std::vector<std::int16_t> tone(double seconds, double amplitude = 8000.0) {
    return sine(seconds, 16000, 440.0, amplitude).samples;
}

std::unique_ptr<VoiceCapture> instant(std::vector<std::int16_t> samples, bool endless = false) {
    return std::make_unique<InstantCapture>(std::move(samples), endless);
}

RecordingError recording_error_of(VoiceRecorder& recorder) {
    try {
        recorder.finish();
    } catch (const RecordingError& e) {
        return e;
    }
    FAIL("finish() should have thrown RecordingError");
    return RecordingError(RecordingError::Kind::CannotWrite, "");
}

// Records `samples` in one go and returns the file.
fs::path record(const fs::path& folder, std::vector<std::int16_t> samples) {
    VoiceRecorder recorder(instant(std::move(samples)), folder);
    recorder.start();
    recorder.poll();
    return recorder.finish();
}

double bytes_per_second(const fs::path& file, double seconds) {
    return static_cast<double>(fs::file_size(file)) / seconds;
}

}  // namespace

TEST_CASE("a 440 Hz tone from a WAV file is recorded, stored as Ogg Vorbis, and plays back the same") {
    const fs::path dir = scratch_dir("recorder-roundtrip");
    write_wav(dir / "tone.wav", sine(2.0, 22050, 440.0, 8000.0));  // generated here: no external tool
    const fs::path folder = dir / "recordings";

    VoiceRecorder recorder(make_file_voice_capture(dir / "tone.wav", false), folder);
    CHECK(recorder.describe_source().find("tone.wav") != std::string::npos);
    CHECK_FALSE(recorder.recording());
    // What the microphone stand-in delivers: the file at 16 kHz, as the clip loader reads it.
    const Pcm original = load_clip(dir / "tone.wav", 16000);
    recorder.start();
    CHECK(recorder.recording());
    CHECK_FALSE(recorder.poll());
    CHECK(recorder.seconds() == doctest::Approx(original.seconds()).epsilon(0.001));
    CHECK(std::abs(recorder.seconds() - 2.0) <= 0.1);
    CHECK(recorder.heard_seconds() == doctest::Approx(original.seconds()).epsilon(0.02));
    // An 8000 peak is about -12 dBFS: near the top of the meter.
    CHECK(recorder.level() > 0.85f);
    CHECK(recorder.level() <= 1.0f);

    const fs::path file = recorder.finish();
    CHECK_FALSE(recorder.recording());
    CHECK(recorder.level() == 0.0f);
    CHECK(recorder.seconds() == doctest::Approx(original.seconds()).epsilon(0.001));  // of the last recording
    CHECK(file.parent_path() == folder);
    CHECK(std::regex_match(file.filename().string(), std::regex("[0-9a-f]{32}\\.ogg")));
    CHECK(names_in(folder) == std::vector<std::string>{file.filename().string()});
    // A voice is personal data: readable by the kiosk's user only.
    CHECK((fs::status(file).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));

    const Pcm played = load_clip(file, 16000);  // what SpeechService plays for Utterance::clip
    MESSAGE("recorded " << played.seconds() << " s, " << fs::file_size(file) << " bytes, "
                        << bytes_per_second(file, played.seconds()) << " bytes/s; rms " << rms(played) << " (input "
                        << rms(original) << ")");
    CHECK(std::abs(played.seconds() - 2.0) <= 0.1);
    CHECK(rms(played) == doctest::Approx(rms(original)).epsilon(0.1));
    CHECK(bytes_per_second(file, played.seconds()) < 6000.0);
}

TEST_CASE("bytes per second: a tone, a synthesized voice, and a voice in a noisy room") {
    const fs::path dir = scratch_dir("recorder-size");

    const fs::path tone_file = record(dir, tone(10.0));
    const double tone_rate = bytes_per_second(tone_file, 10.0);
    MESSAGE("440 Hz tone: " << tone_rate << " bytes/s");
    CHECK(tone_rate < 6000.0);

    Pcm voice;
    try {
        EspeakSynthesizer synth;
        const Pcm spoken = synth.synthesize(
            "您好，我的手机付不了钱了，扫码以后一直转圈，请志愿者帮我看一下。我下午都在家，谢谢。", "cmn", 130);
        // The synthesizer speaks at 22050 Hz; the microphone delivers 16 kHz.
        write_wav(dir / "voice.wav", spoken);
        voice = load_clip(dir / "voice.wav", 16000);
    } catch (const SpeechError& e) {
        MESSAGE("no synthesized voice to measure: " << e.what());
    }
    if (!voice.samples.empty()) {
        const fs::path voice_file = record(dir, voice.samples);
        const double voice_rate = bytes_per_second(voice_file, voice.seconds());
        MESSAGE("synthesized Mandarin, " << voice.seconds() << " s: " << voice_rate << " bytes/s");
        CHECK(voice_rate < 6000.0);

        // A real microphone also hears the room: add steady noise at about -45 dBFS.
        std::mt19937 random(42);
        std::normal_distribution<double> noise(0.0, 180.0);
        std::vector<std::int16_t> noisy = voice.samples;
        for (auto& s : noisy) s = static_cast<std::int16_t>(std::clamp(s + noise(random), -32768.0, 32767.0));
        const fs::path noisy_file = record(dir, noisy);
        const double noisy_rate = bytes_per_second(noisy_file, voice.seconds());
        MESSAGE("the same voice with room noise: " << noisy_rate << " bytes/s");
        CHECK(noisy_rate < 8000.0);
    }
}

TEST_CASE("the 60 s limit stops the recording by itself") {
    const fs::path folder = scratch_dir("recorder-limit");
    VoiceRecorder recorder(instant(tone(1.0), true), folder);  // a second of tone at every poll
    recorder.start();
    int polls = 0;
    while (!recorder.poll()) {
        ++polls;
        REQUIRE(polls < 100);
        CHECK(recorder.recording());
    }
    CHECK(polls == 59);  // the 60th second reaches the limit
    CHECK(recorder.seconds() == 60.0);
    CHECK(recorder.level() == 0.0f);  // the microphone is off...
    CHECK(recorder.recording());      // ...and the recording waits for finish()
    CHECK(recorder.poll());           // which poll() keeps asking for
    CHECK(recorder.seconds() == 60.0);

    const fs::path file = recorder.finish();
    CHECK_FALSE(recorder.recording());
    CHECK_FALSE(recorder.poll());
    const Pcm played = load_clip(file, 16000);
    MESSAGE("60 s: " << fs::file_size(file) << " bytes");
    CHECK(std::abs(played.seconds() - 60.0) <= 0.1);
}

TEST_CASE("the screen's flow at the limit: poll() says so, and \"stop while recording\" finishes it") {
    const fs::path folder = scratch_dir("recorder-limit-flow");
    VoiceRecorder recorder(instant(tone(1.0), true), folder, 3s);
    recorder.start();
    std::optional<fs::path> kept;
    for (int frame = 0; frame < 10 && !kept; ++frame) {
        if (recorder.recording() && recorder.poll()) {
            if (recorder.recording()) kept = recorder.finish();  // what "stop" does on the screen
        }
    }
    REQUIRE(kept.has_value());
    CHECK(std::abs(load_clip(*kept, 16000).seconds() - 3.0) <= 0.1);
}

TEST_CASE("a shorter limit, and a capture that delivers more than fits") {
    const fs::path folder = scratch_dir("recorder-limit-short");
    VoiceRecorder recorder(instant(tone(3.5)), folder, 2s);
    recorder.start();
    CHECK(recorder.poll());
    CHECK(recorder.seconds() == 2.0);
    CHECK(std::abs(load_clip(recorder.finish(), 16000).seconds() - 2.0) <= 0.1);
}

TEST_CASE("silence, or too little voice, is Nothing, and nothing is left behind") {
    const fs::path folder = scratch_dir("recorder-nothing");

    SUBCASE("three seconds of silence") {
        VoiceRecorder recorder(instant(std::vector<std::int16_t>(48000, 0)), folder);
        recorder.start();
        recorder.poll();
        CHECK(recorder.level() == 0.0f);
        const RecordingError e = recording_error_of(recorder);
        CHECK(e.kind() == RecordingError::Kind::Nothing);
        CHECK(std::string(e.what()).find("no voice was heard") != std::string::npos);
        CHECK(recorder.seconds() == 3.0);
    }
    SUBCASE("a quiet room is not a voice") {
        std::mt19937 random(7);
        std::normal_distribution<double> noise(0.0, 60.0);  // about -55 dBFS
        std::vector<std::int16_t> room(48000);
        for (auto& s : room) s = static_cast<std::int16_t>(noise(random));
        VoiceRecorder recorder(instant(room), folder);
        recorder.start();
        recorder.poll();
        CHECK(recorder.level() < 0.2f);
        CHECK(recording_error_of(recorder).kind() == RecordingError::Kind::Nothing);
    }
    SUBCASE("0.3 s of voice") {
        VoiceRecorder recorder(instant(tone(0.3)), folder);
        recorder.start();
        recorder.poll();
        CHECK(recording_error_of(recorder).kind() == RecordingError::Kind::Nothing);
    }
    SUBCASE("0.4 s of voice in 5 s of silence") {
        std::vector<std::int16_t> samples(80000, 0);
        const auto voice = tone(0.4);
        std::copy(voice.begin(), voice.end(), samples.begin() + 16000);
        VoiceRecorder recorder(instant(samples), folder);
        recorder.start();
        recorder.poll();
        CHECK(recorder.heard_seconds() == doctest::Approx(0.4).epsilon(0.1));
        CHECK(recording_error_of(recorder).kind() == RecordingError::Kind::Nothing);
    }
    SUBCASE("finish() without a recording") {
        VoiceRecorder recorder(instant(tone(1.0)), folder);
        CHECK(recording_error_of(recorder).kind() == RecordingError::Kind::Nothing);
        recorder.start();
        recorder.poll();
        recorder.finish();
        CHECK(recording_error_of(recorder).kind() == RecordingError::Kind::Nothing);  // already written
        fs::remove_all(folder);
    }
    CHECK(names_in(folder).empty());
}

TEST_CASE("a full disk: DiskFull, no .part left, and finish() can be tried again") {
    const fs::path folder = scratch_dir("recorder-disk-full");
    bool full = true;
    // Creates the real .part in the folder, then points it at /dev/full: every write
    // fails with ENOSPC, as on a full disk, and the recorder must clean up after itself.
    const OpenForWriting open_full = [&](const fs::path& part) {
        const int fd = open_private_file(part);
        if (fd < 0 || !full) return fd;
        const int dev_full = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
        REQUIRE(dev_full >= 0);
        REQUIRE(::dup2(dev_full, fd) == fd);
        ::close(dev_full);
        CHECK(fs::exists(part));
        return fd;
    };
    VoiceRecorder recorder(instant(tone(2.0)), folder, 60s, open_full);
    recorder.start();
    recorder.poll();
    const RecordingError e = recording_error_of(recorder);
    CHECK_FALSE(recorder.recording());
    CHECK(e.kind() == RecordingError::Kind::DiskFull);
    CHECK(std::string(e.what()).find("disk is full") != std::string::npos);
    CHECK(std::string(e.what()).find(".part") != std::string::npos);
    CHECK(names_in(folder).empty());

    // Space was freed: the same recording is written.
    full = false;
    const fs::path file = recorder.finish();
    CHECK(names_in(folder) == std::vector<std::string>{file.filename().string()});
    CHECK(std::abs(load_clip(file, 16000).seconds() - 2.0) <= 0.1);
}

TEST_CASE("write_all reports ENOSPC from /dev/full") {
    const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    const std::string bytes(1000, 'x');
    try {
        write_all(fd, bytes);
        FAIL("writing to /dev/full should fail");
    } catch (const std::system_error& e) {
        CHECK(e.code() == std::errc::no_space_on_device);
    }
    ::close(fd);
}

TEST_CASE("a folder that cannot be made: CannotWrite, nothing left behind") {
    const fs::path dir = scratch_dir("recorder-cannot-write");
    {
        std::ofstream out(dir / "not-a-folder");
        out << "a file where the folder should be";
    }
    VoiceRecorder recorder(instant(tone(1.0)), dir / "not-a-folder" / "recordings");
    recorder.start();
    recorder.poll();
    const RecordingError e = recording_error_of(recorder);
    CHECK(e.kind() == RecordingError::Kind::CannotWrite);
    CHECK(std::string(e.what()).find("could not be saved") != std::string::npos);
    CHECK(names_in(dir) == std::vector<std::string>{"not-a-folder"});
}

TEST_CASE("cancel keeps nothing, record again after delete_recording") {
    const fs::path folder = scratch_dir("recorder-cancel");
    auto shared = std::make_shared<InstantCapture::Shared>();
    VoiceRecorder recorder(std::make_unique<InstantCapture>(tone(1.0), false, shared), folder);

    recorder.start();
    recorder.poll();
    recorder.cancel();
    CHECK_FALSE(recorder.recording());
    CHECK(recorder.seconds() == 0.0);
    CHECK(shared->stops == 1);
    CHECK(recording_error_of(recorder).kind() == RecordingError::Kind::Nothing);
    CHECK(names_in(folder).empty());

    // "Record again": the first file goes, the second stays.
    recorder.start();
    recorder.poll();
    const fs::path first = recorder.finish();
    delete_recording(first);
    CHECK_FALSE(fs::exists(first));
    delete_recording(first);  // already gone: fine
    delete_recording({});
    recorder.start();
    recorder.poll();
    const fs::path second = recorder.finish();
    CHECK(first != second);
    CHECK(names_in(folder) == std::vector<std::string>{second.filename().string()});
    CHECK(shared->starts == 3);
}

TEST_CASE("start: a capture error changes nothing, starting twice is a mistake") {
    const fs::path folder = scratch_dir("recorder-start");

    SUBCASE("no microphone") {
        VoiceRecorder recorder(make_voice_capture("none"), folder);
        CHECK_THROWS_AS(recorder.start(), CaptureError);
        CHECK_FALSE(recorder.recording());
        CHECK_FALSE(recorder.poll());
        CHECK(recorder.describe_source() == "none");
    }
    SUBCASE("a recording kept after a failed write survives a failed start") {
        auto shared = std::make_shared<InstantCapture::Shared>();
        bool broken = true;
        const OpenForWriting open = [&](const fs::path& part) {
            if (broken) {
                errno = EACCES;
                return -1;
            }
            return open_private_file(part);
        };
        VoiceRecorder recorder(std::make_unique<InstantCapture>(tone(2.0), false, shared), folder, 60s, open);
        recorder.start();
        recorder.poll();
        CHECK(recording_error_of(recorder).kind() == RecordingError::Kind::CannotWrite);
        shared->fail_next_start = true;
        try {
            recorder.start();
            FAIL("start() should have thrown");
        } catch (const CaptureError& e) {
            CHECK(e.kind() == CaptureError::Kind::Busy);
        }
        CHECK_FALSE(recorder.recording());
        broken = false;
        CHECK(std::abs(load_clip(recorder.finish(), 16000).seconds() - 2.0) <= 0.1);
    }
    SUBCASE("start() while recording, even after the limit, until finish() or cancel()") {
        VoiceRecorder recorder(instant(tone(3.0)), folder, 2s);
        recorder.start();
        CHECK_THROWS_AS(recorder.start(), std::logic_error);
        CHECK(recorder.recording());
        CHECK(recorder.poll());
        CHECK_THROWS_AS(recorder.start(), std::logic_error);
        recorder.cancel();
        recorder.start();
        CHECK(recorder.recording());
    }
}

TEST_CASE("recording at speaking pace from a file, as a scripted tour does") {
    const fs::path dir = scratch_dir("recorder-paced");
    write_wav(dir / "hello.wav", sine(0.6, 22050, 300.0, 6000.0));
    VoiceRecorder recorder(make_voice_capture("file:" + (dir / "hello.wav").string()), dir / "out");
    recorder.start();
    const auto until = std::chrono::steady_clock::now() + 1s;
    while (std::chrono::steady_clock::now() < until) {
        CHECK_FALSE(recorder.poll());
        std::this_thread::sleep_for(30ms);
    }
    const fs::path file = recorder.finish();  // takes what was said up to the tap on "done"
    const double seconds = load_clip(file, 16000).seconds();
    MESSAGE("a tour waiting 1 s recorded " << seconds << " s");
    CHECK(seconds >= 0.95);
    CHECK(seconds <= 1.3);
    CHECK(recorder.heard_seconds() == doctest::Approx(0.6).epsilon(0.1));
}

TEST_CASE("the level follows the voice: loud, soft, quiet") {
    const fs::path folder = scratch_dir("recorder-level");
    const auto level_of = [&](double amplitude) {
        VoiceRecorder recorder(instant(tone(0.5, amplitude)), folder);
        recorder.start();
        recorder.poll();
        const float level = recorder.level();
        recorder.cancel();
        return level;
    };
    const float loud = level_of(20000.0);
    const float soft = level_of(1000.0);
    const float faint = level_of(30.0);
    MESSAGE("level loud " << loud << ", soft " << soft << ", faint " << faint);
    CHECK(loud == 1.0f);
    CHECK(soft > 0.3f);
    CHECK(soft < 0.7f);
    CHECK(faint == 0.0f);
}
