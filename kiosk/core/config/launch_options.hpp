#pragma once
// LaunchOptions: what qiao-kiosk was asked to do on its command line.
//   --config FILE  --data-dir DIR  --fullscreen  --windowed  --lang CODE
//   --headless  --tour FILE  --shots DIR  --size WxH  --audio null|wav:DIR
//   --install-pack PATH  --rollback-pack ID  --uninstall-pack ID  --allow-unsigned-packs
//   --enroll URL CODE  --backoffice-ca FILE  --sync-status  --help  --version
// A flag that is unknown or missing its value is a ConfigError with a plain message.
#include <optional>
#include <string>
#include <vector>

#include "core/config/kiosk_config.hpp"

namespace qiao::core {

struct LaunchOptions {
    std::optional<std::string> config_file;
    std::optional<std::string> data_dir;
    std::optional<bool> fullscreen;
    std::optional<std::string> language;
    std::optional<std::pair<int, int>> window_size;
    std::optional<std::string> audio;
    bool headless = false;
    std::optional<std::string> tour_file;
    std::optional<std::string> shots_dir;
    // Lesson packs: do this and stop (a script's way in; the staff screen comes later).
    std::vector<std::string> install_packs;
    std::optional<std::string> rollback_pack;
    std::optional<std::string> uninstall_pack;
    bool allow_unsigned_packs = false;  // development: unsigned packs install and show, and say so
    // Book: load the site's services and slots from a file, and stop.
    std::optional<std::string> load_services;
    std::optional<std::string> microphone;  // as the config key
    std::optional<std::string> printer;     // as the config key
    // Sync: enrol with the back office at URL using the site manager's one-time CODE, and stop.
    std::optional<std::pair<std::string, std::string>> enroll;
    bool sync_status = false;  // print what the sync worker last did, for staff, and stop
    std::optional<std::string> backoffice_ca;  // as the config key
    // Tests and demos: the kiosk's wall clock starts at this site-local time ("2026-12-01T09:00").
    std::optional<std::string> wall_clock;
    bool show_help = false;
    bool show_version = false;
};

LaunchOptions parse_launch_options(const std::vector<std::string>& args);  // args without argv[0]
std::string launch_help_text();

// Applies the flags that override config keys.
KioskConfig apply_launch_options(KioskConfig config, const LaunchOptions& options);

}  // namespace qiao::core
