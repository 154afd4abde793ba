#pragma once
// Helpers for the recording tests: a capture that delivers what the test says at once,
// and what a folder holds.
#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "voice/capture/voice_capture.hpp"
#include "voice/pcm.hpp"

namespace qiao::voice::test {

// Delivers `chunk` at each drain() (endless) or once, at once: a microphone without the
// waiting. Counts starts and stops; fail_next_start makes start() throw Busy once.
class InstantCapture final : public VoiceCapture {
public:
    struct Shared {
        std::atomic<int> starts{0};
        std::atomic<int> stops{0};
        std::atomic<bool> fail_next_start{false};
    };

    InstantCapture(std::vector<std::int16_t> chunk, bool endless, std::shared_ptr<Shared> shared = std::make_shared<Shared>())
        : chunk_(std::move(chunk)), endless_(endless), shared_(std::move(shared)) {}

    int sample_rate() const override { return kCaptureSampleRate; }
    void start() override {
        if (shared_->fail_next_start.exchange(false)) {
            throw CaptureError(CaptureError::Kind::Busy, "test: the microphone is busy");
        }
        ++shared_->starts;
        running_ = true;
        delivered_ = false;
    }
    void stop() override {
        if (running_) ++shared_->stops;
        running_ = false;
    }
    void drain(std::vector<std::int16_t>& out) override {
        if (!running_ || (delivered_ && !endless_)) return;
        out.insert(out.end(), chunk_.begin(), chunk_.end());
        delivered_ = true;
    }
    std::string describe() const override { return "instant test capture"; }

private:
    std::vector<std::int16_t> chunk_;
    bool endless_;
    std::shared_ptr<Shared> shared_;
    bool running_ = false;
    bool delivered_ = false;
};

inline std::vector<std::string> names_in(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) names.push_back(entry.path().filename().string());
    return names;
}

}  // namespace qiao::voice::test
