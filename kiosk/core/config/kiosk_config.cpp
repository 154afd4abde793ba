#include "core/config/kiosk_config.hpp"

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include "core/config/config_values.hpp"
#include "core/help/opening_hours.hpp"
#include "core/text/text_lines.hpp"

namespace qiao::core {

namespace cv = config_values;

namespace {

// Every key a config file may set, in the order docs/configuration.md lists them.
constexpr const char* kKeys[] = {
    "data_dir", "fullscreen", "window_width", "window_height", "orientation", "language",
    "text_size", "voice", "speech_rate", "idle_timeout", "idle_warning", "font_file", "audio", "pack_max_mb",
    "opening_hours", "open_days", "utc_offset", "help_response_minutes", "help_urgent_minutes", "check_in_window_minutes", "microphone", "printer",
    "backoffice_ca", "kiosk_name", "staff_idle_minutes", "home_buttons", "languages",
    "pack_folders",
};


std::string known_keys_list() {
    std::string out;
    for (const char* key : kKeys) {
        if (!out.empty()) out += ", ";
        out += key;
    }
    return out;
}

bool is_known_key(std::string_view key) {
    for (const char* known : kKeys)
        if (key == known) return true;
    return false;
}

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

// Where messages about one line start: "kiosk.conf line 3: ".
std::string where(std::string_view source, int line) {
    return std::string(source) + " line " + std::to_string(line) + ": ";
}

[[noreturn]] void fail_value(std::string_view source, int line, std::string_view key,
                             std::string_view allowed, std::string_view found) {
    throw ConfigError(where(source, line) + std::string(key) + " must be " + std::string(allowed) +
                      " (found " + cv::quote_for_message(found) + ")");
}

// Cuts a `# comment` off the end of a line, but not a '#' inside "quotes".
std::string_view strip_comment(std::string_view line) {
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '"') quoted = !quoted;
        else if (line[i] == '#' && !quoted) return line.substr(0, i);
    }
    return line;
}

// A value as written, or the text between its quotes. Quotes let a value keep
// leading spaces or a '#'; there are no escapes, so a Windows path stays as typed.
std::string unquote(std::string_view value, std::string_view source, int line, std::string_view key) {
    if (value.empty() || value.front() != '"') {
        if (value.find('"') != std::string_view::npos)
            throw ConfigError(where(source, line) + std::string(key) +
                              ": a quoted value must start and end with \" (found " +
                              cv::quote_for_message(value) + ")");
        return std::string(value);
    }
    if (value.size() < 2 || value.back() != '"' ||
        value.substr(1, value.size() - 2).find('"') != std::string_view::npos)
        throw ConfigError(where(source, line) + std::string(key) +
                          ": a quoted value must start and end with \" (found " +
                          cv::quote_for_message(value) + ")");
    return std::string(value.substr(1, value.size() - 2));
}

int whole_number_in(std::string_view value, long long low, long long high, std::string_view source,
                    int line, std::string_view key, std::string_view what) {
    const auto number = cv::parse_whole_number(value);
    if (!number || *number < low || *number > high)
        fail_value(source, line, key,
                   "a whole number of " + std::string(what) + " from " + std::to_string(low) + " to " +
                       std::to_string(high),
                   value);
    return static_cast<int>(*number);
}

bool boolean(std::string_view value, std::string_view source, int line, std::string_view key) {
    const auto parsed = cv::parse_bool(value);
    if (!parsed) fail_value(source, line, key, "on or off (true/false and yes/no work too)", value);
    return *parsed;
}

void apply_setting(KioskConfig& config, std::string_view key, const std::string& value,
                   std::string_view source, int line) {
    if (key == "data_dir") {
        if (value.empty()) fail_value(source, line, key, "a folder, e.g. /var/lib/qiao", value);
        config.data_dir = value;
    } else if (key == "fullscreen") {
        config.fullscreen = boolean(value, source, line, key);
    } else if (key == "window_width") {
        config.window_width = whole_number_in(value, cv::kMinWindowSide, cv::kMaxWindowSide, source,
                                              line, key, "pixels");
    } else if (key == "window_height") {
        config.window_height = whole_number_in(value, cv::kMinWindowSide, cv::kMaxWindowSide, source,
                                               line, key, "pixels");
    } else if (key == "orientation") {
        if (value == "auto") config.orientation = Orientation::Auto;
        else if (value == "landscape") config.orientation = Orientation::Landscape;
        else if (value == "portrait") config.orientation = Orientation::Portrait;
        else fail_value(source, line, key, "auto, landscape or portrait", value);
    } else if (key == "language") {
        if (!cv::looks_like_language_code(value))
            fail_value(source, line, key, "a language code such as zh-CN, yue or en", value);
        config.language = value;
    } else if (key == "text_size") {
        const auto size = parse_text_size(value);
        if (!size) fail_value(source, line, key, "normal, large or largest", value);
        config.text_size = *size;
    } else if (key == "voice") {
        config.voice = boolean(value, source, line, key);
    } else if (key == "speech_rate") {
        config.speech_rate_wpm = whole_number_in(value, 80, 260, source, line, key, "words a minute");
    } else if (key == "idle_timeout") {
        config.idle_timeout_s = whole_number_in(value, 30, 3600, source, line, key, "seconds");
    } else if (key == "idle_warning") {
        config.idle_warning_s = whole_number_in(value, 10, 300, source, line, key, "seconds");
    } else if (key == "pack_max_mb") {
        config.pack_max_mb = whole_number_in(value, 1, 4096, source, line, key, "megabytes");
    } else if (key == "font_file") {
        config.font_file = value;  // empty means "let fontconfig choose"; the app checks the file
    } else if (key == "audio") {
        if (!cv::is_audio_setting(value))
            fail_value(source, line, key, "\"\" (the normal speaker), sdl (the speaker only), null (no sound) or wav:FOLDER", value);
        config.audio = value;
    } else if (key == "opening_hours" || key == "open_days" || key == "utc_offset") {
        // One parser for all three (core/help/opening_hours): each is checked with the others' defaults.
        const KioskConfig defaults;
        try {
            parse_opening_hours(key == "opening_hours" ? value : defaults.opening_hours,
                                key == "open_days" ? value : defaults.open_days,
                                key == "utc_offset" ? value : defaults.utc_offset);
        } catch (const std::invalid_argument& e) {
            throw ConfigError(where(source, line) + std::string(key) + ": " + e.what());
        }
        (key == "opening_hours" ? config.opening_hours : key == "open_days" ? config.open_days : config.utc_offset) = value;
    } else if (key == "help_response_minutes") {
        config.help_response_minutes = whole_number_in(value, 15, 10080, source, line, key, "minutes");
    } else if (key == "help_urgent_minutes") {
        config.help_urgent_minutes = whole_number_in(value, 5, 240, source, line, key, "minutes");
    } else if (key == "home_buttons") {
        std::vector<std::string> buttons = cv::comma_list(value);
        for (const std::string& b : buttons)
            if (b != "learn" && b != "book" && b != "help") fail_value(source, line, key, "some of learn, book, help, comma-separated", value);
        if (buttons.empty()) fail_value(source, line, key, "at least one of learn, book, help", value);
        config.home_buttons = std::move(buttons);
    } else if (key == "languages") {
        std::vector<std::string> codes = cv::comma_list(value);
        for (const std::string& code : codes)
            if (!cv::looks_like_language_code(code)) fail_value(source, line, key, "language codes such as zh-CN, yue, en, comma-separated (empty: all)", value);
        config.languages = std::move(codes);
    } else if (key == "pack_folders") {
        std::vector<std::string> folders = cv::comma_list(value);
        for (const std::string& f : folders)
            if (f.empty() || f.front() != '/') fail_value(source, line, key, "absolute folders, comma-separated (e.g. /media,/mnt)", value);
        config.pack_folders = std::move(folders);
    } else if (key == "staff_idle_minutes") {
        config.staff_idle_minutes = whole_number_in(value, 1, 60, source, line, key, "minutes");
    } else if (key == "check_in_window_minutes") {
        config.check_in_window_minutes = whole_number_in(value, 0, 720, source, line, key, "minutes");
    } else if (key == "microphone") {
        if (!(value.empty() || value == "sdl" || value == "none" || (value.rfind("file:", 0) == 0 && value.size() > 5)))
            fail_value(source, line, key, "\"\" (the default microphone), sdl, none or file:PATH", value);
        config.microphone = value;
    } else if (key == "printer") {
        if (!(value.empty() || value == "none" || ((value.rfind("png:", 0) == 0 || value.rfind("pdf:", 0) == 0) && value.size() > 4)))
            fail_value(source, line, key, "\"\" or none (no printer), png:FOLDER or pdf:FOLDER", value);
        config.printer = value;
    } else if (key == "backoffice_ca") {
        config.backoffice_ca = value;  // "" for none; a file that is not there fails at the first request, in words
    } else if (key == "kiosk_name") {
        if (value.size() > 64) fail_value(source, line, key, "a name of at most 64 characters, e.g. \"Lobby kiosk\"", value);
        config.kiosk_name = value;
    }
}

}  // namespace

std::filesystem::path default_data_dir() {
    // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg == '/')
        return std::filesystem::path(xdg) / "qiao";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local" / "share" / "qiao";
    return std::filesystem::path("qiao-data");
}

const char* to_string(Orientation orientation) {
    switch (orientation) {
    case Orientation::Auto: return "auto";
    case Orientation::Landscape: return "landscape";
    case Orientation::Portrait: return "portrait";
    }
    return "auto";
}

KioskConfig parse_config(std::string_view text, std::string_view source_name, KioskConfig base) {
    std::map<std::string, int, std::less<>> seen;  // key -> line it was first set on
    for (const auto& [line_number, line] : split_lines(text)) {
        const std::string_view content = trim(strip_comment(line));
        if (content.empty()) continue;

        const auto equals = content.find('=');
        if (equals == std::string_view::npos)
            throw ConfigError(where(source_name, line_number) +
                              "expected a setting written as key = value (found " +
                              cv::quote_for_message(content) + ")");
        const std::string_view key = trim(content.substr(0, equals));
        const std::string_view raw_value = trim(content.substr(equals + 1));
        if (key.empty())
            throw ConfigError(where(source_name, line_number) +
                              "the setting name is missing before '=' (found " +
                              cv::quote_for_message(content) + ")");
        if (!is_known_key(key))
            throw ConfigError(where(source_name, line_number) + cv::quote_for_message(key) +
                              " is not a setting; the settings are: " + known_keys_list());
        if (const auto first = seen.find(key); first != seen.end())
            throw ConfigError(where(source_name, line_number) + std::string(key) +
                              " is set twice (first on line " + std::to_string(first->second) +
                              "); keep only one");
        seen.emplace(std::string(key), line_number);

        apply_setting(base, key, unquote(raw_value, source_name, line_number, key), source_name,
                      line_number);
    }
    return base;
}

KioskConfig load_config_file(const std::filesystem::path& path, KioskConfig base) {
    const std::string name = path.string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw ConfigError(name + ": the config file does not exist");
    if (std::filesystem::is_directory(path, ec))
        throw ConfigError(name + ": this is a folder; give the config file inside it");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream contents;
    if (in) contents << in.rdbuf();
    if (!in || in.bad())
        throw ConfigError(name + ": the config file cannot be read (check its permissions)");
    return parse_config(contents.str(), name, std::move(base));
}

}  // namespace qiao::core
