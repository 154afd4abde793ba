// The station's config file: every key, the words it accepts, and one plain
// message for each way a line can be wrong.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <unistd.h>

#include "core/config/kiosk_config.hpp"
#include "core/config/text_size.hpp"

using namespace qiao::core;
namespace fs = std::filesystem;

namespace {

std::string error_of(std::string_view text) {
    try {
        parse_config(text, "kiosk.conf");
    } catch (const ConfigError& error) {
        return error.what();
    }
    return "(no error)";
}

// Sets an environment variable for one test and puts it back afterwards.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value) ::setenv(name, value, 1);
        else ::unsetenv(name);
    }
    ~ScopedEnv() {
        if (old_) ::setenv(name_, old_->c_str(), 1);
        else ::unsetenv(name_);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

fs::path fresh_dir(const std::string& label) {
    static std::atomic<int> counter{0};
    const fs::path dir = fs::path(QIAO_TEST_TMP) / ("config-test-" + std::to_string(::getpid())) /
                         (label + "-" + std::to_string(counter++));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace

TEST_CASE("text sizes read and write the same three words") {
    for (TextSize size : {TextSize::Normal, TextSize::Large, TextSize::Largest})
        CHECK(parse_text_size(to_string(size)) == size);
    CHECK(std::string(to_string(TextSize::Largest)) == "largest");
    CHECK_FALSE(parse_text_size("Large").has_value());
    CHECK_FALSE(parse_text_size("huge").has_value());
    CHECK_FALSE(parse_text_size("").has_value());
}

TEST_CASE("the defaults suit a first run on a laptop") {
    const KioskConfig config;
    CHECK_FALSE(config.fullscreen);
    CHECK(config.window_width == 1280);
    CHECK(config.window_height == 800);
    CHECK(config.orientation == Orientation::Auto);
    CHECK(config.language == "zh-CN");
    CHECK(config.text_size == TextSize::Normal);
    CHECK(config.voice);
    CHECK(config.speech_rate_wpm == 130);
    CHECK(config.idle_timeout_s == 180);
    CHECK(config.idle_warning_s == 30);
    CHECK(config.font_file.empty());
    CHECK(config.audio.empty());
    CHECK_FALSE(config.data_dir.empty());
}

TEST_CASE("data_dir defaults to XDG_DATA_HOME, then HOME") {
    {
        ScopedEnv xdg("XDG_DATA_HOME", "/srv/data");
        ScopedEnv home("HOME", "/home/li");
        CHECK(default_data_dir() == fs::path("/srv/data/qiao"));
        CHECK(KioskConfig{}.data_dir == fs::path("/srv/data/qiao"));
        CHECK(parse_config("", "kiosk.conf").data_dir == fs::path("/srv/data/qiao"));
    }
    {
        ScopedEnv xdg("XDG_DATA_HOME", nullptr);
        ScopedEnv home("HOME", "/home/li");
        CHECK(default_data_dir() == fs::path("/home/li/.local/share/qiao"));
    }
    {
        ScopedEnv xdg("XDG_DATA_HOME", "relative/dir");  // XDG says: ignore a relative one
        ScopedEnv home("HOME", "/home/li");
        CHECK(default_data_dir() == fs::path("/home/li/.local/share/qiao"));
    }
    {
        ScopedEnv xdg("XDG_DATA_HOME", nullptr);
        ScopedEnv home("HOME", nullptr);
        CHECK(default_data_dir() == fs::path("qiao-data"));
    }
}

TEST_CASE("a full config file sets every key") {
    const KioskConfig config = parse_config(R"(# a station in the clinic lobby
data_dir = /var/lib/qiao
fullscreen = yes
window_width = 1920
window_height = 1080
orientation = portrait

language = yue
text_size = large
voice = off
speech_rate = 110
idle_timeout = 300
idle_warning = 45
font_file = "/usr/share/fonts/my font.ttf"
audio = null
)",
                                            "kiosk.conf");
    CHECK(config.data_dir == fs::path("/var/lib/qiao"));
    CHECK(config.fullscreen);
    CHECK(config.window_width == 1920);
    CHECK(config.window_height == 1080);
    CHECK(config.orientation == Orientation::Portrait);
    CHECK(config.language == "yue");
    CHECK(config.text_size == TextSize::Large);
    CHECK_FALSE(config.voice);
    CHECK(config.speech_rate_wpm == 110);
    CHECK(config.idle_timeout_s == 300);
    CHECK(config.idle_warning_s == 45);
    CHECK(config.font_file == "/usr/share/fonts/my font.ttf");
    CHECK(config.audio == "null");
}

TEST_CASE("keys the file leaves out keep the base values") {
    KioskConfig base;
    base.language = "en";
    base.idle_timeout_s = 600;
    const KioskConfig config = parse_config("voice = off\n", "kiosk.conf", base);
    CHECK(config.language == "en");
    CHECK(config.idle_timeout_s == 600);
    CHECK_FALSE(config.voice);
}

TEST_CASE("comments, blanks, spaces, quotes, CRLF and a byte order mark are fine") {
    const KioskConfig config = parse_config(
        "\xEF\xBB\xBF# written on Windows\r\n"
        "\r\n"
        "   language=en   # the visitors here speak English\r\n"
        "\tfont_file = \"/fonts/a#b.ttf\"  # '#' inside quotes is kept\r\n"
        "audio = \"\"\r\n"
        "voice=  ON\r\n"
        "orientation = landscape",  // no newline at the end
        "kiosk.conf");
    CHECK(config.language == "en");
    CHECK(config.font_file == "/fonts/a#b.ttf");
    CHECK(config.audio.empty());
    CHECK(config.voice);
    CHECK(config.orientation == Orientation::Landscape);
}

TEST_CASE("booleans accept true/false, on/off, yes/no") {
    for (const char* yes : {"true", "on", "yes", "TRUE", "On", "Yes"})
        CHECK(parse_config(std::string("fullscreen = ") + yes, "c").fullscreen);
    KioskConfig base;
    base.fullscreen = true;
    for (const char* no : {"false", "off", "no", "OFF"})
        CHECK_FALSE(parse_config(std::string("fullscreen = ") + no, "c", base).fullscreen);
    CHECK(error_of("voice = 1") ==
          "kiosk.conf line 1: voice must be on or off (true/false and yes/no work too) (found \"1\")");
}

TEST_CASE("a bad number names the file, line, key and the allowed range") {
    CHECK(error_of("# timing\n\nidle_timeout = abc\n") ==
          "kiosk.conf line 3: idle_timeout must be a whole number of seconds from 30 to 3600 (found \"abc\")");
    CHECK(error_of("idle_timeout = 29") ==
          "kiosk.conf line 1: idle_timeout must be a whole number of seconds from 30 to 3600 (found \"29\")");
    CHECK(parse_config("idle_timeout = 30", "c").idle_timeout_s == 30);
    CHECK(parse_config("idle_timeout = 3600", "c").idle_timeout_s == 3600);
    CHECK(error_of("idle_timeout = 3601").find("from 30 to 3600") != std::string::npos);
    CHECK(error_of("idle_warning = 9").find("idle_warning must be a whole number of seconds from 10 to 300") !=
          std::string::npos);
    CHECK(parse_config("idle_warning = 300", "c").idle_warning_s == 300);
    CHECK(error_of("speech_rate = 300").find("speech_rate must be a whole number of words a minute from 80 to 260") !=
          std::string::npos);
    CHECK(parse_config("speech_rate = 80", "c").speech_rate_wpm == 80);
    CHECK(error_of("window_width = 199").find("from 200 to 8000") != std::string::npos);
    CHECK(error_of("window_height = 8001").find("window_height must be") != std::string::npos);
    for (const char* odd : {"-60", "+60", "60.0", "0x3c", "6 0", "99999999999999999999999", ""}) {
        INFO(std::string(odd));
        CHECK(error_of(std::string("idle_timeout = ") + odd).find("idle_timeout must be") != std::string::npos);
    }
}

TEST_CASE("words that are not allowed say which are") {
    CHECK(error_of("orientation = sideways") ==
          "kiosk.conf line 1: orientation must be auto, landscape or portrait (found \"sideways\")");
    CHECK(error_of("text_size = huge") ==
          "kiosk.conf line 1: text_size must be normal, large or largest (found \"huge\")");
    CHECK(error_of("audio = speaker").find("audio must be \"\" (the normal speaker), sdl (the speaker only), null (no sound) or wav:FOLDER") !=
          std::string::npos);
    CHECK(error_of("audio = wav:").find("audio must be") != std::string::npos);
    CHECK(parse_config("audio = wav:/tmp/said", "c").audio == "wav:/tmp/said");
    CHECK(error_of("data_dir = \"\"").find("data_dir must be a folder") != std::string::npos);
}

TEST_CASE("language is checked for shape only") {
    CHECK(parse_config("language = fr", "c").language == "fr");  // the app checks the catalog
    CHECK(parse_config("language = zh-Hant-HK", "c").language == "zh-Hant-HK");
    for (const char* bad : {"z", "../en", "zh_CN", "-en", "a-very-long-language-code", "普通话", "1en"}) {
        INFO(std::string(bad));
        CHECK(error_of(std::string("language = ") + bad).find("language must be a language code") !=
              std::string::npos);
    }
}

TEST_CASE("unknown keys, duplicates and lines without '=' are refused") {
    const std::string unknown = error_of("fulscreen = on");
    CHECK(unknown.find("kiosk.conf line 1: \"fulscreen\" is not a setting; the settings are: data_dir, "
                       "fullscreen,") == 0);
    CHECK(unknown.find("audio") != std::string::npos);

    CHECK(error_of("voice = on\nlanguage = en\nvoice = off") ==
          "kiosk.conf line 3: voice is set twice (first on line 1); keep only one");
    CHECK(error_of("fullscreen") ==
          "kiosk.conf line 1: expected a setting written as key = value (found \"fullscreen\")");
    CHECK(error_of("= on").find("line 1: the setting name is missing") != std::string::npos);
    CHECK(error_of("font_file = \"/fonts/a.ttf").find("a quoted value must start and end with \"") !=
          std::string::npos);
    CHECK(error_of("font_file = /fonts/\"a\".ttf").find("font_file: a quoted value") != std::string::npos);
    CHECK(error_of("font_file = \"a\"b\"").find("a quoted value") != std::string::npos);
}

TEST_CASE("strange bytes in a value are shown, not printed raw") {
    const std::string message = error_of("orientation = up\x01\x1b[2J");
    CHECK(message.find("\\x01\\x1B[2J") != std::string::npos);
    CHECK(message.find('\x1b') == std::string::npos);
    const std::string long_value = error_of("orientation = " + std::string(500, 'x'));
    CHECK(long_value.size() < 200);
}

TEST_CASE("load_config_file reads a file and names it in errors") {
    const fs::path dir = fresh_dir("load");
    const fs::path file = dir / "kiosk.conf";
    std::ofstream(file) << "language = en\nidle_timeout = 5\n";
    try {
        load_config_file(file);
        FAIL("expected a ConfigError");
    } catch (const ConfigError& error) {
        CHECK(std::string(error.what()) == file.string() + " line 2: idle_timeout must be a whole number of "
                                                           "seconds from 30 to 3600 (found \"5\")");
    }
    std::ofstream(file) << "language = en\n";
    CHECK(load_config_file(file).language == "en");

    CHECK_THROWS_WITH_AS(load_config_file(dir / "missing.conf"),
                         ((dir / "missing.conf").string() + ": the config file does not exist").c_str(),
                         ConfigError);
    CHECK_THROWS_AS(load_config_file(dir), ConfigError);
}

TEST_CASE("docs/configuration.md lists every key and its example file is valid") {
    const std::string doc = read_text(fs::path(QIAO_SOURCE_DIR) / "docs" / "configuration.md");
    REQUIRE_FALSE(doc.empty());
    for (const char* key : {"data_dir", "fullscreen", "window_width", "window_height", "orientation", "language",
                            "text_size", "voice", "speech_rate", "idle_timeout", "idle_warning", "font_file",
                            "audio"}) {
        INFO(std::string(key));
        CHECK(doc.find(std::string("`") + key + "`") != std::string::npos);
    }
    // Every ```conf block in the doc must be a file the kiosk accepts.
    int examples = 0;
    for (std::size_t at = doc.find("```conf\n"); at != std::string::npos; at = doc.find("```conf\n", at)) {
        at += 8;
        const auto end = doc.find("```", at);
        REQUIRE(end != std::string::npos);
        CHECK_NOTHROW(parse_config(doc.substr(at, end - at), "docs/configuration.md example"));
        ++examples;
        at = end + 3;
    }
    CHECK(examples >= 1);
}

TEST_CASE("sync keys: the site's own CA and the kiosk's name") {
    const KioskConfig config = parse_config("backoffice_ca = /etc/qiao/site-ca.pem\nkiosk_name = \"Clinic lobby\"\n", "kiosk.conf");
    CHECK(config.backoffice_ca == "/etc/qiao/site-ca.pem");
    CHECK(config.kiosk_name == "Clinic lobby");
    CHECK(error_of("kiosk_name = " + std::string(65, 'x')).find("kiosk_name") != std::string::npos);
}
