#include "app/services_command.hpp"

#include <chrono>

#include "core/booking/booking_service.hpp"
#include "core/booking/schedule.hpp"
#include "core/outbox/outbox.hpp"
#include "core/storage/local_store.hpp"

namespace qiao::app {

bool has_services_command(const core::LaunchOptions& options) { return options.load_services.has_value(); }

int run_services_command(const core::KioskConfig& config, const core::LaunchOptions& options, std::ostream& out, core::Log& log) {
    const std::string& file = *options.load_services;
    core::Schedule schedule = [&] {
        try {
            return core::read_schedule_file(file);
        } catch (const core::ScheduleError& e) {
            out << "not loaded: " << file << " has " << e.problems().size() << " problem(s); the services in use are unchanged\n";
            for (const core::ScheduleProblem& p : e.problems()) out << "  " << p.where << ": " << p.what << "\n";
            if (e.problems().empty()) out << "  " << e.what() << "\n";
            throw;
        }
    }();
    core::LocalStore store = core::LocalStore::open_in(config.data_dir, log);
    core::Outbox outbox(store.db());
    core::BookingService bookings(store.db(), outbox);
    const auto now = std::chrono::system_clock::now();
    bookings.load_schedule(std::move(schedule), file, now);
    const core::Schedule& loaded = *bookings.schedule();
    out << "loaded: " << file << ": " << loaded.services().size() << " service(s), " << loaded.explicit_slots().size()
        << " dated slot(s), " << loaded.weekly().size() << " weekly slot(s)\n";
    for (const core::Service& s : loaded.services()) {
        int slots = 0;
        for (const core::DayChoice& d : bookings.open_days(s.id, now, 7)) slots += d.open_slots;
        out << "  " << s.id << " (" << core::text_in(s.name, "zh-CN") << "): " << slots << " open slot(s) in the next 7 open days\n";
    }
    return 0;
}

}  // namespace qiao::app
