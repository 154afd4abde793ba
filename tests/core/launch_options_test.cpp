// qiao-kiosk's command line: every flag, and plain messages for mistakes.
#include <doctest/doctest.h>

#include "core/config/launch_options.hpp"

using namespace qiao::core;

namespace {

std::string error_of(const std::vector<std::string>& args) {
    try {
        parse_launch_options(args);
    } catch (const ConfigError& error) {
        return error.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("no flags asks for nothing") {
    const LaunchOptions options = parse_launch_options({});
    CHECK_FALSE(options.config_file);
    CHECK_FALSE(options.data_dir);
    CHECK_FALSE(options.fullscreen);
    CHECK_FALSE(options.language);
    CHECK_FALSE(options.window_size);
    CHECK_FALSE(options.audio);
    CHECK_FALSE(options.headless);
    CHECK_FALSE(options.tour_file);
    CHECK_FALSE(options.shots_dir);
    CHECK_FALSE(options.show_help);
    CHECK_FALSE(options.show_version);
}

TEST_CASE("every flag is understood") {
    const LaunchOptions options = parse_launch_options(
        {"--config", "/etc/qiao/kiosk.conf", "--data-dir", "/var/lib/qiao", "--fullscreen", "--lang", "yue",
         "--size", "1920x1080", "--audio", "wav:/tmp/said", "--headless", "--tour", "home.tour", "--shots",
         "/tmp/shots", "--help", "--version"});
    CHECK(options.config_file == "/etc/qiao/kiosk.conf");
    CHECK(options.data_dir == "/var/lib/qiao");
    CHECK(options.fullscreen == true);
    CHECK(options.language == "yue");
    CHECK(options.window_size == std::pair<int, int>{1920, 1080});
    CHECK(options.audio == "wav:/tmp/said");
    CHECK(options.headless);
    CHECK(options.tour_file == "home.tour");
    CHECK(options.shots_dir == "/tmp/shots");
    CHECK(options.show_help);
    CHECK(options.show_version);
}

TEST_CASE("--flag=value works as well as --flag value") {
    const LaunchOptions options = parse_launch_options({"--lang=en", "--size=800x600", "--audio=null"});
    CHECK(options.language == "en");
    CHECK(options.window_size == std::pair<int, int>{800, 600});
    CHECK(options.audio == "null");
    CHECK(error_of({"--lang="}) == "--lang needs a value after '=', e.g. --lang zh-CN");
    CHECK(error_of({"--headless=yes"}).find("--headless does not take a value") == 0);
}

TEST_CASE("--windowed and --fullscreen: the last one wins") {
    CHECK(parse_launch_options({"--windowed"}).fullscreen == false);
    CHECK(parse_launch_options({"--fullscreen", "--windowed"}).fullscreen == false);
    CHECK(parse_launch_options({"--windowed", "--fullscreen"}).fullscreen == true);
}

TEST_CASE("--tour implies --headless") {
    const LaunchOptions options = parse_launch_options({"--tour", "tests/tours/home.tour"});
    CHECK(options.headless);
    CHECK(options.tour_file == "tests/tours/home.tour");
}

TEST_CASE("-h asks for help too") { CHECK(parse_launch_options({"-h"}).show_help); }

TEST_CASE("an unknown flag or a stray word says how to see the options") {
    CHECK(error_of({"--foo"}) == "unknown option --foo; run qiao-kiosk --help to see the options");
    CHECK(error_of({"--foo=bar"}) == "unknown option --foo; run qiao-kiosk --help to see the options");
    CHECK(error_of({"kiosk.conf"}) == "unexpected \"kiosk.conf\"; run qiao-kiosk --help to see the options");
    CHECK(error_of({"-x"}).find("unexpected \"-x\"") == 0);
    CHECK(error_of({"--"}).find("unexpected") == 0);
}

TEST_CASE("a flag missing its value says what to write") {
    CHECK(error_of({"--config"}) == "--config needs a value after it, e.g. --config /etc/qiao/kiosk.conf");
    CHECK(error_of({"--tour", "--headless"}).find("--tour needs a value after it") == 0);
    CHECK(error_of({"--data-dir", ""}).find("--data-dir needs a value") == 0);
    for (const char* flag : {"--config", "--data-dir", "--lang", "--size", "--audio", "--tour", "--shots"}) {
        INFO(std::string(flag));
        CHECK(error_of({flag}).find(std::string(flag) + " needs a value") == 0);
    }
}

TEST_CASE("bad values are refused with what is allowed") {
    CHECK(error_of({"--size", "big"}) ==
          "--size must be WIDTHxHEIGHT in pixels, each from 200 to 8000, e.g. 1280x800 (found \"big\")");
    for (const char* size : {"1280", "1280x", "x800", "199x800", "1280x8001", "1280X800", "-1280x800", "1280x800x2"}) {
        INFO(std::string(size));
        CHECK(error_of({"--size", size}).find("--size must be") == 0);
    }
    CHECK(parse_launch_options({"--size", "200x8000"}).window_size == std::pair<int, int>{200, 8000});
    CHECK(error_of({"--lang", "../x"}).find("--lang must be a language code") == 0);
    CHECK(error_of({"--audio", "speaker"}) == "--audio must be sdl (the speaker), null (no sound) or wav:FOLDER (found \"speaker\")");
    CHECK(error_of({"--audio", "wav:"}).find("--audio must be") == 0);
}

TEST_CASE("the flags override the config file, and only the keys they name") {
    KioskConfig config;
    config.data_dir = "/from/file";
    config.fullscreen = true;
    config.language = "yue";
    config.window_width = 1024;
    config.window_height = 768;
    config.audio = "";
    config.idle_timeout_s = 600;

    const KioskConfig unchanged = apply_launch_options(config, parse_launch_options({"--headless"}));
    CHECK(unchanged.data_dir == "/from/file");
    CHECK(unchanged.fullscreen);
    CHECK(unchanged.language == "yue");
    CHECK(unchanged.window_width == 1024);

    const KioskConfig applied = apply_launch_options(
        config, parse_launch_options({"--data-dir", "/flag", "--windowed", "--lang", "en", "--size", "800x600",
                                      "--audio", "null"}));
    CHECK(applied.data_dir == "/flag");
    CHECK_FALSE(applied.fullscreen);
    CHECK(applied.language == "en");
    CHECK(applied.window_width == 800);
    CHECK(applied.window_height == 600);
    CHECK(applied.audio == "null");
    CHECK(applied.idle_timeout_s == 600);
}

TEST_CASE("--help lists every flag, one line each, and points at the docs") {
    const std::string help = launch_help_text();
    for (const char* flag : {"--config", "--data-dir", "--fullscreen", "--windowed", "--lang", "--headless",
                             "--tour", "--shots", "--size", "--audio", "--help", "--version"}) {
        INFO(std::string(flag));
        CHECK(help.find(std::string("\n  ") + flag) != std::string::npos);
    }
    CHECK(help.find("docs/configuration.md") != std::string::npos);
    std::size_t start = 0;
    while (start < help.size()) {
        const auto end = help.find('\n', start);
        INFO(help.substr(start, end - start));
        CHECK(end - start <= 80);  // fits a plain terminal
        start = end + 1;
    }
}

TEST_CASE("--enroll takes the back office's address and the code, --backoffice-ca a file") {
    const LaunchOptions options = parse_launch_options(
        {"--enroll", "https://office.example.org", "7KQM-X2PA-RT9W", "--backoffice-ca=/etc/qiao/site-ca.pem"});
    REQUIRE(options.enroll);
    CHECK(options.enroll->first == "https://office.example.org");
    CHECK(options.enroll->second == "7KQM-X2PA-RT9W");
    CHECK(apply_launch_options(KioskConfig{}, options).backoffice_ca == "/etc/qiao/site-ca.pem");
    CHECK(error_of({"--enroll", "https://office.example.org"}).find("--enroll needs a value after it") == 0);
    CHECK(error_of({"--enroll"}).find("--enroll needs a value after it") == 0);
    CHECK(error_of({"--enroll=https://office.example.org"}).find("--enroll takes two values") == 0);
    CHECK(launch_help_text().find("--enroll URL CODE") != std::string::npos);
}
