// A pack upgrade keeps what learners did: progress is kept by pack and lesson id, not
// by version, and a step that no longer exists is clamped to the last one.
#include <doctest/doctest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "core/lessons/lesson_library.hpp"
#include "core/lessons/lesson_session.hpp"
#include "core/lessons/pack_installer.hpp"
#include "core/lessons/progress_store.hpp"
#include "core/storage/local_store.hpp"

using namespace qiao::core;
namespace fs = std::filesystem;

namespace {

fs::path fresh(const std::string& name) {
    const fs::path dir = fs::path(QIAO_TEST_TMP) / "lesson-upgrade" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

// A copy of the real video-call lesson pack at another version, optionally shorter.
fs::path pack_version(const fs::path& where, const std::string& version, std::size_t keep_steps) {
    const fs::path copy = where / ("pack-" + version);
    fs::copy(fs::path(QIAO_SOURCE_DIR) / "lessons" / "qiao-basics", copy, fs::copy_options::recursive);
    nlohmann::json manifest = nlohmann::json::parse(std::ifstream(copy / "pack.json"));
    manifest["version"] = version;
    std::ofstream(copy / "pack.json") << manifest.dump(2);
    const fs::path lesson_file = copy / "lessons" / "video-call" / "lesson.json";
    nlohmann::json lesson = nlohmann::json::parse(std::ifstream(lesson_file));
    if (keep_steps < lesson["steps"].size()) lesson["steps"].erase(lesson["steps"].begin() + static_cast<long>(keep_steps), lesson["steps"].end());
    std::ofstream(lesson_file) << lesson.dump(2);
    return copy;
}

}  // namespace

TEST_CASE("learners' progress survives a pack upgrade, even one that shortens the lesson") {
    const fs::path dir = fresh("upgrade");
    Log log([](LogLevel, std::string_view) {});
    LocalStore store = LocalStore::open_in_memory();
    ProgressStore progress(store.db());
    InstallOptions dev;
    dev.development_mode = true;
    PackInstaller installer(dir / "packs", {});
    installer.install_from_folder(pack_version(dir, "1.0.0", 100), dev);
    progress.save_step("phone:learner", "org.qiao.basics", "video-call", 7);

    installer.install_from_folder(pack_version(dir, "1.1.0", 5), dev);
    const LessonLibrary library = LessonLibrary::load(dir / "packs", log);
    const LessonPack* pack = library.find_pack("org.qiao.basics");
    REQUIRE(pack != nullptr);
    CHECK(pack->version == "1.1.0");
    const auto reached = progress.step_reached("phone:learner", "org.qiao.basics", "video-call");
    REQUIRE(reached == 7);
    LessonSession session(*pack, *library.find_lesson("org.qiao.basics", "video-call"), *reached, TimePoint{});
    CHECK(session.step_index() == 4);  // the last step of the shorter lesson

    installer.rollback("org.qiao.basics");
    CHECK(LessonLibrary::load(dir / "packs", log).find_pack("org.qiao.basics")->version == "1.0.0");
    CHECK(progress.step_reached("phone:learner", "org.qiao.basics", "video-call") == 7);
}

TEST_CASE("an installed pack that no longer reads is left out, and staff are told why") {
    const fs::path dir = fresh("damaged");
    std::vector<std::string> lines;
    Log log([&](LogLevel, std::string_view line) { lines.emplace_back(line); });
    InstallOptions dev;
    dev.development_mode = true;
    PackInstaller installer(dir / "packs", {});
    const InstallResult installed = installer.install_from_folder(pack_version(dir, "1.0.0", 100), dev);
    std::ofstream(installed.folder / "lessons" / "video-call" / "lesson.json") << "{ this is not JSON";
    const LessonLibrary library = LessonLibrary::load(dir / "packs", log);
    CHECK(library.packs().empty());
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].find("org.qiao.basics") != std::string::npos);
    CHECK(lines[0].find("lessons/video-call/lesson.json") != std::string::npos);
}
