#include "voice/speech_service.hpp"

#include <chrono>
#include <exception>
#include <list>
#include <unordered_map>
#include <utility>

#include "voice/clip_loader.hpp"

namespace qiao::voice {
namespace {

constexpr int kClipSampleRate = 22050;            // clips are loaded at espeak-ng's rate
constexpr std::size_t kCacheMaxSounds = 256;
constexpr std::size_t kCacheMaxBytes = 64u << 20;  // 64 MB of samples
constexpr std::size_t kHistoryMax = 1000;
constexpr auto kSinkRestAfter = std::chrono::seconds(3);  // quiet this long: let go of the audio device

std::string cache_key(const Utterance& u) {
    if (!u.clip.empty()) return "clip\x1f" + u.clip.string();
    return "tts\x1f" + u.voice + "\x1f" + std::to_string(u.rate_wpm) + "\x1f" + u.text;
}

std::size_t bytes_of(const Pcm& pcm) { return pcm.samples.size() * sizeof(std::int16_t) + sizeof(Pcm); }

std::string shorten(const std::string& text) {
    return text.size() <= 80 ? text : text.substr(0, 80) + "...";
}

// A bounded least-recently-used cache of sounds.
class SoundCache {
public:
    SharedPcm find(const std::string& key) {
        auto it = index_.find(key);
        if (it == index_.end()) return nullptr;
        order_.splice(order_.begin(), order_, it->second);  // most recently used first
        return it->second->second;
    }

    bool contains(const std::string& key) const { return index_.count(key) != 0; }

    void put(const std::string& key, SharedPcm sound) {
        if (auto it = index_.find(key); it != index_.end()) {
            bytes_ -= bytes_of(*it->second->second);
            order_.erase(it->second);
            index_.erase(it);
        }
        bytes_ += bytes_of(*sound);
        order_.emplace_front(key, std::move(sound));
        index_[key] = order_.begin();
        while (order_.size() > 1 && (order_.size() > kCacheMaxSounds || bytes_ > kCacheMaxBytes)) {
            bytes_ -= bytes_of(*order_.back().second);
            index_.erase(order_.back().first);
            order_.pop_back();
        }
    }

    std::size_t size() const { return order_.size(); }

private:
    using Entry = std::pair<std::string, SharedPcm>;
    std::list<Entry> order_;
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
    std::size_t bytes_ = 0;
};

}  // namespace

struct SpeechService::Impl {
    struct Request {
        std::uint64_t id = 0;
        Utterance utterance;
    };

    Impl(std::unique_ptr<Synthesizer> s, AudioSink& k, core::Log& l, std::function<void()> w)
        : synthesizer(std::move(s)), sink(k), log(l), wake_ui(std::move(w)) {}

    std::unique_ptr<Synthesizer> synthesizer;  // used by the worker thread only
    AudioSink& sink;
    core::Log& log;
    std::function<void()> wake_ui;

    mutable std::mutex mutex;  // everything below; never held while calling the sink or wake_ui
    std::condition_variable work;
    bool quit = false;
    bool enabled = true;
    std::uint64_t next_id = 0;
    std::uint64_t cancelled_up_to = 0;  // stop(): requests with id <= this are not played
    std::optional<Request> pending;     // the latest say() not yet taken by the worker
    std::uint64_t working_on = 0;       // say() the worker is synthesizing / loading
    std::uint64_t sounding = 0;         // say() handed to the sink and not finished
    std::deque<Utterance> to_prepare;
    bool preparing = false;
    SoundCache cache;
    std::deque<SaidRecord> said;

    // Orders "is this request still the latest? then play it" (worker) against
    // "cut off what sounds" (say/stop): either the stop comes after the play and cuts
    // it, or the worker sees the newer request and does not play. Sink callbacks take
    // only `mutex`, never this one.
    std::mutex sink_control;

    std::thread worker;

    SaidRecord* record(std::uint64_t id) {
        for (auto it = said.rbegin(); it != said.rend(); ++it) {
            if (it->id == id) return &*it;
            if (it->id < id) break;
        }
        return nullptr;
    }

    void set_end(std::uint64_t id, SaidRecord::End end, const std::string& error = {}) {
        if (SaidRecord* r = record(id); r != nullptr && r->end == SaidRecord::End::Pending) {
            r->end = end;
            r->error = error;
        }
    }

    bool superseded(std::uint64_t id) const {
        return id <= cancelled_up_to || pending.has_value() || id != next_id || quit;
    }

    void wake() {
        if (wake_ui) wake_ui();
    }

    // Sink callbacks (sink threads, or the thread calling play/stop).
    void on_started(std::uint64_t id, core::TimePoint when) {
        {
            std::lock_guard lock(mutex);
            if (SaidRecord* r = record(id); r != nullptr && !r->first_sample) r->first_sample = when;
        }
        wake();
    }

    void on_finished(std::uint64_t id, bool completed) {
        {
            std::lock_guard lock(mutex);
            set_end(id, completed ? SaidRecord::End::Completed : SaidRecord::End::CutOff);
            if (sounding == id) sounding = 0;
        }
        wake();
    }

    // Cut off the sound playing now if it is one of the requests up to `up_to`, from a
    // caller's thread. (By the time this runs the worker may already have started the
    // newer request; that one must not be cut off.)
    void cut_off_sound(std::uint64_t up_to) {
        std::lock_guard control(sink_control);
        {
            std::lock_guard lock(mutex);
            if (sounding == 0 || sounding > up_to) return;
        }
        sink.stop();
    }

    SharedPcm produce(const Utterance& u) {
        if (!u.clip.empty()) return std::make_shared<const Pcm>(load_clip(u.clip, kClipSampleRate));
        return std::make_shared<const Pcm>(synthesizer->synthesize(u.text, u.voice, u.rate_wpm));
    }

    void run() {
        std::unique_lock lock(mutex);
        bool sink_awake = false;
        const auto ready = [&] { return quit || pending.has_value() || !to_prepare.empty(); };
        for (;;) {
            if (sink_awake) {
                if (!work.wait_for(lock, kSinkRestAfter, ready)) {
                    if (sounding == 0) {
                        lock.unlock();
                        {
                            std::lock_guard control(sink_control);
                            sink.rest();
                        }
                        lock.lock();
                        sink_awake = false;
                    }
                    continue;
                }
            } else {
                work.wait(lock, ready);
            }
            if (quit) return;
            if (pending) {
                speak(lock);
                sink_awake = true;
            } else {
                prepare_one(lock);
            }
        }
    }

    // Called with the lock held; returns with it held.
    void speak(std::unique_lock<std::mutex>& lock) {
        Request request = std::move(*pending);
        pending.reset();
        working_on = request.id;
        const std::string key = cache_key(request.utterance);
        SharedPcm sound = cache.find(key);
        const bool hit = sound != nullptr;
        std::string error;
        if (!hit) {
            lock.unlock();
            try {
                sound = produce(request.utterance);
            } catch (const std::exception& e) {
                error = e.what();
            } catch (...) {
                error = "unknown error";
            }
            if (!error.empty()) {
                log.error("speech: could not say \"" + shorten(request.utterance.text) + "\": " + error);
            }
            lock.lock();
            if (sound) cache.put(key, sound);
        }
        if (SaidRecord* r = record(request.id)) r->cache_hit = hit;
        if (!sound) {
            set_end(request.id, SaidRecord::End::Failed, error);
            working_on = 0;
            lock.unlock();
            wake();
            lock.lock();
            return;
        }

        lock.unlock();
        {
            std::lock_guard control(sink_control);
            bool play = false;
            {
                std::lock_guard relock(mutex);
                working_on = 0;
                if (superseded(request.id)) {
                    set_end(request.id, SaidRecord::End::CutOff);
                } else {
                    sounding = request.id;
                    play = true;
                }
            }
            if (play) sink.play(request.id, std::move(sound));
        }
        wake();
        lock.lock();
    }

    void prepare_one(std::unique_lock<std::mutex>& lock) {
        Utterance u = std::move(to_prepare.front());
        to_prepare.pop_front();
        const std::string key = cache_key(u);
        if (cache.contains(key)) return;
        preparing = true;
        lock.unlock();
        SharedPcm sound;
        try {
            sound = produce(u);
        } catch (const std::exception& e) {
            log.warning("speech: could not prepare \"" + shorten(u.text) + "\": " + e.what());
        } catch (...) {
            log.warning("speech: could not prepare \"" + shorten(u.text) + "\"");
        }
        lock.lock();
        if (sound) cache.put(key, std::move(sound));
        preparing = false;
        if (to_prepare.empty() && !pending) {
            lock.unlock();
            wake();  // idle() may have become true
            lock.lock();
        }
    }
};

SpeechService::SpeechService(std::unique_ptr<Synthesizer> synthesizer, std::unique_ptr<AudioSink> sink,
                             core::Log& log, std::function<void()> wake_ui)
    : sink_(std::move(sink)) {
    if (!synthesizer) throw SpeechError("SpeechService needs a synthesizer");
    if (!sink_) throw SpeechError("SpeechService needs an audio sink");
    impl_ = std::make_unique<Impl>(std::move(synthesizer), *sink_, log, std::move(wake_ui));
    Impl* impl = impl_.get();
    sink_->set_callbacks({
        [impl](std::uint64_t id, core::TimePoint when) { impl->on_started(id, when); },
        [impl](std::uint64_t id, bool completed) { impl->on_finished(id, completed); },
    });
    impl_->worker = std::thread([impl] { impl->run(); });
}

SpeechService::~SpeechService() {
    {
        std::lock_guard lock(impl_->mutex);
        impl_->quit = true;
        impl_->pending.reset();
        impl_->to_prepare.clear();
    }
    impl_->work.notify_all();
    impl_->worker.join();
    sink_->stop();
    sink_->set_callbacks({});
    // sink_ is destroyed (joining its own thread) before impl_, so a callback still
    // running on the sink's thread finds impl_ alive.
}

std::uint64_t SpeechService::say(Utterance utterance) {
    std::uint64_t id = 0;
    bool cut = false;
    {
        std::lock_guard lock(impl_->mutex);
        id = ++impl_->next_id;
        SaidRecord r;
        r.id = id;
        r.text = utterance.text;
        r.voice = utterance.voice;
        r.from_clip = !utterance.clip.empty();
        r.requested = std::chrono::steady_clock::now();
        if (!impl_->enabled) {
            r.voice_off = true;
            r.end = SaidRecord::End::Completed;  // nothing to play: done as soon as asked
        }
        impl_->said.push_back(std::move(r));
        while (impl_->said.size() > kHistoryMax) impl_->said.pop_front();

        if (impl_->enabled) {
            if (impl_->pending) impl_->set_end(impl_->pending->id, SaidRecord::End::CutOff);  // abandoned
            impl_->pending = Impl::Request{id, std::move(utterance)};
            cut = impl_->sounding != 0;
        }
    }
    impl_->work.notify_all();
    if (cut) impl_->cut_off_sound(id - 1);
    impl_->wake();
    return id;
}

void SpeechService::prepare(std::vector<Utterance> utterances) {
    {
        std::lock_guard lock(impl_->mutex);
        for (auto& u : utterances) impl_->to_prepare.push_back(std::move(u));
    }
    impl_->work.notify_all();
    impl_->wake();  // idle() may have become false
}

void SpeechService::stop() {
    bool cut = false;
    std::uint64_t up_to = 0;
    {
        std::lock_guard lock(impl_->mutex);
        impl_->cancelled_up_to = up_to = impl_->next_id;
        if (impl_->pending) {
            impl_->set_end(impl_->pending->id, SaidRecord::End::CutOff);
            impl_->pending.reset();
        }
        cut = impl_->sounding != 0;
    }
    if (cut) impl_->cut_off_sound(up_to);
    impl_->wake();
}

void SpeechService::set_enabled(bool enabled) {
    {
        std::lock_guard lock(impl_->mutex);
        impl_->enabled = enabled;
    }
    if (!enabled) stop();
}

bool SpeechService::enabled() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->enabled;
}

bool SpeechService::speaking() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->pending.has_value() || impl_->working_on != 0 || impl_->sounding != 0;
}

bool SpeechService::idle() const {
    std::lock_guard lock(impl_->mutex);
    return !impl_->pending && impl_->working_on == 0 && impl_->sounding == 0 && impl_->to_prepare.empty() &&
           !impl_->preparing;
}

std::vector<SaidRecord> SpeechService::history() const {
    std::lock_guard lock(impl_->mutex);
    return {impl_->said.begin(), impl_->said.end()};
}

std::optional<SaidRecord> SpeechService::last_said() const {
    std::lock_guard lock(impl_->mutex);
    if (impl_->said.empty()) return std::nullopt;
    return impl_->said.back();
}

void SpeechService::clear_history() {
    std::lock_guard lock(impl_->mutex);
    impl_->said.clear();
}

std::size_t SpeechService::cache_size() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->cache.size();
}

}  // namespace qiao::voice
