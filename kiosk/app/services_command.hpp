#pragma once
// --load-services FILE: the site manager's way to tell the kiosk what seniors can book
// (docs/services-file.md). The file is checked whole; every problem is listed with the
// field it is in, and the timetable in use is replaced only when the file is right.
#include <ostream>

#include "core/config/kiosk_config.hpp"
#include "core/config/launch_options.hpp"
#include "core/log.hpp"

namespace qiao::app {

bool has_services_command(const core::LaunchOptions& options);
// Returns the exit code: 0 when the file was loaded.
int run_services_command(const core::KioskConfig& config, const core::LaunchOptions& options, std::ostream& out, core::Log& log);

}  // namespace qiao::app
