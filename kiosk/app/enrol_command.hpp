#pragma once
// --enroll URL CODE: the site manager's way to join a kiosk to its back office
// (docs/sync-protocol.md, "Enrolling"). Prints the site on success; one plain line and
// exit code 1 on failure.
#include <ostream>

#include "core/config/kiosk_config.hpp"
#include "core/config/launch_options.hpp"
#include "core/log.hpp"

namespace qiao::app {

bool has_enrol_command(const core::LaunchOptions& options);
// Returns the exit code: 0 enrolled, 1 not.
int run_enrol_command(const core::KioskConfig& config, const core::LaunchOptions& options, std::ostream& out,
                      std::ostream& err, core::Log& log);

}  // namespace qiao::app
