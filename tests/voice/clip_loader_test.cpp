#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "voice/clip_loader.hpp"
#include "voice_test_support.hpp"

using namespace qiao::voice;
namespace fs = std::filesystem;
using qiao::voice::test::peak;
using qiao::voice::test::scratch_dir;
using qiao::voice::test::sine;

namespace {

void put16(std::ofstream& out, int v) {
    const char b[2] = {static_cast<char>(v & 0xff), static_cast<char>((v >> 8) & 0xff)};
    out.write(b, 2);
}
void put32(std::ofstream& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.put(static_cast<char>((v >> (8 * i)) & 0xff));
}

// 1 s of 440 Hz at 44100 Hz, stereo, written by hand (not by write_wav).
void write_stereo_44k(const fs::path& path) {
    const int rate = 44100;
    const int frames = rate;
    std::ofstream out(path, std::ios::binary);
    out.write("RIFF", 4);
    put32(out, 36 + frames * 4);
    out.write("WAVEfmt ", 8);
    put32(out, 16);
    put16(out, 1);
    put16(out, 2);
    put32(out, rate);
    put32(out, rate * 4);
    put16(out, 4);
    put16(out, 16);
    out.write("data", 4);
    put32(out, frames * 4);
    for (int i = 0; i < frames; ++i) {
        const int v = static_cast<int>(10000 * std::sin(2.0 * M_PI * 440.0 * i / rate));
        put16(out, v);  // left
        put16(out, v);  // right
    }
}

std::string error_of(const fs::path& path, int rate = 22050) {
    try {
        load_clip(path, rate);
    } catch (const SpeechError& e) {
        return e.what();
    }
    return {};
}

}  // namespace

TEST_CASE("write_wav writes a canonical WAV that load_clip reads back") {
    const fs::path dir = scratch_dir("clip-roundtrip");
    const Pcm original = sine(0.5);
    write_wav(dir / "a.wav", original);
    CHECK(fs::file_size(dir / "a.wav") == 44 + 2 * original.samples.size());

    std::ifstream in(dir / "a.wav", std::ios::binary);
    char header[44];
    in.read(header, 44);
    CHECK(std::string(header, 4) == "RIFF");
    CHECK(std::string(header + 8, 8) == "WAVEfmt ");
    CHECK(std::string(header + 36, 4) == "data");

    const Pcm loaded = load_clip(dir / "a.wav", 22050);
    CHECK(loaded.sample_rate == 22050);
    CHECK(loaded.samples == original.samples);
}

TEST_CASE("a 44.1 kHz stereo WAV becomes mono at 22050 Hz") {
    const fs::path dir = scratch_dir("clip-stereo");
    write_stereo_44k(dir / "stereo.wav");
    const Pcm pcm = load_clip(dir / "stereo.wav", 22050);
    CHECK(pcm.sample_rate == 22050);
    CHECK(pcm.seconds() == doctest::Approx(1.0).epsilon(0.02));
    CHECK(peak(pcm) > 8000);
    CHECK(peak(pcm) < 11000);
}

TEST_CASE("clips that cannot be read are refused with the file's name") {
    const fs::path dir = scratch_dir("clip-bad");
    SUBCASE("garbage") {
        std::ofstream(dir / "garbage.wav") << "this is not a sound at all, just words";
        const std::string error = error_of(dir / "garbage.wav");
        CHECK(error.find("garbage.wav") != std::string::npos);
    }
    SUBCASE("a RIFF header with nothing sensible after it") {
        std::ofstream(dir / "broken.wav") << "RIFF\x10\0\0\0WAVEjunkjunkjunk";
        const std::string error = error_of(dir / "broken.wav");
        CHECK(error.find("broken.wav") != std::string::npos);
    }
    SUBCASE("a broken OGG") {
        std::ofstream(dir / "broken.ogg") << "OggS but then nothing that vorbis can decode";
        const std::string error = error_of(dir / "broken.ogg");
        CHECK(error.find("broken.ogg") != std::string::npos);
    }
    SUBCASE("missing") {
        const std::string error = error_of(dir / "missing.wav");
        CHECK(error.find("missing.wav") != std::string::npos);
    }
    SUBCASE("empty") {
        std::ofstream(dir / "empty.wav").flush();
        CHECK(error_of(dir / "empty.wav").find("empty.wav") != std::string::npos);
    }
}

TEST_CASE("an OGG Vorbis clip is decoded and converted") {
    const fs::path dir = scratch_dir("clip-ogg");
    const fs::path ogg = dir / "tone.ogg";
    const std::string command = "sox -n -r 44100 -c 2 \"" + ogg.string() + "\" synth 0.5 sine 440 >/dev/null 2>&1";
    if (std::system("command -v sox >/dev/null 2>&1") != 0 || std::system(command.c_str()) != 0 || !fs::exists(ogg)) {
        MESSAGE("skipped: sox with Vorbis support is not available to make an OGG fixture");
        return;
    }
    const Pcm pcm = load_clip(ogg, 22050);
    CHECK(pcm.sample_rate == 22050);
    CHECK(pcm.seconds() == doctest::Approx(0.5).epsilon(0.05));
    CHECK(peak(pcm) > 1000);
}
