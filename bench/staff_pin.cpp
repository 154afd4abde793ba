// qiao-bench-staff-pin: how long a staff PIN takes to check at the kiosk (a benchmark, not
// a test; issue 6). The check runs argon2id (libsodium's crypto_pwhash_str, "interactive"
// limits) between two frames when the sixth digit is typed, so the frame after it waits
// this long. Opens a real store in a fresh folder, stores one staff member as the back
// office sends them, and times N right and N wrong checks through StaffPinGate (the wrong
// ones are spaced by the gate's waits on a moved clock, so none is refused unchecked).
//
//   qiao-bench-staff-pin [--checks 9] [--dir PARENT]
//
// Prints one line: staff-pin: N checks, hash median X ms, right median Y ms, wrong median Z ms, max M ms
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/staff/staff_pin_gate.hpp"
#include "core/staff/staff_pin_hash.hpp"
#include "core/staff/staff_roster.hpp"
#include "core/storage/local_store.hpp"

namespace {

using namespace qiao;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    int checks = 9;
    std::filesystem::path parent = QIAO_BENCH_TMP_DIR;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--checks") checks = std::max(1, std::atoi(argv[i + 1]));
        else if (flag == "--dir") parent = argv[i + 1];
        else {
            std::cerr << "usage: qiao-bench-staff-pin [--checks N] [--dir PARENT]\n";
            return 2;
        }
    }
    const std::filesystem::path dir = parent / ("staff-pin-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    core::Log log([](core::LogLevel, std::string_view) {});
    std::vector<double> hash_ms, right_ms, wrong_ms;
    {
        core::LocalStore store = core::LocalStore::open_in(dir, log);
        std::string hash;
        for (int i = 0; i < checks; ++i) {
            const auto t = Clock::now();
            hash = core::hash_staff_pin("246810");
            hash_ms.push_back(ms_since(t));
        }
        core::StaffRoster(store.db()).apply({{"kind", "staff"}, {"id", "s-bench"}, {"name", "Bench Volunteer"}, {"role", "volunteer"},
                                             {"pin_hash", hash}, {"active", true}, {"hours_minutes", 0}});
        core::StaffPinGate gate(store.db());
        core::WallTime now = std::chrono::system_clock::now();
        for (int i = 0; i < checks; ++i) {
            auto t = Clock::now();
            if (gate.check("s-bench", "246810", now).outcome != core::StaffPinOutcome::Right) return 1;
            right_ms.push_back(ms_since(t));
            t = Clock::now();
            gate.check("s-bench", "111111", now);
            wrong_ms.push_back(ms_since(t));
            now += std::chrono::hours(1);  // past any wait the wrong PIN caused
        }
    }
    std::filesystem::remove_all(dir);
    std::vector<double> all = right_ms;
    all.insert(all.end(), wrong_ms.begin(), wrong_ms.end());
    std::cout << "staff-pin: " << checks << " checks, hash median " << median(hash_ms) << " ms, right median " << median(right_ms)
              << " ms, wrong median " << median(wrong_ms) << " ms, max " << *std::max_element(all.begin(), all.end()) << " ms\n";
    return 0;
}
