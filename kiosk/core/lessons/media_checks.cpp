#include "core/lessons/media_checks.hpp"

#include <stb/stb_image.h>
#define STB_VORBIS_HEADER_ONLY  // the implementation is in libstb
#include <stb/stb_vorbis.h>

#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <variant>

#include "core/lessons/pack_files.hpp"
#include "core/lessons/pack_rules.hpp"
#include "core/lessons/wav_info.hpp"

namespace qiao::core {
namespace {

bool starts_with(const std::string& bytes, std::string_view magic) { return bytes.compare(0, magic.size(), magic) == 0; }

std::string seconds_words(double seconds) {
    if (seconds < 10) {
        char text[32];
        std::snprintf(text, sizeof text, "%.1f seconds", seconds);
        return text;
    }
    const long whole = std::lround(seconds);
    if (whole < 60) return std::to_string(whole) + " seconds";
    return std::to_string(whole / 60) + " min " + std::to_string(whole % 60) + " s";
}

// Returns why the picture cannot be used, or "".
std::string picture_problem(const std::string& bytes, const PackLimits& limits) {
    if (!starts_with(bytes, "\x89PNG\r\n\x1a\n") && !starts_with(bytes, "\xFF\xD8\xFF"))
        return "it is not a PNG or JPEG picture inside (perhaps another kind of file was renamed); open it in a "
               "picture program and save it as PNG or JPEG";
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return "it is too big";
    const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
    const int length = static_cast<int>(bytes.size());
    int width = 0, height = 0, channels = 0;
    // The size first, from the header alone: a huge picture is refused before it is decoded.
    if (!stbi_info_from_memory(data, length, &width, &height, &channels))
        return "it cannot be read as a picture: it is damaged or cut short; save it again as PNG or JPEG (detail: " +
               std::string(stbi_failure_reason()) + ")";
    if (width > limits.max_picture_side || height > limits.max_picture_side)
        return "it is " + std::to_string(width) + " x " + std::to_string(height) + " pixels, but a picture may be at most " +
               std::to_string(limits.max_picture_side) + " pixels each way; make it smaller";
    const std::unique_ptr<stbi_uc, void (*)(void*)> pixels(stbi_load_from_memory(data, length, &width, &height, &channels, 0),
                                                           stbi_image_free);
    if (!pixels)
        return "it cannot be read as a picture: it is damaged or cut short; save it again as PNG or JPEG (detail: " +
               std::string(stbi_failure_reason()) + ")";
    return "";
}

// Decodes the whole clip (it must play to the end) and returns its length, or why not.
std::variant<double, std::string> ogg_seconds(const std::string& bytes, double max_seconds) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return std::string("it is too big");
    int error = 0;
    const std::unique_ptr<stb_vorbis, void (*)(stb_vorbis*)> vorbis(
        stb_vorbis_open_memory(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()),
                               &error, nullptr),
        stb_vorbis_close);
    const std::string damaged = "it cannot be played: it is not an OGG Vorbis recording, or it is damaged; save it "
                                "again as OGG Vorbis or WAV";
    if (!vorbis) return damaged;
    const stb_vorbis_info info = stb_vorbis_get_info(vorbis.get());
    if (info.channels < 1 || info.sample_rate < 1000) return damaged;
    const double rate = static_cast<double>(info.sample_rate);
    const auto most = static_cast<long long>((max_seconds + 1) * rate);
    long long frames = 0;
    short buffer[8192];
    for (int got; (got = stb_vorbis_get_samples_short_interleaved(vorbis.get(), info.channels, buffer, 8192)) > 0;) {
        frames += got;
        if (frames > most) return static_cast<double>(frames) / rate;  // long enough to refuse; stop decoding
    }
    if (frames == 0) return std::string("it has no sound in it, or it cannot be played; save it again");
    // A clip cut short decodes fewer samples than its last page promises.
    const unsigned promised = stb_vorbis_stream_length_in_samples(vorbis.get());
    if (promised > 0 && static_cast<double>(frames) < 0.95 * promised)
        return std::string("it stops part of the way through (damaged or cut short); copy it again from the original");
    return static_cast<double>(frames) / rate;
}

// Returns why the clip cannot be used, or "".
std::string clip_problem(const std::string& bytes, const PackLimits& limits) {
    std::variant<double, std::string> seconds = std::string();
    if (starts_with(bytes, "RIFF")) {
        auto wav = read_wav_info(bytes);
        if (auto* why = std::get_if<std::string>(&wav)) return *why;
        seconds = std::get<WavInfo>(wav).seconds;
    } else if (starts_with(bytes, "OggS")) {
        seconds = ogg_seconds(bytes, limits.max_clip_seconds);
    } else {
        return "it is not a WAV or OGG recording inside (perhaps another kind of file was renamed); save it again as "
               "WAV or OGG";
    }
    if (auto* why = std::get_if<std::string>(&seconds)) return *why;
    if (std::get<double>(seconds) > limits.max_clip_seconds)
        return "it is " + seconds_words(std::get<double>(seconds)) + " long, but a clip may be at most " +
               seconds_words(limits.max_clip_seconds) + "; split the step in two, or say it more briefly";
    return "";
}

}  // namespace

void check_referenced_file(const std::filesystem::path& root, const std::string& lesson_folder,
                           const FileReference& reference, const PackLimits& limits, FileProblems& problems,
                           std::set<std::string>& checked) {
    const bool picture = reference.kind == FileReference::Kind::Picture;
    const std::string in_pack = lesson_folder + "/" + reference.path;
    if (!checked.insert(in_pack).second) return;
    const std::string called = std::string(picture ? "the picture" : "the recording") + " '" + reference.path + "' of " +
                               reference.used_by;

    const PackEntry entry = inspect_in_pack(root, in_pack);
    switch (entry.kind) {
    case PackEntry::Kind::Missing: {
        std::string message = called + " is not in the pack: there is no file " + in_pack +
                              "; check the name (capital letters count) and that the file was copied";
        const auto slash = in_pack.rfind('/');
        const auto near = pack_rules::closest(in_pack.substr(slash + 1), names_in_folder(root, in_pack.substr(0, slash)));
        if (!near.empty()) message += "; there is a file '" + near + "': is that the one?";
        problems.error(reference.where, message);
        return;
    }
    case PackEntry::Kind::Folder: problems.error(reference.where, called + " names a folder, not a file"); return;
    case PackEntry::Kind::Link:
    case PackEntry::Kind::Other: return;  // the walk over the pack reports these, once, at the file itself
    case PackEntry::Kind::File: break;
    }

    const std::uint64_t most = picture ? limits.max_picture_bytes : limits.max_clip_bytes;
    if (entry.size > most) {
        problems.error(reference.where, called + " is " + size_words(entry.size) + ", but " +
                                            (picture ? "a picture" : "a recording") + " may be at most " +
                                            size_words(most) + "; save it smaller");
        return;
    }
    if (!limits.decode_media) return;
    const auto bytes = read_file_bytes(root / in_pack, most);
    if (!bytes) {
        problems.error(reference.where, called + " cannot be read from " + in_pack);
        return;
    }
    const std::string why = picture ? picture_problem(*bytes, limits) : clip_problem(*bytes, limits);
    if (!why.empty()) problems.error(reference.where, called + " cannot be used: " + why);
}

}  // namespace qiao::core
