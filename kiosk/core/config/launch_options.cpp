#include "core/config/launch_options.hpp"

#include <algorithm>

#include "core/config/config_values.hpp"

namespace qiao::core {

namespace cv = config_values;

namespace {

constexpr const char* kSeeHelp = "; run qiao-kiosk --help to see the options";

struct FlagHelp {
    const char* flag;
    const char* text;
};

// One line per flag; launch_help_text() lays them out in two columns.
constexpr FlagHelp kFlags[] = {
    {"--config FILE", "read settings from FILE (see docs/configuration.md)"},
    {"--data-dir DIR", "keep the kiosk's data (qiao.db) in DIR"},
    {"--fullscreen", "fill the whole screen (what a station uses)"},
    {"--windowed", "run in a window instead of full screen"},
    {"--lang CODE", "start in this language: zh-CN, yue or en"},
    {"--size WxH", "window size in pixels, e.g. 1280x800"},
    {"--audio sdl|null|wav:DIR", "speaker, silence, or what is said as WAVs in DIR"},
    {"--headless", "run without showing a window (for tests)"},
    {"--tour FILE", "play a scripted tour from FILE (implies --headless)"},
    {"--shots DIR", "save the pictures the tour asks for in DIR"},
    {"--install-pack PATH", "install a lesson pack (folder or .qpack) and stop"},
    {"--rollback-pack ID", "go back to the pack's previous version and stop"},
    {"--uninstall-pack ID", "remove an installed lesson pack and stop"},
    {"--allow-unsigned-packs", "development: accept and show unsigned packs"},
    {"--load-services FILE", "load what seniors can book (services, slots), stop"},
    {"--microphone SPEC", "sdl (default), none, or file:WAV (tests)"},
    {"--printer SPEC", "booking slips: none (default), png:DIR, pdf:DIR"},
    {"--enroll URL CODE", "enrol at the back office URL with CODE, then stop"},
    {"--backoffice-ca FILE", "trust the site's own CA (PEM) for the back office"},
    {"--sync-status", "say how syncing with the back office stands, stop"},
    {"--wall-clock TIME", "tests: set the local time, e.g. 2026-12-01T09:00"},
    {"--help", "show this help and stop"},
    {"--version", "show the version and stop"},
};

// Takes the value of a flag: from "--flag=value" or from the next argument.
std::string take_value(const std::vector<std::string>& args, std::size_t& i, std::string_view flag,
                       const std::optional<std::string>& inline_value, std::string_view example) {
    if (inline_value) {
        if (inline_value->empty())
            throw ConfigError(std::string(flag) + " needs a value after '=', e.g. " + std::string(example));
        return *inline_value;
    }
    // A following "--something" is the next flag, not this one's value.
    if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0 || args[i + 1].empty())
        throw ConfigError(std::string(flag) + " needs a value after it, e.g. " + std::string(example));
    return args[++i];
}

void no_value(std::string_view flag, const std::optional<std::string>& inline_value) {
    if (inline_value)
        throw ConfigError(std::string(flag) + " does not take a value (found " +
                          cv::quote_for_message(*inline_value) + ")" + kSeeHelp);
}

}  // namespace

LaunchOptions parse_launch_options(const std::vector<std::string>& args) {
    LaunchOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "-h") {  // the one short form everyone tries first
            options.show_help = true;
            continue;
        }
        if (arg.rfind("--", 0) != 0 || arg == "--")
            throw ConfigError("unexpected " + cv::quote_for_message(arg) + kSeeHelp);

        std::string flag = arg;
        std::optional<std::string> inline_value;
        if (const auto equals = arg.find('='); equals != std::string::npos) {
            flag = arg.substr(0, equals);
            inline_value = arg.substr(equals + 1);
        }

        if (flag == "--config") {
            options.config_file = take_value(args, i, flag, inline_value, "--config /etc/qiao/kiosk.conf");
        } else if (flag == "--data-dir") {
            options.data_dir = take_value(args, i, flag, inline_value, "--data-dir /var/lib/qiao");
        } else if (flag == "--fullscreen") {
            no_value(flag, inline_value);
            options.fullscreen = true;
        } else if (flag == "--windowed") {
            no_value(flag, inline_value);
            options.fullscreen = false;
        } else if (flag == "--lang") {
            std::string code = take_value(args, i, flag, inline_value, "--lang zh-CN");
            if (!cv::looks_like_language_code(code))
                throw ConfigError("--lang must be a language code such as zh-CN, yue or en (found " +
                                  cv::quote_for_message(code) + ")");
            options.language = std::move(code);
        } else if (flag == "--size") {
            const std::string size = take_value(args, i, flag, inline_value, "--size 1280x800");
            const auto parsed = cv::parse_window_size(size);
            if (!parsed)
                throw ConfigError("--size must be WIDTHxHEIGHT in pixels, each from " +
                                  std::to_string(cv::kMinWindowSide) + " to " +
                                  std::to_string(cv::kMaxWindowSide) + ", e.g. 1280x800 (found " +
                                  cv::quote_for_message(size) + ")");
            options.window_size = parsed;
        } else if (flag == "--audio") {
            std::string audio = take_value(args, i, flag, inline_value, "--audio null");
            if (audio != "null" && audio != "sdl" && !(audio.size() > 4 && audio.rfind("wav:", 0) == 0))
                throw ConfigError("--audio must be sdl (the speaker), null (no sound) or wav:FOLDER (found " +
                                  cv::quote_for_message(audio) + ")");
            options.audio = std::move(audio);
        } else if (flag == "--headless") {
            no_value(flag, inline_value);
            options.headless = true;
        } else if (flag == "--tour") {
            options.tour_file = take_value(args, i, flag, inline_value, "--tour tests/tours/home.tour");
            options.headless = true;  // a tour is a test: nobody is there to watch a window
        } else if (flag == "--shots") {
            options.shots_dir = take_value(args, i, flag, inline_value, "--shots build/shots");
        } else if (flag == "--install-pack") {
            options.install_packs.push_back(take_value(args, i, flag, inline_value, "--install-pack /media/usb/basics.qpack"));
        } else if (flag == "--rollback-pack") {
            options.rollback_pack = take_value(args, i, flag, inline_value, "--rollback-pack org.qiao.basics");
        } else if (flag == "--uninstall-pack") {
            options.uninstall_pack = take_value(args, i, flag, inline_value, "--uninstall-pack org.qiao.basics");
        } else if (flag == "--allow-unsigned-packs") {
            no_value(flag, inline_value);
            options.allow_unsigned_packs = true;
        } else if (flag == "--load-services") {
            options.load_services = take_value(args, i, flag, inline_value, "--load-services /media/usb/services.json");
        } else if (flag == "--microphone") {
            options.microphone = take_value(args, i, flag, inline_value, "--microphone none");
        } else if (flag == "--printer") {
            options.printer = take_value(args, i, flag, inline_value, "--printer png:/var/lib/qiao/slips");
        } else if (flag == "--enroll") {
            if (inline_value) throw ConfigError("--enroll takes two values after it: --enroll https://office.example.org 7KQM-X2PA-RT9W");
            std::string url = take_value(args, i, flag, std::nullopt, "--enroll https://office.example.org 7KQM-X2PA-RT9W");
            std::string code = take_value(args, i, flag, std::nullopt, "--enroll https://office.example.org 7KQM-X2PA-RT9W");
            options.enroll = std::make_pair(std::move(url), std::move(code));
        } else if (flag == "--sync-status") {
            no_value(flag, inline_value);
            options.sync_status = true;
        } else if (flag == "--backoffice-ca") {
            options.backoffice_ca = take_value(args, i, flag, inline_value, "--backoffice-ca /etc/qiao/site-ca.pem");
        } else if (flag == "--wall-clock") {
            options.wall_clock = take_value(args, i, flag, inline_value, "--wall-clock 2026-12-01T09:00");
        } else if (flag == "--help") {
            no_value(flag, inline_value);
            options.show_help = true;
        } else if (flag == "--version") {
            no_value(flag, inline_value);
            options.show_version = true;
        } else {
            // Shown without quotes, as typed, but with control bytes made visible.
            const std::string quoted = cv::quote_for_message(flag);
            throw ConfigError("unknown option " + quoted.substr(1, quoted.size() - 2) + kSeeHelp);
        }
    }
    return options;
}

std::string launch_help_text() {
    std::string text =
        "Usage: qiao-kiosk [options]\n"
        "Qiao (桥), the elder-friendly kiosk. Settings come from the built-in defaults,\n"
        "then the config file, then these options (a later one wins).\n"
        "Every setting and option is explained in docs/configuration.md.\n\n"
        "Options:\n";
    std::size_t width = 0;
    for (const auto& flag : kFlags) width = std::max(width, std::string_view(flag.flag).size());
    for (const auto& flag : kFlags) {
        std::string line = "  ";
        line += flag.flag;
        line.append(width + 2 - std::string_view(flag.flag).size(), ' ');
        line += flag.text;
        text += line + "\n";
    }
    return text;
}

KioskConfig apply_launch_options(KioskConfig config, const LaunchOptions& options) {
    if (options.data_dir) config.data_dir = *options.data_dir;
    if (options.fullscreen) config.fullscreen = *options.fullscreen;
    if (options.language) config.language = *options.language;
    if (options.window_size) {
        config.window_width = options.window_size->first;
        config.window_height = options.window_size->second;
    }
    if (options.audio) config.audio = *options.audio;
    if (options.microphone) config.microphone = *options.microphone;
    if (options.printer) config.printer = *options.printer;
    if (options.backoffice_ca) config.backoffice_ca = *options.backoffice_ca;
    return config;
}

}  // namespace qiao::core
