// Packs a site manager switched off: kept installed, left out of what seniors are offered.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "core/lessons/lesson_library.hpp"
#include "core/lessons/pack_availability.hpp"
#include "core/lessons/pack_installer.hpp"
#include "core/lessons/pack_signature.hpp"
#include "core/lessons/progress_store.hpp"
#include "core/pack_sign_fixture.hpp"
#include "core/storage/local_store.hpp"
#include "core/storage/settings_store.hpp"

using namespace qiao::core;
using qiao::test::make_tiny_pack;
using qiao::test::PackTempDir;
namespace fs = std::filesystem;

TEST_CASE("pack availability: disable and enable are kept in the store, under a kiosk. key") {
    LocalStore store = LocalStore::open_in_memory();
    PackAvailability packs(store.db());
    CHECK(packs.disabled().empty());
    CHECK(packs.is_enabled("org.qiao.basics"));

    packs.disable("org.qiao.basics");
    packs.disable("org.qiao.apps");
    packs.disable("org.qiao.basics");  // twice is no error
    CHECK(packs.disabled() == std::vector<std::string>{"org.qiao.apps", "org.qiao.basics"});
    CHECK_FALSE(PackAvailability(store.db()).is_enabled("org.qiao.basics"));  // read from the store
    CHECK(SettingsStore(store.db()).get("kiosk.packs.disabled") == R"(["org.qiao.apps","org.qiao.basics"])");

    packs.enable("org.qiao.basics");
    packs.enable("org.qiao.never-disabled");
    CHECK(packs.disabled() == std::vector<std::string>{"org.qiao.apps"});
    packs.enable("org.qiao.apps");
    CHECK_FALSE(SettingsStore(store.db()).get("kiosk.packs.disabled").has_value());

    CHECK_THROWS_WITH_AS(packs.disable("../etc"), "'../etc' is not a lesson pack id (like org.qiao.basics)",
                         std::invalid_argument);
}

TEST_CASE("pack availability: a damaged setting shows every pack rather than none") {
    LocalStore store = LocalStore::open_in_memory();
    SettingsStore(store.db()).set(kDisabledPacksKey, "{not json");
    PackAvailability packs(store.db());
    CHECK(packs.disabled().empty());
    packs.disable("org.qiao.apps");  // and the next change writes it whole again
    CHECK(packs.disabled() == std::vector<std::string>{"org.qiao.apps"});
}

TEST_CASE("pack availability: the lessons a senior is offered leave disabled packs out") {
    PackTempDir dir("availability");
    const PublisherKeyPair keys = generate_keypair("Test volunteers");
    PackInstaller installer(dir / "packs", {keys.public_key});
    for (const std::string id : {"org.qiao.one", "org.qiao.two"}) {
        const fs::path folder = make_tiny_pack(dir / id, "1.0.0", id);
        sign_pack(folder, keys.secret);
        installer.install_from_folder(folder);
    }
    Log log([](LogLevel, std::string_view) {});
    const LessonLibrary library = LessonLibrary::load(dir / "packs", log);
    REQUIRE(library.packs().size() == 2);

    LocalStore store = LocalStore::open_in_memory();
    PackAvailability availability(store.db());
    CHECK(library.shown_packs(availability.disabled()).size() == 2);
    availability.disable("org.qiao.one");
    const auto shown = library.shown_packs(availability.disabled());
    REQUIRE(shown.size() == 1);
    CHECK(shown[0]->id == "org.qiao.two");
    CHECK(library.find_pack("org.qiao.one") != nullptr);  // still installed, for staff
}

TEST_CASE("progress: how many different learners finished each lesson of a pack") {
    LocalStore store = LocalStore::open_in_memory();
    ProgressStore progress(store.db());
    const auto finish = [&](const std::string& learner, const std::string& pack, const std::string& lesson,
                            const std::string& version = "1.0.0") {
        LessonCompletion c;
        c.learner = learner;
        c.pack_id = pack;
        c.pack_version = version;
        c.lesson_id = lesson;
        progress.record_completion(c);
    };
    finish("phone:a", "org.qiao.basics", "pay-by-qr");
    finish("phone:a", "org.qiao.basics", "pay-by-qr", "1.1.0");  // again, after an upgrade: still one learner
    finish("phone:b", "org.qiao.basics", "pay-by-qr");
    finish("session:1", "org.qiao.basics", "video-call");
    finish("phone:a", "org.qiao.other", "pay-by-qr");
    CHECK(progress.learners_per_lesson("org.qiao.basics") == std::map<std::string, int>{{"pay-by-qr", 2}, {"video-call", 1}});
    CHECK(progress.learners_per_lesson("org.qiao.other") == std::map<std::string, int>{{"pay-by-qr", 1}});
    CHECK(progress.learners_per_lesson("org.qiao.none").empty());
}
