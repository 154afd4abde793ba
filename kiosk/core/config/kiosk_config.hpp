#pragma once
// KioskConfig: how a station is set up. Read from a plain text file of `key = value`
// lines (`#` starts a comment; docs/configuration.md lists every key), then
// overridden by command-line flags. A bad value stops start-up with one plain
// message naming the file, line, key and what is allowed.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>
#include <string_view>

#include "core/config/text_size.hpp"

namespace qiao::core {

class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class Orientation { Auto, Landscape, Portrait };

// $XDG_DATA_HOME/qiao, else $HOME/.local/share/qiao, else ./qiao-data (no home at all).
std::filesystem::path default_data_dir();

struct KioskConfig {
    std::filesystem::path data_dir = default_data_dir();  // data_dir: where qiao.db lives
    bool fullscreen = false;                 // fullscreen: true on a station
    int window_width = 1280;                 // window_width, window_height: windowed size
    int window_height = 800;
    Orientation orientation = Orientation::Auto;  // orientation: auto | landscape | portrait
    std::string language = "zh-CN";          // language: the language a new visitor starts in
    TextSize text_size = TextSize::Normal;   // text_size: normal | large | largest
    bool voice = true;                       // voice: on | off
    int speech_rate_wpm = 130;               // speech_rate: 80..260 words a minute (slower than espeak's 175)
    int idle_timeout_s = 180;                // idle_timeout: seconds untouched before the warning (30..3600)
    int idle_warning_s = 30;                 // idle_warning: seconds the "I'm still here" button waits (10..300)
    std::string font_file;                   // font_file: a font to use instead of fontconfig's CJK choice
    std::string audio;                       // audio: "" (the default device), "sdl", "null" (no sound), or "wav:<dir>"
    int pack_max_mb = 200;                   // pack_max_mb: the largest lesson pack a site accepts (1..4096 MB)
    // Book and Help (issue 4)
    std::string opening_hours = "08:30-17:30";  // opening_hours: when staff answer help requests, site-local
    std::string open_days = "mon-sat";          // open_days: the days they do ("mon-fri", "mon,wed,fri")
    std::string utc_offset = "+08:00";          // utc_offset: the site's local time against UTC
    int help_response_minutes = 240;            // help_response_minutes: open minutes a volunteer has to answer (15..10080)
    int help_urgent_minutes = 30;               // help_urgent_minutes: the same for a scam in progress (5..240)
    int check_in_window_minutes = 60;           // check_in_window_minutes: how early before the start check-in opens (0..720)
    std::string microphone;                     // microphone: "" (the default device), "sdl", "none", or "file:<wav/ogg>" (tests)
    std::string printer;                        // printer: "" or "none", "png:<dir>", "pdf:<dir>"
    // Sync (issue 5)
    std::string backoffice_ca;  // backoffice_ca: a CA file the back office's certificate may chain to (a site's own CA)
    std::string kiosk_name;     // kiosk_name: how the back office's staff see this kiosk (sent when enrolling)
    // Staff mode (issue 6)
    int staff_idle_minutes = 5;  // staff_idle_minutes: staff mode signs out after this long untouched (1..60)
    std::vector<std::string> home_buttons{"learn", "book", "help"};  // home_buttons: which big choices home shows (some of learn, book, help)
    std::vector<std::string> languages;  // languages: the languages a visitor may choose ("" = every catalog language)
    // pack_folders: where a site manager's USB stick or folder of lesson packs is looked for
    std::vector<std::string> pack_folders{"/media", "/mnt", "/run/media"};
};

const char* to_string(Orientation orientation);

// Parses the text of a config file onto `base` (keys not in the text keep base's
// values). source_name is used in messages ("/etc/qiao/kiosk.conf line 4: ...").
KioskConfig parse_config(std::string_view text, std::string_view source_name, KioskConfig base = {});
// Reads and parses a file; ConfigError if it cannot be read.
KioskConfig load_config_file(const std::filesystem::path& path, KioskConfig base = {});

}  // namespace qiao::core
