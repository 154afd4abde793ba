#pragma once
// --sync-status: how syncing with the back office stands, for staff at the kiosk's
// shell (the staff screens show the same later): enrolled where, the last good sync and
// the last error in plain words, what waits in the outbox, and the entries the back
// office refused for good. Reads the store only; works beside a running kiosk.
#include <ostream>

#include "core/config/kiosk_config.hpp"
#include "core/config/launch_options.hpp"
#include "core/log.hpp"

namespace qiao::app {

// Returns the exit code: 0 enrolled and nothing refused, 1 otherwise (so a script can
// alert on it), 2 the store could not be read.
int run_sync_status_command(const core::KioskConfig& config, std::ostream& out, core::Log& log);

}  // namespace qiao::app
