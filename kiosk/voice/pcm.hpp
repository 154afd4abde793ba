#pragma once
// Pcm: a mono 16-bit sound, whole in memory (spoken prompts are a few seconds).
#include <cstdint>
#include <memory>
#include <vector>

namespace qiao::voice {

struct Pcm {
    int sample_rate = 22050;
    std::vector<std::int16_t> samples;

    double seconds() const { return sample_rate > 0 ? static_cast<double>(samples.size()) / sample_rate : 0.0; }
};

using SharedPcm = std::shared_ptr<const Pcm>;

}  // namespace qiao::voice
