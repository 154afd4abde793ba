#include "voice/capture/voice_recorder.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <system_error>

#include "core/outbox/outbox.hpp"  // new_client_id

namespace qiao::voice {
namespace {

// libvorbis VBR quality for a 16 kHz mono voice. 0.0 measures about 3.2 KB a second for
// synthesized Mandarin speech and 3.6 KB/s with room noise added (0.1: 4.2 KB/s, -0.1:
// 2.3 KB/s; tests/voice/voice_recorder_test.cpp prints them): a minute is under 250 KB,
// and a shaky voice stays clear over a volunteer's phone speaker.
constexpr float kVorbisQuality = 0.0f;

// A 20 ms frame counts as heard when its RMS reaches about -41 dBFS: well above a quiet
// room through a kiosk microphone (-55 dBFS and below), well below soft speech at arm's
// length (-30 dBFS and above).
constexpr double kFrameSeconds = 0.02;
constexpr double kHeardRms = 300.0;
constexpr double kMinimumHeardSeconds = 0.5;
constexpr double kLevelSeconds = 0.1;
constexpr double kLevelFloorDb = -60.0;
constexpr double kLevelTopDb = -10.0;

bool disk_full(const std::error_code& code) {
    return code.category() == std::generic_category() && (code.value() == ENOSPC || code.value() == EDQUOT);
}

}  // namespace

VoiceRecorder::VoiceRecorder(std::unique_ptr<VoiceCapture> capture, std::filesystem::path folder,
                             std::chrono::seconds limit)
    : VoiceRecorder(std::move(capture), std::move(folder), limit, open_private_file) {}

VoiceRecorder::VoiceRecorder(std::unique_ptr<VoiceCapture> capture, std::filesystem::path folder,
                             std::chrono::seconds limit, OpenForWriting open_output)
    : capture_(std::move(capture)), folder_(std::move(folder)), open_output_(std::move(open_output)) {
    if (!capture_) throw std::invalid_argument("voice recorder: no capture given");
    if (limit.count() <= 0) throw std::invalid_argument("voice recorder: the time limit must be positive");
    if (!open_output_) throw std::invalid_argument("voice recorder: no way to open the output given");
    rate_ = capture_->sample_rate();
    limit_samples_ = static_cast<std::size_t>(limit.count()) * static_cast<std::size_t>(rate_);
}

VoiceRecorder::~VoiceRecorder() { stop_capture(); }

void VoiceRecorder::start() {
    if (recording_) throw std::logic_error("voice recorder: start() while already recording");
    // Made before the microphone opens, so a failure of either leaves things as they were.
    auto encoder = std::make_unique<OggVorbisEncoder>(rate_, kVorbisQuality);
    capture_->start();  // CaptureError: nothing changed
    encoder_ = std::move(encoder);
    recording_ = true;
    capturing_ = true;
    limit_reached_ = false;
    samples_ = 0;
    heard_frames_ = 0;
    frame_energy_ = 0.0;
    frame_fill_ = 0;
    recent_.clear();
}

double VoiceRecorder::seconds() const { return rate_ > 0 ? static_cast<double>(samples_) / rate_ : 0.0; }

double VoiceRecorder::heard_seconds() const { return static_cast<double>(heard_frames_) * kFrameSeconds; }

float VoiceRecorder::level() const {
    if (!capturing_ || recent_.empty()) return 0.0f;
    double sum = 0.0;
    for (std::int16_t s : recent_) sum += static_cast<double>(s) * s;
    const double rms = std::sqrt(sum / static_cast<double>(recent_.size()));
    if (rms < 1.0) return 0.0f;
    const double db = 20.0 * std::log10(rms / 32768.0);
    return static_cast<float>(std::clamp((db - kLevelFloorDb) / (kLevelTopDb - kLevelFloorDb), 0.0, 1.0));
}

bool VoiceRecorder::poll() {
    if (!recording_) return false;
    if (!capturing_) return limit_reached_;
    scratch_.clear();
    capture_->drain(scratch_);
    take(scratch_);
    if (samples_ >= limit_samples_) {
        stop_capture();
        limit_reached_ = true;
    }
    return limit_reached_;
}

void VoiceRecorder::take(const std::vector<std::int16_t>& samples) {
    const std::size_t room = limit_samples_ - std::min(samples_, limit_samples_);
    const std::span<const std::int16_t> kept(samples.data(), std::min(samples.size(), room));
    if (kept.empty()) return;
    encoder_->add(kept);
    samples_ += kept.size();

    const auto frame_size = static_cast<std::size_t>(kFrameSeconds * rate_);
    for (std::int16_t s : kept) {
        frame_energy_ += static_cast<double>(s) * s;
        if (++frame_fill_ == frame_size) {
            if (std::sqrt(frame_energy_ / static_cast<double>(frame_size)) >= kHeardRms) ++heard_frames_;
            frame_energy_ = 0.0;
            frame_fill_ = 0;
        }
    }

    const auto level_size = static_cast<std::size_t>(kLevelSeconds * rate_);
    recent_.insert(recent_.end(), kept.end() - static_cast<std::ptrdiff_t>(std::min(kept.size(), level_size)),
                   kept.end());
    if (recent_.size() > level_size) {
        recent_.erase(recent_.begin(), recent_.end() - static_cast<std::ptrdiff_t>(level_size));
    }
}

std::filesystem::path VoiceRecorder::finish() {
    if (capturing_) {
        poll();  // what was said up to the tap on "done"
        stop_capture();
    }
    recording_ = false;
    if (!encoder_) throw RecordingError(RecordingError::Kind::Nothing, "nothing was recorded");
    if (heard_seconds() < kMinimumHeardSeconds) {
        drop();
        throw RecordingError(RecordingError::Kind::Nothing,
                             "no voice was heard (under half a second loud enough to be speech); nothing was kept");
    }
    const std::string& bytes = encoder_->finish();

    const std::filesystem::path file = folder_ / (core::new_client_id() + ".ogg");
    try {
        std::error_code ec;
        std::filesystem::create_directories(folder_, ec);
        if (ec) throw std::system_error(ec, "could not create the folder " + folder_.string());
        write_file_durably(file, bytes, open_output_);
    } catch (const std::system_error& e) {
        if (disk_full(e.code())) {
            throw RecordingError(RecordingError::Kind::DiskFull,
                                 std::string("the disk is full, so the voice message was not saved (") + e.what() +
                                     "); free some space, or send the request without it");
        }
        throw RecordingError(RecordingError::Kind::CannotWrite,
                             std::string("the voice message could not be saved (") + e.what() +
                                 "); send the request without it, and tell staff");
    }
    drop();  // written; seconds() still tells how long it was
    return file;
}

void VoiceRecorder::cancel() {
    stop_capture();
    recording_ = false;
    drop();
    samples_ = 0;
    heard_frames_ = 0;
}

std::string VoiceRecorder::describe_source() const { return capture_->describe(); }

void VoiceRecorder::stop_capture() {
    if (!capturing_) return;
    capture_->stop();
    capturing_ = false;
    recent_.clear();
}

void VoiceRecorder::drop() {
    encoder_.reset();
    limit_reached_ = false;
}

void delete_recording(const std::filesystem::path& file) noexcept {
    if (file.empty()) return;
    std::error_code ec;
    std::filesystem::remove(file, ec);
}

}  // namespace qiao::voice
