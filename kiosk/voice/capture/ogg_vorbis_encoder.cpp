#include "voice/capture/ogg_vorbis_encoder.hpp"

#include <ogg/ogg.h>
#include <vorbis/codec.h>
#include <vorbis/vorbisenc.h>

#include <algorithm>
#include <random>
#include <stdexcept>

namespace qiao::voice {

// Each member is set up in the constructor body in this order and cleared in reverse by
// the destructor, so a half-made encoder (a failed init) releases what it made.
struct OggVorbisEncoder::State {
    vorbis_info info{};
    vorbis_comment comment{};
    vorbis_dsp_state dsp{};
    vorbis_block block{};
    ogg_stream_state stream{};
    bool has_info = false, has_comment = false, has_dsp = false, has_block = false, has_stream = false;

    ~State() {
        if (has_stream) ogg_stream_clear(&stream);
        if (has_block) vorbis_block_clear(&block);
        if (has_dsp) vorbis_dsp_clear(&dsp);
        if (has_comment) vorbis_comment_clear(&comment);
        if (has_info) vorbis_info_clear(&info);
    }
};

OggVorbisEncoder::OggVorbisEncoder(int sample_rate, float quality) : state_(std::make_unique<State>()) {
    State& s = *state_;
    vorbis_info_init(&s.info);
    s.has_info = true;
    if (vorbis_encode_init_vbr(&s.info, 1, sample_rate, quality) != 0) {
        throw std::runtime_error("the Vorbis encoder has no setting for " + std::to_string(sample_rate) +
                                 " Hz mono at quality " + std::to_string(quality));
    }
    vorbis_comment_init(&s.comment);
    s.has_comment = true;
    vorbis_comment_add_tag(&s.comment, "ENCODER", "Qiao kiosk");  // nothing about the person
    if (vorbis_analysis_init(&s.dsp, &s.info) != 0) throw std::runtime_error("the Vorbis encoder cannot start");
    s.has_dsp = true;
    if (vorbis_block_init(&s.dsp, &s.block) != 0) throw std::runtime_error("the Vorbis encoder cannot start");
    s.has_block = true;
    // The stream serial number only has to differ between streams chained in one file.
    if (ogg_stream_init(&s.stream, static_cast<int>(std::random_device{}() & 0x7fffffff)) != 0) {
        throw std::runtime_error("the Ogg stream cannot start");
    }
    s.has_stream = true;

    ogg_packet identification, comments, codebooks;
    vorbis_analysis_headerout(&s.dsp, &s.comment, &identification, &comments, &codebooks);
    ogg_stream_packetin(&s.stream, &identification);
    ogg_stream_packetin(&s.stream, &comments);
    ogg_stream_packetin(&s.stream, &codebooks);
    take_pages(true);  // the audio starts on a page of its own, as the Vorbis spec asks
}

OggVorbisEncoder::~OggVorbisEncoder() = default;

void OggVorbisEncoder::add(std::span<const std::int16_t> samples) {
    if (finished_) return;
    constexpr std::size_t kChunk = 4096;
    while (!samples.empty()) {
        const std::size_t n = std::min(samples.size(), kChunk);
        float** buffer = vorbis_analysis_buffer(&state_->dsp, static_cast<int>(n));
        for (std::size_t i = 0; i < n; ++i) buffer[0][i] = static_cast<float>(samples[i]) / 32768.0f;
        vorbis_analysis_wrote(&state_->dsp, static_cast<int>(n));
        pump();
        samples = samples.subspan(n);
    }
}

const std::string& OggVorbisEncoder::finish() {
    if (!finished_) {
        vorbis_analysis_wrote(&state_->dsp, 0);  // end of stream
        pump();
        take_pages(true);
        finished_ = true;
    }
    return bytes_;
}

void OggVorbisEncoder::pump() {
    State& s = *state_;
    while (vorbis_analysis_blockout(&s.dsp, &s.block) == 1) {
        vorbis_analysis(&s.block, nullptr);
        vorbis_bitrate_addblock(&s.block);
        ogg_packet packet;
        while (vorbis_bitrate_flushpacket(&s.dsp, &packet) == 1) {
            ogg_stream_packetin(&s.stream, &packet);
            take_pages(false);
        }
    }
}

void OggVorbisEncoder::take_pages(bool flush) {
    ogg_page page;
    while ((flush ? ogg_stream_flush(&state_->stream, &page) : ogg_stream_pageout(&state_->stream, &page)) != 0) {
        bytes_.append(reinterpret_cast<const char*>(page.header), static_cast<std::size_t>(page.header_len));
        bytes_.append(reinterpret_cast<const char*>(page.body), static_cast<std::size_t>(page.body_len));
    }
}

}  // namespace qiao::voice
