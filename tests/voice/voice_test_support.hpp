#pragma once
// Shared helpers for the qiao_voice tests: polling waits (robust on a loaded machine),
// sound measurements, test doubles and a scratch folder.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "voice/audio_sink.hpp"
#include "voice/pcm.hpp"
#include "voice/synthesizer.hpp"

namespace qiao::voice::test {

// Polls pred until it holds or timeout passes; generous by default (ASan, 2 shared cores).
inline bool wait_until(const std::function<bool()>& pred, std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > deadline) return pred();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

inline double rms(const Pcm& pcm) {
    if (pcm.samples.empty()) return 0.0;
    double sum = 0.0;
    for (std::int16_t s : pcm.samples) sum += static_cast<double>(s) * s;
    return std::sqrt(sum / static_cast<double>(pcm.samples.size()));
}

inline int peak(const Pcm& pcm) {
    int p = 0;
    for (std::int16_t s : pcm.samples) p = std::max(p, std::abs(static_cast<int>(s)));
    return p;
}

inline Pcm sine(double seconds, int rate = 22050, double hz = 440.0, double amplitude = 8000.0) {
    Pcm pcm;
    pcm.sample_rate = rate;
    const auto n = static_cast<std::size_t>(seconds * rate);
    pcm.samples.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        pcm.samples[i] = static_cast<std::int16_t>(amplitude * std::sin(2.0 * M_PI * hz * static_cast<double>(i) / rate));
    }
    return pcm;
}

// A synthesizer that takes `delay` to make `seconds` of tone; text containing "FAIL" throws.
class FakeSynthesizer final : public Synthesizer {
public:
    struct Shared {
        std::atomic<int> calls{0};
        std::atomic<int> delay_ms{0};
        std::atomic<int> sound_ms{300};
    };

    explicit FakeSynthesizer(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

    Pcm synthesize(const std::string& text, const std::string& voice, int /*rate_wpm*/) override {
        ++shared_->calls;
        if (shared_->delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(shared_->delay_ms.load()));
        if (text.find("FAIL") != std::string::npos) throw SpeechError("fake synthesizer refuses \"" + text + "\"");
        if (voice == "nope") throw SpeechError("no voice nope");
        return sine(shared_->sound_ms / 1000.0);
    }

private:
    std::shared_ptr<Shared> shared_;
};

// Wraps a real sink and counts what it was asked to do.
class SpySink final : public AudioSink {
public:
    struct Counts {
        std::atomic<int> plays{0};
        std::atomic<int> stops{0};
    };

    SpySink(std::unique_ptr<AudioSink> inner, std::shared_ptr<Counts> counts)
        : inner_(std::move(inner)), counts_(std::move(counts)) {}
    void set_callbacks(Callbacks callbacks) override { inner_->set_callbacks(std::move(callbacks)); }
    void play(std::uint64_t id, SharedPcm sound) override {
        ++counts_->plays;
        inner_->play(id, std::move(sound));
    }
    void stop() override {
        ++counts_->stops;
        inner_->stop();
    }
    bool playing() const override { return inner_->playing(); }
    std::string describe() const override { return "spy on " + inner_->describe(); }

private:
    std::unique_ptr<AudioSink> inner_;
    std::shared_ptr<Counts> counts_;
};

// The test run's own scratch folder under the build tree's test-tmp: per process, so
// two runs of the suite at once do not trip over each other; removed at exit.
inline std::filesystem::path scratch_root() {
    return std::filesystem::path(QIAO_TEST_TMP) / ("voice-" + std::to_string(::getpid()));
}

struct ScratchCleanup {
    ~ScratchCleanup() {
        std::error_code ec;
        std::filesystem::remove_all(scratch_root(), ec);
    }
};
inline ScratchCleanup scratch_cleanup;

// A fresh folder for one test.
inline std::filesystem::path scratch_dir(const std::string& name) {
    const std::filesystem::path dir = scratch_root() / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace qiao::voice::test
