#include <doctest/doctest.h>

#include <chrono>
#include <set>

#include "core/sync/backoff.hpp"

using qiao::core::Backoff;
using namespace std::chrono_literals;

TEST_CASE("Backoff: the step starts at 1 s, doubles on each failure and stops at 5 minutes") {
    Backoff backoff([] { return 0.999999; });  // the top of the band: each wait is about the step
    const std::chrono::milliseconds expected[] = {1s, 2s, 4s, 8s, 16s, 32s, 64s, 128s, 256s, 300s, 300s, 300s};
    for (const auto step : expected) {
        CHECK(backoff.step() == step);
        const auto wait = backoff.next_wait();
        CHECK(wait <= step);
        CHECK(wait >= step - 1ms);
    }
    CHECK(backoff.failures() == 12);
}

TEST_CASE("Backoff: each wait is 50 to 100 % of its step, as the random source says") {
    Backoff low([] { return 0.0; });
    Backoff mid([] { return 0.5; });
    for (int i = 0; i < 12; ++i) {
        const auto step = low.step();
        CHECK(low.next_wait() == step / 2);
        CHECK(mid.next_wait() == step * 3 / 4);
    }
    // A source that strays outside [0, 1) still gives waits inside the band.
    Backoff wild([] { return 7.0; });
    CHECK(wild.next_wait() == 1s);
    Backoff negative([] { return -3.0; });
    CHECK(negative.next_wait() == 500ms);
}

TEST_CASE("Backoff: the default source spreads waits across the band (kiosks do not retry in step)") {
    std::set<long long> seen;
    for (int i = 0; i < 200; ++i) {
        Backoff backoff;
        for (int k = 0; k < 9; ++k) (void)backoff.next_wait();  // 1 s ... 256 s; the tenth step is 300 s
        const auto wait = backoff.next_wait();
        CHECK(wait >= 150s);
        CHECK(wait <= 300s);
        seen.insert(wait.count());
    }
    CHECK(seen.size() > 150);  // 200 draws from 150,000 values: nearly all different
}

TEST_CASE("Backoff: a success starts again at 1 s") {
    Backoff backoff([] { return 0.999999; });
    for (int i = 0; i < 6; ++i) (void)backoff.next_wait();
    CHECK(backoff.step() == 64s);
    backoff.reset();
    CHECK(backoff.step() == 1s);
    CHECK(backoff.failures() == 0);
    CHECK(backoff.next_wait() <= 1s);
}
