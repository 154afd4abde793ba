#pragma once
// A whole kiosk, headless, in the test process: real window (dummy driver), real
// store, real catalogs and fonts, speech to the null sink.
#include <filesystem>
#include <memory>
#include <string>

#include <doctest/doctest.h>

#include "app/kiosk.hpp"
#include "app/loop_waker.hpp"
#include "core/lessons/pack_installer.hpp"
#include "core/log.hpp"
#include "ui/widget_record.hpp"

namespace qiao::test {

inline std::filesystem::path fresh_dir(const std::string& name) {
    const auto dir = std::filesystem::path(QIAO_TEST_TMP) / "ui" / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

struct KioskFixture {
    core::Log log{[](core::LogLevel, std::string_view) {}};
    std::filesystem::path dir;
    app::LoopWaker waker{true};
    std::unique_ptr<app::Kiosk> kiosk;

    core::LaunchOptions flags;

    explicit KioskFixture(const std::string& name, int w = 1920, int h = 1080, core::KioskConfig config = {},
                          bool install_basics = false) {
        log.keep_lines(true);
        dir = fresh_dir(name);
        config.data_dir = dir;
        config.window_width = w;
        config.window_height = h;
        config.audio = "null";
        if (install_basics) {
            // The real lessons, installed as a site would (unsigned: development mode).
            core::PackInstaller installer(dir / "packs", {});
            core::InstallOptions options;
            options.development_mode = true;
            installer.install_from_folder(std::filesystem::path(QIAO_SOURCE_DIR) / "lessons" / "qiao-basics", options);
            flags.allow_unsigned_packs = true;
        }
        start(config);
    }

    void start(const core::KioskConfig& config) {
        kiosk.reset();
        app::KioskSetup setup{config, flags, true, QIAO_SOURCE_DIR};
        kiosk = std::make_unique<app::Kiosk>(std::move(setup), log, waker);
        kiosk->settle(std::chrono::milliseconds(200));
    }

    const ui::WidgetRecord& widget(const std::string& id) {
        kiosk->settle(std::chrono::milliseconds(20));
        const ui::WidgetRecord* r = ui::find_widget(kiosk->last_frame(), id);
        REQUIRE_MESSAGE(r != nullptr, "no widget " << id << " on screen " << kiosk->current_screen());
        return *r;
    }

    // A tap at the centre of the widget, at a human pace unless told otherwise.
    void tap(const std::string& id, std::chrono::milliseconds pause_before = std::chrono::milliseconds(600)) {
        const auto& r = widget(id);
        tap_at(r.rect.x + r.rect.w / 2, r.rect.y + r.rect.h / 2, pause_before);
    }

    void tap_at(float x, float y, std::chrono::milliseconds pause_before = std::chrono::milliseconds(600)) {
        kiosk->clock().advance(pause_before);
        kiosk->pointer_down(x, y);
        kiosk->turn();
        kiosk->pointer_up(x, y);
        kiosk->turn();
    }

    std::string last_said() {
        kiosk->settle(std::chrono::milliseconds(20));
        const auto said = kiosk->speech().last_said();
        return said ? said->text : std::string();
    }
};

}  // namespace qiao::test
