// qiao-bench-book-it: how long "Book it" takes to be durable on disk (a benchmark, not a
// test; issue 4). Opens a real store in a fresh folder (as the kiosk does:
// LocalStore::open_in, so WAL and the kiosk's synchronous setting), loads the tour's
// services file, and times N calls of BookingService::request(), each a different
// number (138000xxxxx) on one of the slots bookable at 2026-12-01 09:00 (+08:00). A full
// slot puts the number on the waiting list: still one Transaction with its outbox entry.
//
//   qiao-bench-book-it [--requests 200] [--dir PARENT] [--synchronous kiosk|full|normal|off]
//                      [--services FILE] [--keep]
//
// Prints one line a reader (and bench/book_it.py) can parse:
//   book-it: N requests (R requested, W waiting), journal wal, synchronous 2, median X ms, p90 Y ms, max Z ms, ...
// fsync calls are counted from outside: strace -f -c -e trace=fsync,fdatasync (book_it.py).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/booking/booking_service.hpp"
#include "core/booking/schedule.hpp"
#include "core/log.hpp"
#include "core/outbox/outbox.hpp"
#include "core/storage/database.hpp"
#include "core/storage/local_store.hpp"

namespace {

using namespace qiao;
namespace fs = std::filesystem;

// 2026-12-01 09:00 at +08:00 = 01:00Z: every slot of tests/data/services-tour.json is ahead.
core::WallTime bench_now() {
    using namespace std::chrono;
    return core::WallTime(sys_days{year(2026) / December / day(1)} + hours(1));
}

// The slots of services-tour.json bookable at bench_now(): three with seats, one full
// (class-wed-am: every request waits), and the weekly blood-pressure checks of the week.
const std::vector<std::string> kSlots = {
    "class-thu-am", "class-tue-am", "class-wed-pm", "class-wed-am",
    "blood-pressure@2026-12-01T10:00", "blood-pressure@2026-12-03T10:00", "blood-pressure@2026-12-08T10:00",
};

double percentile(std::vector<double> v, double p) {  // nearest rank
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t rank = static_cast<std::size_t>(std::max(1.0, std::ceil(p / 100.0 * static_cast<double>(v.size()))));
    return v[std::min(rank, v.size()) - 1];
}

std::string pragma_text(core::Database& db, const char* sql) {
    core::Statement s(db, sql);
    return s.step() ? s.column_text(0) : std::string("?");
}

int usage(const char* why) {
    std::cerr << "qiao-bench-book-it: " << why
              << "\nusage: qiao-bench-book-it [--requests N] [--dir PARENT] [--synchronous kiosk|full|normal|off] "
                 "[--services FILE] [--keep]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    int requests = 200;
    fs::path parent = QIAO_BENCH_TMP_DIR;
    fs::path services = fs::path(QIAO_SOURCE_DIR) / "tests/data/services-tour.json";
    std::string synchronous = "kiosk";
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
            return argv[++i];
        };
        try {
            if (a == "--requests") requests = std::stoi(value());
            else if (a == "--dir") parent = value();
            else if (a == "--services") services = value();
            else if (a == "--synchronous") synchronous = value();
            else if (a == "--keep") keep = true;
            else return usage(("unknown option " + a).c_str());
        } catch (const std::exception& e) {
            return usage(e.what());
        }
    }
    if (requests < 0 || requests > 99999) return usage("--requests must be 0..99999 (138000 + five digits)");
    if (synchronous != "kiosk" && synchronous != "full" && synchronous != "normal" && synchronous != "off")
        return usage("--synchronous must be kiosk, full, normal or off");

    fs::create_directories(parent);
    std::string pattern = (parent / "book-it-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
        std::perror("mkdtemp");
        return 1;
    }
    const fs::path dir = pattern;
    int rc = 0;
    try {
        core::Log log;
        core::LocalStore store = core::LocalStore::open_in(dir, log);
        core::Database& db = store.db();
        // Only to compare with the kiosk's own setting; "kiosk" leaves Database::open's.
        if (synchronous != "kiosk") db.exec("PRAGMA synchronous = " + synchronous);
        core::Outbox outbox(db);
        core::BookingService bookings(db, outbox);
        const core::WallTime now = bench_now();
        bookings.load_schedule(core::read_schedule_file(services), services.string(), now);

        std::vector<double> ms;
        ms.reserve(static_cast<std::size_t>(requests));
        int requested = 0, waiting = 0;
        for (int i = 0; i < requests; ++i) {
            char phone[12];
            std::snprintf(phone, sizeof phone, "138000%05d", i);
            core::BookingDraft draft{kSlots[static_cast<std::size_t>(i) % kSlots.size()], phone, false};
            const auto t0 = std::chrono::steady_clock::now();
            const core::Booking b = bookings.request(draft, now);
            const auto t1 = std::chrono::steady_clock::now();
            ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            (b.state == core::BookingState::Waiting ? waiting : requested) += 1;
        }
        double sum = 0;
        for (double v : ms) sum += v;
        const auto over10 = std::count_if(ms.begin(), ms.end(), [](double v) { return v > 10.0; });
        std::ostringstream line;
        line.setf(std::ios::fixed);
        line.precision(3);
        line << "book-it: " << requests << " requests (" << requested << " requested, " << waiting << " waiting), journal "
             << pragma_text(db, "PRAGMA journal_mode") << ", synchronous " << pragma_text(db, "PRAGMA synchronous")
             << ", median " << percentile(ms, 50) << " ms, p90 " << percentile(ms, 90) << " ms, max "
             << (ms.empty() ? 0.0 : *std::max_element(ms.begin(), ms.end())) << " ms, mean "
             << (ms.empty() ? 0.0 : sum / static_cast<double>(ms.size())) << " ms, over 10 ms: " << over10
             << ", outbox depth " << outbox.depth() << ", store " << dir.string();
        std::cout << line.str() << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "qiao-bench-book-it: " << e.what() << "\n";
        rc = 1;
    }
    if (!keep) fs::remove_all(dir);
    return rc;
}
