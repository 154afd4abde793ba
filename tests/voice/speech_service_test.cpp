#include <doctest/doctest.h>

#include "core/log.hpp"
#include "voice/clip_loader.hpp"
#include "voice/speech_service.hpp"
#include "voice_test_support.hpp"

using namespace qiao::voice;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using qiao::voice::test::FakeSynthesizer;
using qiao::voice::test::scratch_dir;
using qiao::voice::test::sine;
using qiao::voice::test::SpySink;
using qiao::voice::test::wait_until;
using End = SaidRecord::End;

namespace {

const std::string kLongText =
    "欢迎来到社区微站点。今天我们一起学习用手机扫码付款。第一步，打开手机上的付款软件。"
    "第二步，点一下扫一扫。第三步，把手机对准二维码，等它响一声。第四步，看清楚金额，再输入密码。"
    "如果有不明白的地方，请点一下大按钮，志愿者会来帮您。";

// A service wired to test doubles, with a quiet log that keeps its lines.
struct Rig {
    std::shared_ptr<FakeSynthesizer::Shared> synth = std::make_shared<FakeSynthesizer::Shared>();
    std::shared_ptr<SpySink::Counts> sink = std::make_shared<SpySink::Counts>();
    std::atomic<int> wakes{0};
    qiao::core::Log log{[](qiao::core::LogLevel, std::string_view) {}};
    std::unique_ptr<SpeechService> service;

    explicit Rig(std::unique_ptr<Synthesizer> synthesizer = nullptr) {
        log.keep_lines(true);
        if (!synthesizer) synthesizer = std::make_unique<FakeSynthesizer>(synth);
        service = std::make_unique<SpeechService>(std::move(synthesizer),
                                                  std::make_unique<SpySink>(make_null_audio_sink(), sink), log,
                                                  [this] { ++wakes; });
    }

    std::optional<SaidRecord> find(std::uint64_t id) const {
        for (const auto& r : service->history()) {
            if (r.id == id) return r;
        }
        return std::nullopt;
    }
    bool ended(std::uint64_t id) const {
        auto r = find(id);
        return r && r->end != End::Pending;
    }
    bool sounding(std::uint64_t id) const {
        auto r = find(id);
        return r && r->first_sample.has_value();
    }
};

Utterance words(std::string text) {
    Utterance u;
    u.text = std::move(text);
    return u;
}

}  // namespace

TEST_CASE("say() returns at once, even for long text with the real synthesizer") {
    Rig rig(std::make_unique<EspeakSynthesizer>());
    auto& service = *rig.service;

    std::vector<double> ms;
    std::vector<std::uint64_t> ids;
    for (int i = 0; i < 3; ++i) {
        const auto before = std::chrono::steady_clock::now();
        ids.push_back(service.say(words(kLongText + std::to_string(i))));
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - before).count());
    }
    INFO("say() took " << ms[0] << ", " << ms[1] << ", " << ms[2] << " ms");
    CHECK(*std::min_element(ms.begin(), ms.end()) < 5.0);
    CHECK(*std::max_element(ms.begin(), ms.end()) < 100.0);  // even when the machine is busy
    CHECK(service.speaking());

    const auto h = service.history();
    REQUIRE(h.size() == 3);
    CHECK(h[0].text == kLongText + "0");
    CHECK(h[0].voice == "cmn");
    // Only the latest is spoken; the earlier ones are cut off (abandoned or cut mid-sound).
    REQUIRE(wait_until([&] { return rig.sounding(ids[2]); }, 60s));
    CHECK(rig.find(ids[0])->end == End::CutOff);
    CHECK(rig.find(ids[1])->end == End::CutOff);
    service.stop();
    CHECK(wait_until([&] { return service.idle(); }));
    CHECK(rig.find(ids[2])->end == End::CutOff);
}

TEST_CASE("what is said is recorded in history, start to end") {
    Rig rig;
    rig.synth->sound_ms = 200;
    auto& service = *rig.service;
    Utterance u = words("您好");
    u.voice = "yue";
    const auto id = service.say(u);
    REQUIRE(wait_until([&] { return rig.ended(id); }));
    const SaidRecord r = *service.last_said();
    CHECK(r.id == id);
    CHECK(r.text == "您好");
    CHECK(r.voice == "yue");
    CHECK(!r.voice_off);
    CHECK(!r.from_clip);
    CHECK(!r.cache_hit);
    CHECK(r.end == End::Completed);
    REQUIRE(r.first_sample.has_value());
    CHECK(*r.first_sample >= r.requested);
    CHECK(wait_until([&] { return service.idle(); }));
    CHECK(!service.speaking());
    CHECK(rig.wakes > 0);
    CHECK(service.sink().describe() == "spy on null");

    service.clear_history();
    CHECK(service.history().empty());
    CHECK(!service.last_said().has_value());
}

TEST_CASE("listen again: the second say of the same text is a cache hit and starts at once") {
    Rig rig;
    rig.synth->delay_ms = 400;  // synthesis is slow; the cache must hide it
    rig.synth->sound_ms = 200;
    auto& service = *rig.service;

    const auto first = service.say(words("点一下大按钮"));
    REQUIRE(wait_until([&] { return rig.ended(first); }));
    CHECK(!rig.find(first)->cache_hit);

    const auto again = service.say(words("点一下大按钮"));
    REQUIRE(wait_until([&] { return rig.sounding(again); }));
    const SaidRecord r = *rig.find(again);
    CHECK(r.cache_hit);
    CHECK(r.first_sample.value() - r.requested < 150ms);
    CHECK(rig.synth->calls == 1);
    CHECK(service.cache_size() == 1);

    SUBCASE("another voice or rate is another sound") {
        Utterance other = words("点一下大按钮");
        other.rate_wpm = 100;
        const auto id = service.say(other);
        REQUIRE(wait_until([&] { return rig.ended(id); }));
        CHECK(!rig.find(id)->cache_hit);
        CHECK(service.cache_size() == 2);
    }
}

TEST_CASE("listen again with espeak-ng: cache-hit latency") {
    Rig rig(std::make_unique<EspeakSynthesizer>());
    auto& service = *rig.service;
    const std::string prompt = "您好！想做什么？点一下大按钮。";
    const auto first = service.say(words(prompt));
    REQUIRE(wait_until([&] { return rig.sounding(first); }, 60s));
    service.stop();
    REQUIRE(wait_until([&] { return service.idle(); }));

    const auto again = service.say(words(prompt));
    REQUIRE(wait_until([&] { return rig.sounding(again); }));
    const SaidRecord r = *rig.find(again);
    const auto first_r = *rig.find(first);
    const double miss_ms = std::chrono::duration<double, std::milli>(*first_r.first_sample - first_r.requested).count();
    const double hit_ms = std::chrono::duration<double, std::milli>(*r.first_sample - r.requested).count();
    MESSAGE("espeak-ng first say: " << miss_ms << " ms to first sample; listen again (cache hit): " << hit_ms << " ms");
    CHECK(r.cache_hit);
    CHECK(hit_ms < 150.0);
}

TEST_CASE("a new say cuts off the one sounding") {
    Rig rig;
    rig.synth->sound_ms = 3000;
    auto& service = *rig.service;
    const auto a = service.say(words("first, a long one"));
    REQUIRE(wait_until([&] { return rig.sounding(a); }));
    CHECK(service.speaking());

    rig.synth->sound_ms = 200;
    const auto b = service.say(words("second"));
    REQUIRE(wait_until([&] { return rig.ended(a); }));
    CHECK(rig.find(a)->end == End::CutOff);
    REQUIRE(wait_until([&] { return rig.ended(b); }));
    CHECK(rig.find(b)->end == End::Completed);
    CHECK(rig.find(b)->first_sample.has_value());
}

TEST_CASE("requests overtaken before they sound are abandoned, never played") {
    Rig rig;
    rig.synth->delay_ms = 300;
    rig.synth->sound_ms = 200;
    auto& service = *rig.service;
    const auto a = service.say(words("one"));
    const auto b = service.say(words("two"));
    const auto c = service.say(words("three"));
    REQUIRE(wait_until([&] { return rig.ended(c); }));
    CHECK(rig.find(c)->end == End::Completed);
    for (auto id : {a, b}) {
        CHECK(rig.find(id)->end == End::CutOff);
        CHECK(!rig.find(id)->first_sample.has_value());
    }
    CHECK(rig.sink->plays == 1);
}

TEST_CASE("stop() silences the kiosk") {
    Rig rig;
    rig.synth->sound_ms = 5000;
    auto& service = *rig.service;
    const auto id = service.say(words("a long explanation"));
    REQUIRE(wait_until([&] { return rig.sounding(id); }));
    service.stop();
    REQUIRE(wait_until([&] { return !service.speaking(); }));
    CHECK(rig.find(id)->end == End::CutOff);
    CHECK(service.idle());

    SUBCASE("stop() during synthesis: the sound is never played") {
        rig.synth->delay_ms = 300;
        const auto late = service.say(words("slow to make"));
        REQUIRE(wait_until([&] { return rig.synth->calls == 2; }));
        service.stop();
        REQUIRE(wait_until([&] { return rig.ended(late); }));
        CHECK(rig.find(late)->end == End::CutOff);
        CHECK(!rig.find(late)->first_sample.has_value());
        CHECK(wait_until([&] { return service.idle(); }));
        CHECK(rig.sink->plays == 1);
    }
}

TEST_CASE("voice off: what would be said is recorded, nothing is played") {
    Rig rig;
    auto& service = *rig.service;
    CHECK(service.enabled());
    service.set_enabled(false);
    CHECK(!service.enabled());
    const auto id = service.say(words("请出示健康码"));
    const SaidRecord r = *service.last_said();
    CHECK(r.id == id);
    CHECK(r.text == "请出示健康码");
    CHECK(r.voice_off);
    CHECK(!r.first_sample.has_value());
    CHECK(!service.speaking());
    std::this_thread::sleep_for(100ms);  // give a (wrong) worker time to play something
    CHECK(rig.sink->plays == 0);
    CHECK(rig.synth->calls == 0);

    SUBCASE("turning voice off cuts off what sounds; on again speaks again") {
        service.set_enabled(true);
        rig.synth->sound_ms = 5000;
        const auto loud = service.say(words("long"));
        REQUIRE(wait_until([&] { return rig.sounding(loud); }));
        service.set_enabled(false);
        REQUIRE(wait_until([&] { return rig.ended(loud); }));
        CHECK(rig.find(loud)->end == End::CutOff);
        CHECK(wait_until([&] { return !service.speaking(); }));
    }
}

TEST_CASE("prepare() warms the cache in the background") {
    Rig rig;
    rig.synth->delay_ms = 50;
    auto& service = *rig.service;
    service.prepare({words("第一步"), words("第二步"), words("第三步"), words("第一步")});
    CHECK(!service.idle());
    REQUIRE(wait_until([&] { return service.idle(); }));
    CHECK(service.cache_size() == 3);
    CHECK(rig.synth->calls == 3);
    CHECK(service.history().empty());  // preparing says nothing
    CHECK(rig.sink->plays == 0);

    const auto id = service.say(words("第二步"));
    REQUIRE(wait_until([&] { return rig.sounding(id); }));
    CHECK(rig.find(id)->cache_hit);
    CHECK(rig.synth->calls == 3);
}

TEST_CASE("say() goes before preparation") {
    Rig rig;
    rig.synth->delay_ms = 100;
    auto& service = *rig.service;
    std::vector<Utterance> many;
    for (int i = 0; i < 20; ++i) many.push_back(words("prompt " + std::to_string(i)));
    service.prepare(many);
    const auto id = service.say(words("now, please"));
    REQUIRE(wait_until([&] { return rig.sounding(id); }));
    CHECK(rig.synth->calls <= 3);  // at most the preparation in progress came first
    REQUIRE(wait_until([&] { return service.idle(); }, 60s));
    CHECK(service.cache_size() == 21);
}

TEST_CASE("a failing synthesizer is recorded and logged, never thrown") {
    Rig rig;
    auto& service = *rig.service;
    std::uint64_t id = 0;
    CHECK_NOTHROW(id = service.say(words("FAIL here")));
    REQUIRE(wait_until([&] { return rig.ended(id); }));
    const SaidRecord r = *rig.find(id);
    CHECK(r.end == End::Failed);
    CHECK(r.error.find("refuses") != std::string::npos);
    CHECK(!r.first_sample.has_value());
    CHECK(wait_until([&] { return !service.speaking(); }));
    const auto lines = rig.log.lines();
    REQUIRE(!lines.empty());
    CHECK(lines.back().find("FAIL here") != std::string::npos);

    // A failed preparation is only a warning, and the service keeps working.
    service.prepare({words("FAIL to prepare")});
    const auto ok = service.say(words("fine"));
    REQUIRE(wait_until([&] { return rig.ended(ok); }));
    CHECK(rig.find(ok)->end == End::Completed);
    CHECK(wait_until([&] { return service.idle(); }));
}

TEST_CASE("an unknown espeak-ng voice fails the utterance, not the kiosk") {
    Rig rig(std::make_unique<EspeakSynthesizer>());
    Utterance u = words("hello");
    u.voice = "klingon-xx";
    const auto id = rig.service->say(u);
    REQUIRE(wait_until([&] { return rig.ended(id); }, 60s));
    CHECK(rig.find(id)->end == End::Failed);
    CHECK(rig.find(id)->error.find("klingon-xx") != std::string::npos);
}

TEST_CASE("recorded clips are played instead of synthesis, and cached") {
    const fs::path dir = scratch_dir("service-clip");
    write_wav(dir / "step1.wav", sine(0.2));
    Rig rig;
    auto& service = *rig.service;
    Utterance u = words("第一步：打开付款软件");
    u.clip = dir / "step1.wav";
    const auto id = service.say(u);
    REQUIRE(wait_until([&] { return rig.ended(id); }));
    SaidRecord r = *rig.find(id);
    CHECK(r.from_clip);
    CHECK(r.text == "第一步：打开付款软件");
    CHECK(r.end == End::Completed);
    CHECK(rig.synth->calls == 0);

    const auto again = service.say(u);
    REQUIRE(wait_until([&] { return rig.ended(again); }));
    CHECK(rig.find(again)->cache_hit);

    Utterance missing = words("gone");
    missing.clip = dir / "nowhere.ogg";
    const auto bad = service.say(missing);
    REQUIRE(wait_until([&] { return rig.ended(bad); }));
    CHECK(rig.find(bad)->end == End::Failed);
    CHECK(rig.find(bad)->error.find("nowhere.ogg") != std::string::npos);
}

TEST_CASE("destroying the service mid-sentence is clean") {
    SUBCASE("mid-synthesis") {
        Rig rig;
        rig.synth->delay_ms = 200;
        rig.service->say(words("slow"));
        rig.service->prepare({words("a"), words("b")});
        REQUIRE(wait_until([&] { return rig.synth->calls >= 1; }));
        rig.service.reset();
    }
    SUBCASE("mid-sound") {
        Rig rig;
        rig.synth->sound_ms = 5000;
        const auto id = rig.service->say(words("long"));
        REQUIRE(wait_until([&] { return rig.sounding(id); }));
        rig.service.reset();
    }
    SUBCASE("with espeak-ng at work") {
        Rig rig(std::make_unique<EspeakSynthesizer>());
        rig.service->say(words(kLongText));
        rig.service->prepare({words("第一步"), words("第二步")});
        rig.service.reset();
    }
}
