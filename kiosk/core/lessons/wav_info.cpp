#include "core/lessons/wav_info.hpp"

namespace qiao::core {
namespace {

std::uint32_t u32(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}

std::uint16_t u16(std::string_view b, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8);
}

constexpr std::uint16_t kPcm = 1;
constexpr std::uint16_t kExtensible = 0xFFFE;  // recorders use it for plain PCM too

}  // namespace

std::variant<WavInfo, std::string> read_wav_info(std::string_view bytes) {
    const std::string save_again = "; save the recording again as a WAV file with 16-bit PCM sound";
    if (bytes.size() < 12 || bytes.substr(0, 4) != "RIFF" || bytes.substr(8, 4) != "WAVE")
        return std::string("it is not a WAV file");
    WavInfo info;
    bool have_format = false;
    std::uint32_t byte_rate = 0;
    std::size_t at = 12;
    // Chunks: 4-byte name, 4-byte size, the data, padded to an even size.
    while (at + 8 <= bytes.size()) {
        const std::string_view name = bytes.substr(at, 4);
        const std::uint64_t size = u32(bytes, at + 4);
        const std::size_t body = at + 8;
        if (name == "fmt ") {
            if (size < 16 || body + size > bytes.size()) return "its format description is damaged" + save_again;
            std::uint16_t format = u16(bytes, body);
            if (format == kExtensible && size >= 26) format = u16(bytes, body + 24);  // the sub-format's first bytes
            info.channels = u16(bytes, body + 2);
            info.sample_rate = static_cast<int>(u32(bytes, body + 4));
            byte_rate = u32(bytes, body + 8);
            info.bits = u16(bytes, body + 14);
            if (format != kPcm) return "its sound is compressed in a way Qiao does not play" + save_again;
            if (info.bits != 8 && info.bits != 16)
                return "its sound has " + std::to_string(info.bits) + "-bit samples" + save_again;
            if (info.channels < 1 || info.channels > 8 || info.sample_rate < 1000 || info.sample_rate > 384000)
                return "its channel count or sample rate is not usable" + save_again;
            // Computed, not trusted: a wrong byte rate in the header would lie about the length.
            byte_rate = static_cast<std::uint32_t>(info.sample_rate) * static_cast<std::uint32_t>(info.channels) *
                        static_cast<std::uint32_t>(info.bits / 8);
            have_format = true;
        } else if (name == "data") {
            if (!have_format) return "its sound comes before its format description" + save_again;
            if (body + size > bytes.size()) return std::string("the file is cut short (copy it again from the original)");
            if (size == 0) return std::string("it has no sound in it");
            info.data_bytes = size;
            info.seconds = static_cast<double>(size) / static_cast<double>(byte_rate);
            return info;
        }
        at = body + static_cast<std::size_t>(size) + (size & 1);
    }
    return have_format ? std::string("it has no sound in it") : "it has no format description" + save_again;
}

}  // namespace qiao::core
