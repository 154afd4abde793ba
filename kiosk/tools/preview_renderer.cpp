#include "tools/preview_renderer.hpp"

#include <chrono>
#include <stdexcept>

#include "app/kiosk.hpp"
#include "app/loop_waker.hpp"
#include "app/resource_paths.hpp"
#include "core/lessons/pack_installer.hpp"
#include "core/log.hpp"
#include "tools/temp_dir.hpp"

namespace fs = std::filesystem;

namespace qiao::tools {
namespace {

constexpr auto kSettle = std::chrono::milliseconds(20);

// "step-01.png": zero-padded, so the files sort in step order (a lesson has at most 30).
std::string two_digits(std::size_t n) { return (n < 10 ? "0" : "") + std::to_string(n); }

class Shooter {
public:
    Shooter(app::Kiosk& kiosk, app::LoopWaker& waker, const fs::path& out, std::vector<PreviewShot>& shots)
        : kiosk_(kiosk), waker_(waker), out_(out), shots_(shots) {}

    void shoot(const std::string& language, const std::string& lesson_id, const std::string& caption, const fs::path& file) {
        // The headless kiosk takes Ctrl-C through its LoopWaker; honour it between pictures.
        if (waker_.signalled())
            throw std::runtime_error("stopped by Ctrl-C after " + std::to_string(shots_.size()) + " pictures");
        kiosk_.settle(kSettle);
        kiosk_.screenshot(out_ / file);
        shots_.push_back({language, lesson_id, caption, file});
    }

private:
    app::Kiosk& kiosk_;
    app::LoopWaker& waker_;
    fs::path out_;
    std::vector<PreviewShot>& shots_;
};

void expect_screen(const app::Kiosk& kiosk, const std::string& want, const std::string& doing) {
    if (kiosk.current_screen() != want)
        throw std::runtime_error("the kiosk showed the '" + kiosk.current_screen() + "' screen instead of '" + want +
                                 "' while " + doing + "; please report this with the pack");
}

// One fresh kiosk per language: a new visitor who starts in that language, with no lesson
// marked done by the previous language's run.
void preview_language(const core::LessonPack& pack, const PreviewOptions& options, const std::string& language,
                      const fs::path& data_dir, app::LoopWaker& waker, core::Log& log, std::vector<PreviewShot>& shots) {
    core::KioskConfig config;
    config.data_dir = data_dir;
    config.window_width = options.width;
    config.window_height = options.height;
    config.orientation = options.width >= options.height ? core::Orientation::Landscape : core::Orientation::Portrait;
    config.audio = "null";  // heard nowhere, but the kiosk still does everything it does when speaking
    config.language = language;
    core::LaunchOptions flags;
    flags.allow_unsigned_packs = options.show_unsigned_notice;
    app::Kiosk kiosk(app::KioskSetup{config, flags, true, app::find_resources()}, log, waker);
    Shooter shooter(kiosk, waker, options.out, shots);

    kiosk.go("learn");
    shooter.shoot(language, "", "Lesson list", fs::path(language) / "lessons.png");
    for (const core::Lesson& lesson : pack.lessons) {
        kiosk.open_lesson(pack.id, lesson.id);
        expect_screen(kiosk, "lesson", "opening lesson " + lesson.id);
        const fs::path dir = fs::path(language) / lesson.id;
        for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
            shooter.shoot(language, lesson.id, "Step " + std::to_string(i + 1) + " of " + std::to_string(lesson.steps.size()),
                          dir / ("step-" + two_digits(i + 1) + ".png"));
            kiosk.lesson_next();  // next always moves on, even on a tap or choose step
        }
        kiosk.settle(kSettle);
        expect_screen(kiosk, "lesson_done", "finishing lesson " + lesson.id);
        shooter.shoot(language, lesson.id, "Lesson done", dir / "done.png");
        kiosk.leave_lesson();
    }
}

}  // namespace

std::vector<PreviewShot> render_preview(const core::LessonPack& pack, const PreviewOptions& options, std::ostream& err) {
    // The kiosk reads packs only from its own installed layout, so install a copy into a
    // throw-away data folder; development mode, because the author's pack may not be signed yet.
    TempDir data("preview");
    core::PackInstaller installer(data.path() / "packs", {});
    core::InstallOptions install;
    install.development_mode = true;
    installer.install_from_folder(options.pack_folder, install);

    // Only what an author can act on: the kiosk's info lines would drown the result.
    core::Log log([&err](core::LogLevel level, std::string_view line) {
        if (level >= core::LogLevel::Warning) err << "kiosk: " << line << "\n";
    });
    app::LoopWaker waker(true);
    std::vector<PreviewShot> shots;
    for (const std::string& language : options.languages)
        preview_language(pack, options, language, data.path(), waker, log, shots);
    return shots;
}

}  // namespace qiao::tools
