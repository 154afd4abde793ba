// A pack whose characters the station's font cannot draw is refused, with the list:
// no lesson may ever show an empty box.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/pack_commands.hpp"
#include "core/lessons/lesson_library.hpp"

using namespace qiao;
namespace fs = std::filesystem;

TEST_CASE("installing refuses a pack the font cannot draw, and names the characters") {
    const fs::path dir = fs::path(QIAO_TEST_TMP) / "ui" / "pack-font";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path pack = dir / "pack";
    fs::copy(fs::path(QIAO_SOURCE_DIR) / "tests/packs/good/minimal", pack, fs::copy_options::recursive);
    nlohmann::json manifest = nlohmann::json::parse(std::ifstream(pack / "pack.json"));
    manifest["title"]["zh-CN"] = "笑一笑 😀";
    std::ofstream(pack / "pack.json") << manifest.dump(2);

    core::Log log([](core::LogLevel, std::string_view) {});
    core::KioskConfig config;
    config.data_dir = dir / "data";
    core::LaunchOptions options;
    options.install_packs = {pack.string()};
    options.allow_unsigned_packs = true;
    std::ostringstream out;
    CHECK(app::run_pack_commands(config, options, out, log) == 1);
    INFO(out.str());
    CHECK(out.str().find("not installed") != std::string::npos);
    CHECK(out.str().find("cannot draw") != std::string::npos);
    CHECK(out.str().find("😀") != std::string::npos);
    CHECK(core::LessonLibrary::load(config.data_dir / "packs", log).packs().empty());

    // The same pack without it installs.
    manifest["title"]["zh-CN"] = "笑一笑";
    std::ofstream(pack / "pack.json") << manifest.dump(2);
    std::ostringstream again;
    CHECK(app::run_pack_commands(config, options, again, log) == 0);
    CHECK(core::LessonLibrary::load(config.data_dir / "packs", log).packs().size() == 1);
}
