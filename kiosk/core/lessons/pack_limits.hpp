#pragma once
// How big a lesson pack and its files may be. The defaults are the format's
// (docs/lesson-pack.md); a kiosk may configure its own.
#include <cstdint>

namespace qiao::core {

struct PackLimits {
    std::uint64_t max_pack_bytes = 200ull << 20;     // every file in the pack together
    std::uint64_t max_picture_bytes = 10ull << 20;
    int max_picture_side = 4096;                     // pixels, width and height each
    std::uint64_t max_clip_bytes = 20ull << 20;
    double max_clip_seconds = 120;
    // pack.json and each lesson.json: far more than any lesson needs, and a bound on
    // what is read into memory before it is understood.
    std::uint64_t max_json_bytes = 4ull << 20;
    // false for a pack already verified when it was installed (the kiosk at start-up):
    // referenced pictures and recordings must still be there and within the limits,
    // but are not read and decoded again.
    bool decode_media = true;
};

}  // namespace qiao::core
