#include "app/pack_commands.hpp"

#include <sstream>

#include "core/i18n/catalog.hpp"
#include "core/lessons/pack_error.hpp"
#include "core/lessons/pack_installer.hpp"
#include "core/lessons/pack_reader.hpp"
#include "core/lessons/pack_text.hpp"
#include "core/lessons/trusted_keys.hpp"
#include "ui/font_set.hpp"

namespace qiao::app {

core::PackValidator pack_validator(const core::KioskConfig& config) {
    return [config](const std::filesystem::path& staged) {
        std::vector<std::string> errors;
        core::PackLimits limits;
        limits.max_pack_bytes = static_cast<std::uint64_t>(config.pack_max_mb) << 20;
        core::PackReadResult read = core::read_pack(staged, limits);
        for (const auto& p : read.problems)
            if (p.severity == core::PackProblem::Severity::Error) errors.push_back(core::describe(p));
        if (!read.pack) return errors;
        const ui::FontFile font = config.font_file.empty() ? ui::find_cjk_font() : ui::font_from_file(config.font_file);
        const std::u32string missing = ui::characters_without_glyphs(font, core::pack_code_points(*read.pack));
        if (!missing.empty())
            errors.push_back("the station's font (" + font.path.filename().string() + ") cannot draw these characters the pack uses: " +
                             core::spaced_characters(missing) + " — use other words, or install a font that has them");
        return errors;
    };
}

bool has_pack_command(const core::LaunchOptions& o) {
    return !o.install_packs.empty() || o.rollback_pack || o.uninstall_pack;
}

int run_pack_commands(const core::KioskConfig& config, const core::LaunchOptions& options, std::ostream& out, core::Log& log) {
    const core::TrustedKeys trusted = core::load_trusted_keys(core::trusted_publishers_dir(config.data_dir));
    for (const auto& problem : trusted.problems) log.warning(problem);
    core::PackInstaller installer(config.data_dir / "packs", trusted.keys, pack_validator(config));
    int failures = 0;
    for (const std::string& path : options.install_packs) {
        core::InstallOptions install;
        install.development_mode = options.allow_unsigned_packs;
        install.limits.max_total_bytes = static_cast<std::uintmax_t>(config.pack_max_mb) << 20;
        try {
            const bool archive = std::filesystem::is_regular_file(path);
            const core::InstallResult r =
                archive ? installer.install_from_archive(path, install) : installer.install_from_folder(path, install);
            out << (r.already_installed ? "already installed: " : "installed: ") << r.id << " " << r.version;
            if (!r.publisher.empty()) out << ", signed by " << r.publisher;
            if (!r.previous_version.empty()) out << " (previous version " << r.previous_version << " kept for rollback)";
            out << "\n";
            for (const auto& note : r.notes) out << "  note: " << note << "\n";
        } catch (const std::exception& e) {
            ++failures;
            out << "not installed: " << path << "\n  " << e.what() << "\n";
        }
    }
    if (options.rollback_pack) {
        try {
            const core::InstalledPack p = installer.rollback(*options.rollback_pack);
            out << "rolled back: " << p.id << " is now " << p.current_version << "\n";
        } catch (const std::exception& e) {
            ++failures;
            out << "not rolled back: " << e.what() << "\n";
        }
    }
    if (options.uninstall_pack) {
        try {
            installer.uninstall(*options.uninstall_pack);
            out << "uninstalled: " << *options.uninstall_pack << " (learners' progress is kept)\n";
        } catch (const std::exception& e) {
            ++failures;
            out << "not uninstalled: " << e.what() << "\n";
        }
    }
    return failures == 0 ? 0 : 1;
}

}  // namespace qiao::app
