// The corpus of broken packs: each is the good minimal pack broken one way, and
// each must be refused with a problem naming the right file and saying the right
// thing. Packs under tests/packs/broken/ are committed; breakages git cannot hold
// (links, huge or special files) or that need other limits are made at test time.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>
#include <string>

#include "core/lessons/pack_reader.hpp"
#include "core/pack_test_support.hpp"

using namespace qiao::core;
using namespace qiao::test;
namespace fs = std::filesystem;

namespace {

struct Expected {
    const char* name;      // folder under tests/packs/broken/
    const char* file;      // PackProblem::file of the problem that refuses it
    const char* where;     // PackProblem::where, or nullptr for any
    const char* fragment;  // in PackProblem::message
};

const char* const kLesson = "lessons/first-tap/lesson.json";

const Expected kBroken[] = {
    {"bad-json", kLesson, "line 6, column 3", "a comma (,) is probably missing"},
    {"missing-file", kLesson, "/steps/0/picture", "there is no file lessons/first-tap/images/gone.png"},
    {"path-escape", kLesson, "/steps/0/picture", "'..' would leave the pack"},
    {"unknown-element-id", kLesson, "/steps/1/action/target",
     "step 2 says tap 'wallet_app' but the screen 'phone-home' has no element with that id; ids on that screen are: "
     "greeting, apps, wallet, chat, scan"},
    {"undecodable-image", kLesson, "/steps/0/picture", "it is not a PNG or JPEG picture inside"},
    {"damaged-image", kLesson, "/steps/0/picture", "cannot be read as a picture"},
    {"missing-zh-CN", kLesson, "/title", "\"title\" of the lesson has no Chinese (zh-CN) text"},
    {"bad-version", "pack.json", "/version", "three whole numbers with dots, like 1.0.0"},
    {"duplicate-lesson", "pack.json", "/lessons/1", "listed more than once"},
    {"choose-without-correct", kLesson, "/steps/2/action/answers", "none of the answers of step 3 is marked right"},
    {"tap-without-screen", kLesson, "/steps/1/action", "shows no screen to tap on"},
    {"wrong-format", "pack.json", "/format", "reads format 1"},
    {"folder-name-mismatch", "lessons/first-taps/lesson.json", "/id", "but its folder is named 'first-taps'"},
    {"missing-lesson-json", kLesson, "", "this file is missing, but pack.json lists the lesson 'first-tap'"},
    {"unknown-element-type", kLesson, "/screens/phone-home/elements/2/type",
     "the element type 'buton' is not known; the types are: text, button"},
    {"unknown-screen", kLesson, "/steps/1/screen", "the lesson has no screen with that id"},
    {"duplicate-element-id", kLesson, "/screens/phone-home/elements/2/id", "the id 'chat' is used twice"},
    {"bad-icon", kLesson, "/icon", "'purse' is not one of the built-in icons"},
    {"too-few-answers", kLesson, "/steps/2/action/answers", "step 3 has 1 answer, but a question needs 2 to 4 answers"},
    {"missing-explain", kLesson, "/steps/2/action/answers/1",
     "answer 2 of step 3 needs \"explain\" (what is said after the learner chooses it), but it is missing"},
    {"wrong-type", kLesson, "/minutes", "should be a whole number from 1 to 120, without quotes"},
    {"bad-pack-id", "pack.json", "/id", "a pack id is written like a web address backwards"},
    {"bad-audio", kLesson, "/steps/0/narration/zh-CN", "it is not a WAV file"},
    {"damaged-ogg", kLesson, "/steps/0/narration/en", "it cannot be played"},
};

// Finds the problem the case expects; fails the test with every problem listed if none.
void expect_refused(const std::string& name, const PackReadResult& result, const std::string& file,
                    const char* where, const std::string& fragment) {
    INFO("pack: " << name << listing(result.problems));
    CHECK_FALSE(result.ok());
    CHECK_FALSE(result.pack.has_value());
    const bool found = std::any_of(result.problems.begin(), result.problems.end(), [&](const PackProblem& p) {
        return p.severity == PackProblem::Severity::Error && p.file == file && (where == nullptr || p.where == where) &&
               p.message.find(fragment) != std::string::npos;
    });
    CHECK_MESSAGE(found, "expected an error in " << file << " at " << std::string(where ? where : "(any)") << " saying: " << fragment);
}

}  // namespace

TEST_CASE("pack: every committed broken pack is refused with its own message") {
    std::set<std::string> on_disk;
    for (const auto& entry : fs::directory_iterator(packs_dir() / "broken"))
        if (entry.is_directory()) on_disk.insert(entry.path().filename().string());
    std::set<std::string> in_table;
    for (const auto& expected : kBroken) {
        in_table.insert(expected.name);
        expect_refused(expected.name, read_pack(packs_dir() / "broken" / expected.name), expected.file, expected.where,
                       expected.fragment);
    }
    // A pack added to the corpus without an expectation would test nothing.
    CHECK(on_disk == in_table);
}

TEST_CASE("pack: breakages made at test time are refused with their own message") {
    struct Made {
        const char* name;
        std::function<void(const fs::path& pack, const fs::path& outside, PackLimits& limits)> make;
        const char* file;
        const char* where;
        const char* fragment;
    };
    const std::string picture = "lessons/first-tap/images/dot.png";
    const Made made[] = {
        {"symlink",
         [&](const fs::path& pack, const fs::path& outside, PackLimits&) {
             fs::copy_file(pack / picture, outside / "real.png");
             fs::remove(pack / picture);
             fs::create_symlink(outside / "real.png", pack / picture);
         },
         "lessons/first-tap/images/dot.png", "", "this is a link (shortcut) to somewhere else"},
        {"linked-folder",
         [&](const fs::path& pack, const fs::path& outside, PackLimits&) {
             fs::create_directories(outside / "secrets");
             fs::create_directory_symlink(outside / "secrets", pack / "lessons/first-tap/more");
         },
         "lessons/first-tap/more", "", "this is a link"},
        {"huge-file",
         [&](const fs::path& pack, const fs::path&, PackLimits& limits) {
             limits.max_picture_bytes = 1ull << 20;
             fs::resize_file(pack / picture, 3ull << 20);  // sparse: costs no disk
         },
         kLesson, "/steps/0/picture", "is 3.0 MB, but a picture may be at most 1.0 MB"},
        {"pack-too-big", [&](const fs::path&, const fs::path&, PackLimits& limits) { limits.max_pack_bytes = 4000; },
         "", "", "but a pack may hold at most 3.9 KB"},
        {"picture-too-wide", [&](const fs::path&, const fs::path&, PackLimits& limits) { limits.max_picture_side = 2; },
         kLesson, "/steps/0/picture", "it is 4 x 4 pixels, but a picture may be at most 2 pixels each way"},
        {"clip-too-long", [&](const fs::path&, const fs::path&, PackLimits& limits) { limits.max_clip_seconds = 0.05; },
         kLesson, "/steps/0/narration/zh-CN", "but a clip may be at most"},
        {"clip-too-big", [&](const fs::path&, const fs::path&, PackLimits& limits) { limits.max_clip_bytes = 100; },
         kLesson, "/steps/0/narration/en", "but a recording may be at most 100 bytes"},
        {"special-file",
         [&](const fs::path& pack, const fs::path&, PackLimits&) {
             REQUIRE(::mkfifo((pack / "lessons/first-tap/pipe").c_str(), 0600) == 0);
         },
         "lessons/first-tap/pipe", "", "not an ordinary file or folder"},
        {"fifo-lesson-json",  // reading it would wait forever
         [&](const fs::path& pack, const fs::path&, PackLimits&) {
             fs::remove(pack / kLesson);
             REQUIRE(::mkfifo((pack / kLesson).c_str(), 0600) == 0);
         },
         kLesson, "", "not an ordinary file or folder"},
        {"huge-json",
         [&](const fs::path& pack, const fs::path&, PackLimits& limits) {
             limits.max_json_bytes = 100;
             (void)pack;
         },
         "pack.json", "", "but it may be at most 100 bytes"},
    };
    for (const auto& one : made) {
        PackTempDir dir(one.name);
        const fs::path pack = copy_of_good_pack(dir);
        fs::create_directories(dir.path() / "outside");
        PackLimits limits;
        one.make(pack, dir.path() / "outside", limits);
        expect_refused(one.name, read_pack(pack, limits), one.file, one.where, one.fragment);
    }
}
