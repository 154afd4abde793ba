#include "voice/clip_loader.hpp"

#include <SDL.h>

#define STB_VORBIS_HEADER_ONLY  // the implementation is in libstb
#include <stb_vorbis.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "voice/synthesizer.hpp"  // SpeechError

namespace qiao::voice {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
    throw SpeechError("clip " + path.string() + ": " + what);
}

// Any SDL audio format, channel count and rate -> mono S16 at sample_rate.
Pcm convert(const std::filesystem::path& path, SDL_AudioFormat format, int channels, int rate, const void* data,
            int bytes, int sample_rate) {
    if (channels <= 0 || rate <= 0) fail(path, "has no channels or no sample rate");
    std::unique_ptr<SDL_AudioStream, decltype(&SDL_FreeAudioStream)> stream(
        SDL_NewAudioStream(format, static_cast<Uint8>(channels), rate, AUDIO_S16SYS, 1, sample_rate),
        &SDL_FreeAudioStream);
    if (!stream) fail(path, std::string("cannot be converted: ") + SDL_GetError());
    if (bytes > 0 && SDL_AudioStreamPut(stream.get(), data, bytes) != 0) {
        fail(path, std::string("cannot be converted: ") + SDL_GetError());
    }
    if (SDL_AudioStreamFlush(stream.get()) != 0) fail(path, std::string("cannot be converted: ") + SDL_GetError());

    Pcm pcm;
    pcm.sample_rate = sample_rate;
    const int available = SDL_AudioStreamAvailable(stream.get());
    pcm.samples.resize(static_cast<std::size_t>(available) / sizeof(std::int16_t));
    if (available > 0) {
        const int got = SDL_AudioStreamGet(stream.get(), pcm.samples.data(), available);
        if (got < 0) fail(path, std::string("cannot be converted: ") + SDL_GetError());
        pcm.samples.resize(static_cast<std::size_t>(got) / sizeof(std::int16_t));
    }
    return pcm;
}

Pcm load_wav(const std::filesystem::path& path, int sample_rate) {
    SDL_AudioSpec spec{};
    Uint8* buffer = nullptr;
    Uint32 length = 0;
    if (SDL_LoadWAV(path.string().c_str(), &spec, &buffer, &length) == nullptr) {
        fail(path, std::string("is not a WAV file SDL can read: ") + SDL_GetError());
    }
    std::unique_ptr<Uint8, decltype(&SDL_FreeWAV)> owned(buffer, &SDL_FreeWAV);
    return convert(path, spec.format, spec.channels, spec.freq, buffer, static_cast<int>(length), sample_rate);
}

Pcm load_ogg(const std::filesystem::path& path, int sample_rate) {
    int channels = 0;
    int rate = 0;
    short* output = nullptr;
    const int frames = stb_vorbis_decode_filename(path.string().c_str(), &channels, &rate, &output);
    if (frames < 0 || output == nullptr) fail(path, "is not an OGG Vorbis file that can be decoded");
    std::unique_ptr<short, decltype(&std::free)> owned(output, &std::free);
    const long long bytes = static_cast<long long>(frames) * channels * static_cast<long long>(sizeof(short));
    if (bytes > 0x7fffffffLL) fail(path, "is too long");
    return convert(path, AUDIO_S16SYS, channels, rate, output, static_cast<int>(bytes), sample_rate);
}

void put_u32(std::ofstream& out, std::uint32_t v) {
    const unsigned char b[4] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8),
                                static_cast<unsigned char>(v >> 16), static_cast<unsigned char>(v >> 24)};
    out.write(reinterpret_cast<const char*>(b), 4);
}

void put_u16(std::ofstream& out, std::uint16_t v) {
    const unsigned char b[2] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8)};
    out.write(reinterpret_cast<const char*>(b), 2);
}

}  // namespace

Pcm load_clip(const std::filesystem::path& path, int sample_rate) {
    if (sample_rate <= 0) fail(path, "asked for at an invalid sample rate");
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, "cannot be opened (missing or unreadable)");
    std::array<char, 4> magic{};
    in.read(magic.data(), magic.size());
    if (in.gcount() < 4) fail(path, "is too short to be a WAV or OGG file");
    in.close();

    if (std::memcmp(magic.data(), "RIFF", 4) == 0) return load_wav(path, sample_rate);
    if (std::memcmp(magic.data(), "OggS", 4) == 0) return load_ogg(path, sample_rate);
    fail(path, "is neither a WAV nor an OGG Vorbis file");
}

void write_wav(const std::filesystem::path& path, const Pcm& sound) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw SpeechError("cannot write WAV file " + path.string());
    const auto data_bytes = static_cast<std::uint32_t>(sound.samples.size() * sizeof(std::int16_t));
    const auto rate = static_cast<std::uint32_t>(sound.sample_rate);
    out.write("RIFF", 4);
    put_u32(out, 36 + data_bytes);
    out.write("WAVE", 4);
    out.write("fmt ", 4);
    put_u32(out, 16);        // PCM fmt chunk size
    put_u16(out, 1);         // PCM
    put_u16(out, 1);         // mono
    put_u32(out, rate);
    put_u32(out, rate * 2);  // byte rate
    put_u16(out, 2);         // block align
    put_u16(out, 16);        // bits per sample
    out.write("data", 4);
    put_u32(out, data_bytes);
    std::vector<unsigned char> data(data_bytes);
    for (std::size_t i = 0; i < sound.samples.size(); ++i) {
        const auto v = static_cast<std::uint16_t>(sound.samples[i]);
        data[2 * i] = static_cast<unsigned char>(v);
        data[2 * i + 1] = static_cast<unsigned char>(v >> 8);
    }
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) throw SpeechError("cannot write WAV file " + path.string());
}

}  // namespace qiao::voice
