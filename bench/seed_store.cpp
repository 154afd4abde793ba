// qiao-bench-seed-store: fills a kiosk data folder with a deep outbox, the way a kiosk
// whose network has been down for months would have it (a benchmark helper, not a test;
// issue 4, bench/outbox_depth.py). Every entry is made by the real services:
// BookingService::request() and HelpDesk::submit(), so the bookings and help_requests
// tables grow with the outbox, one row and one entry per call.
//
//   qiao-bench-seed-store --data-dir DIR [--bookings 5000] [--help 5000]
//                         [--heavy 13800138000] [--heavy-help 100] [--services FILE]
//
// Bookings: distinct numbers 139xxxxxxxx, spread over the weekly blood-pressure checks
// (Tuesdays and Thursdays) from 2026-09-01 to 2026-12-08, each made at 08:00 of its day
// (most slots are full, so most wait), plus the class slots of the first December week.
// The --heavy number books every one of those slots once (about 30 bookings: upcoming
// ones and the past ones "my bookings" shows). Help requests: distinct numbers
// 137xxxxxxxx, every category, made over the same weeks; --heavy-help of them are the
// heavy number's, so "my requests" has a long list.
//
// Seeding is not what is measured, so this connection runs with synchronous=OFF (each
// service call still commits its own transaction; 10,000 fsyncs would only make the
// seeding slow). At the end the WAL is checkpointed and truncated, as a kiosk's own
// automatic checkpoints would have kept it small.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "core/booking/booking_service.hpp"
#include "core/booking/schedule.hpp"
#include "core/help/help_desk.hpp"
#include "core/log.hpp"
#include "core/outbox/outbox.hpp"
#include "core/storage/database.hpp"
#include "core/storage/local_store.hpp"

namespace {

using namespace qiao;
namespace fs = std::filesystem;
using namespace std::chrono;

// Site-local (+08:00) time on a date.
core::WallTime local(sys_days date, int hour, int minute = 0) {
    return core::WallTime(date) + hours(hour - 8) + minutes(minute);
}

std::string iso_date(sys_days d) {
    const year_month_day ymd{d};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return text;
}

struct SlotAt {
    std::string id;
    core::WallTime booked_at;  // when it is booked: bookable then
};

// Every slot of services-tour.json that can be booked at some moment of the seeding.
std::vector<SlotAt> seed_slots() {
    std::vector<SlotAt> slots;
    const sys_days first{year(2026) / September / day(1)};
    const sys_days last{year(2026) / December / day(8)};
    for (sys_days d = first; d <= last; d += days(1)) {
        const unsigned wd = weekday(d).c_encoding();
        if (wd == 2 || wd == 4) slots.push_back({"blood-pressure@" + iso_date(d) + "T10:00", local(d, 8)});
    }
    const core::WallTime dec1 = local(sys_days{year(2026) / December / day(1)}, 9);
    for (const char* id : {"class-tue-am", "class-wed-am", "class-wed-pm", "class-thu-am"}) slots.push_back({id, dec1});
    return slots;
}

std::string number(const char* prefix, int i) {
    char text[16];
    std::snprintf(text, sizeof text, "%s%08d", prefix, i);
    return text;
}

int usage(const std::string& why) {
    std::cerr << "qiao-bench-seed-store: " << why
              << "\nusage: qiao-bench-seed-store --data-dir DIR [--bookings N] [--help N] [--heavy NUMBER] "
                 "[--heavy-help N] [--services FILE]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    fs::path data_dir;
    fs::path services = fs::path(QIAO_SOURCE_DIR) / "tests/data/services-tour.json";
    int n_bookings = 5000, n_help = 5000, heavy_help = 100;
    std::string heavy = "13800138000";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc) return usage(a + " needs a value");
        const std::string v = argv[++i];
        try {
            if (a == "--data-dir") data_dir = v;
            else if (a == "--services") services = v;
            else if (a == "--bookings") n_bookings = std::stoi(v);
            else if (a == "--help") n_help = std::stoi(v);
            else if (a == "--heavy") heavy = v;
            else if (a == "--heavy-help") heavy_help = std::stoi(v);
            else return usage("unknown option " + a);
        } catch (const std::exception& e) {
            return usage(a + ": " + e.what());
        }
    }
    if (data_dir.empty()) return usage("--data-dir is needed");
    if (heavy_help > n_help) return usage("--heavy-help cannot be more than --help");

    try {
        core::Log log;
        core::LocalStore store = core::LocalStore::open_in(data_dir, log);
        core::Database& db = store.db();
        db.exec("PRAGMA synchronous = OFF");  // this connection only; see the top of the file
        core::Outbox outbox(db);
        core::BookingService bookings(db, outbox);
        core::HelpDesk desk(db, outbox);
        const core::WallTime first_day = local(sys_days{year(2026) / September / day(1)}, 8);
        bookings.load_schedule(core::read_schedule_file(services), services.string(), first_day);

        const std::vector<SlotAt> slots = seed_slots();
        int made = 0, waiting = 0;
        // The heavy number first: one booking on every slot.
        for (const SlotAt& s : slots) {
            if (made >= n_bookings) break;
            const core::Booking b = bookings.request({s.id, heavy, false}, s.booked_at);
            waiting += b.state == core::BookingState::Waiting;
            ++made;
        }
        for (int i = 0; made < n_bookings; ++i, ++made) {
            const SlotAt& s = slots[static_cast<std::size_t>(i) % slots.size()];
            const core::Booking b = bookings.request({s.id, number("139", i), i % 7 == 0}, s.booked_at);
            waiting += b.state == core::BookingState::Waiting;
        }

        const core::HelpCategory categories[] = {core::HelpCategory::PhoneOrApp, core::HelpCategory::Scam,
                                                 core::HelpCategory::Health, core::HelpCategory::DailyLife,
                                                 core::HelpCategory::Other};
        const auto span = local(sys_days{year(2026) / November / day(30)}, 17) - first_day;
        for (int i = 0; i < n_help; ++i) {
            core::HelpRequestDraft draft;
            draft.category = categories[i % 5];
            draft.phone_digits = i < heavy_help ? heavy : number("137", i);
            draft.at_station = i % 3 == 0;
            const core::WallTime at = first_day + duration_cast<core::WallTime::duration>(span * (static_cast<double>(i) / n_help));
            desk.submit(draft, at, at + hours(4));
        }
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        std::cout << "seeded " << data_dir.string() << ": " << made << " bookings (" << waiting << " waiting; "
                  << std::min<std::size_t>(slots.size(), static_cast<std::size_t>(n_bookings)) << " for " << heavy << "), "
                  << n_help << " help requests (" << heavy_help << " for " << heavy << "), outbox depth " << outbox.depth()
                  << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "qiao-bench-seed-store: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
