#pragma once
// OggVorbisEncoder: mono 16-bit PCM to an Ogg Vorbis file in memory (libvorbisenc, VBR).
// Fed as the sound arrives, so a minute of speech costs a little every frame rather than
// a pause when the senior taps "done"; a minute is a few hundred KB, held until written.
#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace qiao::voice {

class OggVorbisEncoder {
public:
    // quality: libvorbis's VBR scale, -0.1 (smallest) .. 1.0. Throws std::runtime_error
    // when libvorbis has no mode for this rate and quality.
    OggVorbisEncoder(int sample_rate, float quality);
    ~OggVorbisEncoder();
    OggVorbisEncoder(const OggVorbisEncoder&) = delete;
    OggVorbisEncoder& operator=(const OggVorbisEncoder&) = delete;

    void add(std::span<const std::int16_t> samples);
    // Ends the stream (last page marked end-of-stream) and returns the whole file;
    // calling it again returns the same bytes, add() after it is ignored.
    const std::string& finish();
    // The bytes so far (pages completed); the whole file once finished.
    std::size_t size() const { return bytes_.size(); }

private:
    void pump();
    void take_pages(bool flush);

    struct State;  // libvorbis/libogg structs (kept out of this header)
    std::unique_ptr<State> state_;
    std::string bytes_;
    bool finished_ = false;
};

}  // namespace qiao::voice
