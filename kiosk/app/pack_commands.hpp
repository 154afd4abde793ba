#pragma once
// The lesson-pack commands of qiao-kiosk: --install-pack, --rollback-pack and
// --uninstall-pack. Each does its one thing on <data_dir>/packs and reports in plain
// words; the kiosk itself is not started. Installing checks everything first: the
// signature (against <data_dir>/trusted-publishers/), every rule of the format, and
// that the station's font can draw every character the pack uses.
#include <ostream>

#include "core/config/kiosk_config.hpp"
#include "core/config/launch_options.hpp"
#include "core/lessons/pack_installer.hpp"
#include "core/log.hpp"

namespace qiao::app {

bool has_pack_command(const core::LaunchOptions& options);
// Everything a staged pack must pass besides its signature (the format's rules, the
// station's font): --install-pack's check, and the back office downloads' too.
core::PackValidator pack_validator(const core::KioskConfig& config);
// Returns the exit code: 0 when everything asked for was done.
int run_pack_commands(const core::KioskConfig& config, const core::LaunchOptions& options, std::ostream& out, core::Log& log);

}  // namespace qiao::app
