#include "voice/paced_audio_sink.hpp"

#include <chrono>
#include <optional>

namespace qiao::voice {

PacedAudioSink::PacedAudioSink() : thread_([this] { run(); }) {}

PacedAudioSink::~PacedAudioSink() {
    {
        std::lock_guard lock(mutex_);
        quit_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void PacedAudioSink::set_callbacks(Callbacks callbacks) {
    auto shared = std::make_shared<const Callbacks>(std::move(callbacks));
    std::lock_guard lock(mutex_);
    callbacks_ = std::move(shared);
}

void PacedAudioSink::play(std::uint64_t sound_id, SharedPcm sound) {
    if (!sound) sound = std::make_shared<const Pcm>();
    on_play(sound_id, *sound);
    const core::TimePoint now = std::chrono::steady_clock::now();
    const auto length = std::chrono::duration_cast<core::Duration>(std::chrono::duration<double>(sound->seconds()));
    std::optional<std::uint64_t> cut;
    std::shared_ptr<const Callbacks> callbacks;
    {
        std::lock_guard lock(mutex_);
        if (current_) cut = current_id_;
        current_ = std::move(sound);
        current_id_ = sound_id;
        ends_at_ = now + length;
        callbacks = callbacks_;
    }
    wake_.notify_all();
    if (cut && callbacks->finished) callbacks->finished(*cut, false);
    if (callbacks->started) callbacks->started(sound_id, now);
}

void PacedAudioSink::stop() {
    std::optional<std::uint64_t> cut;
    std::shared_ptr<const Callbacks> callbacks;
    {
        std::lock_guard lock(mutex_);
        if (current_) cut = current_id_;
        current_.reset();
        callbacks = callbacks_;
    }
    wake_.notify_all();
    if (cut && callbacks->finished) callbacks->finished(*cut, false);
}

bool PacedAudioSink::playing() const {
    std::lock_guard lock(mutex_);
    return current_ != nullptr;
}

void PacedAudioSink::run() {
    std::unique_lock lock(mutex_);
    while (!quit_) {
        if (!current_) {
            wake_.wait(lock);
            continue;
        }
        if (std::chrono::steady_clock::now() < ends_at_) {
            wake_.wait_until(lock, ends_at_);
            continue;  // re-check: the sound may have been replaced or stopped
        }
        const std::uint64_t done = current_id_;
        current_.reset();
        auto callbacks = callbacks_;
        lock.unlock();
        if (callbacks->finished) callbacks->finished(done, true);
        lock.lock();
    }
}

}  // namespace qiao::voice
