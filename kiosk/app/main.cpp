// qiao-kiosk: the station's program. See --help and docs/configuration.md.
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "app/enrol_command.hpp"
#include "app/kiosk.hpp"
#include "app/loop_waker.hpp"
#include "app/pack_commands.hpp"
#include "app/services_command.hpp"
#include "app/sync_status_command.hpp"
#include "core/booking/schedule.hpp"
#include "app/resource_paths.hpp"
#include "app/tour_runner.hpp"
#include "core/config/kiosk_config.hpp"
#include "core/config/launch_options.hpp"
#include "core/log.hpp"
#include "core/tour/tour_script.hpp"

namespace {

int run(const std::vector<std::string>& args) {
    using namespace qiao;
    const core::LaunchOptions options = core::parse_launch_options(args);
    if (options.show_help) {
        std::cout << core::launch_help_text();
        return 0;
    }
    if (options.show_version) {
        std::cout << "qiao-kiosk " << QIAO_VERSION << "\n";
        return 0;
    }
    core::Log log;
    core::KioskConfig config;
    if (options.config_file) config = core::load_config_file(*options.config_file, config);

    if (app::has_services_command(options)) {
        try {
            return app::run_services_command(core::apply_launch_options(config, options), options, std::cout, log);
        } catch (const core::ScheduleError&) {
            return 1;  // the problems are listed already
        }
    }
    if (options.sync_status) return app::run_sync_status_command(core::apply_launch_options(config, options), std::cout, log);
    if (app::has_enrol_command(options))
        return app::run_enrol_command(core::apply_launch_options(config, options), options, std::cout, std::cerr, log);
    if (app::has_pack_command(options))
        return app::run_pack_commands(core::apply_launch_options(config, options), options, std::cout, log);

    // Read the tour before opening anything, so a typo fails fast and plainly.
    std::optional<core::TourScript> tour;
    if (options.tour_file) tour = core::load_tour_file(*options.tour_file);

    app::LoopWaker waker(options.headless);  // before any thread starts (signal mask)
    app::KioskSetup setup{config, options, options.headless, app::find_resources()};
    app::Kiosk kiosk(std::move(setup), log, waker);

    if (tour) {
        const std::filesystem::path shots = options.shots_dir ? std::filesystem::path(*options.shots_dir) : std::filesystem::path("shots");
        app::TourRunner runner(kiosk, shots);
        const app::TourReport report = runner.run(*tour);
        log.info(report.summary);
        if (report.shots > 0) std::cout << "screenshots written to " << std::filesystem::absolute(shots).string() << "\n";
        return 0;
    }
    return kiosk.run();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        return run(args);
    } catch (const qiao::app::TourFailure& e) {
        std::cerr << "qiao-kiosk: tour failed: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        // One plain line a site manager can act on; no stack of internals.
        std::cerr << "qiao-kiosk: " << e.what() << "\n";
        return 2;
    }
}
