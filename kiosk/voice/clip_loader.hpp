#pragma once
// Recorded clips (a volunteer's own voice is the best narration there is): WAV (any
// format SDL can read) or OGG Vorbis, converted to mono 16-bit at the sink's rate.
#include <filesystem>

#include "voice/pcm.hpp"

namespace qiao::voice {

// Throws SpeechError naming the file and what is wrong with it.
Pcm load_clip(const std::filesystem::path& path, int sample_rate);

// Writes mono 16-bit PCM as a WAV file (for WavFileSink and listening checks).
void write_wav(const std::filesystem::path& path, const Pcm& sound);

}  // namespace qiao::voice
