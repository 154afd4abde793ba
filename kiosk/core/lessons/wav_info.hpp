#pragma once
// What a WAV recording holds, read from its RIFF header without decoding it, so a
// pack check can tell a volunteer "this clip is 3 minutes long" or "save it as 16-bit".
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace qiao::core {

struct WavInfo {
    int channels = 0;
    int sample_rate = 0;
    int bits = 0;                 // 8 or 16
    std::uint64_t data_bytes = 0;
    double seconds = 0;           // data bytes / byte rate
};

// Plain PCM, 8 or 16 bits, 1 to 8 channels. On failure, the reason in plain words.
std::variant<WavInfo, std::string> read_wav_info(std::string_view bytes);

}  // namespace qiao::core
