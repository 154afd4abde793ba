// StaffFlow, lesson packs (site managers): what is installed (version, publisher,
// languages, how many learners finished each lesson), loading from a USB stick or a
// folder (every pack found listed with its check in plain words, before anything is
// installed), installing, rolling back, and switching a pack off at this site (kept
// installed, with everyone's progress, but not offered to seniors).
#include <algorithm>
#include <cstdlib>
#include <system_error>

#include "app/lesson_player.hpp"
#include "app/staff_flow.hpp"
#include "core/lessons/pack_availability.hpp"
#include "core/lessons/pack_installer.hpp"
#include "core/lessons/pack_text.hpp"
#include "core/lessons/trusted_keys.hpp"

namespace qiao::app {

namespace {

constexpr std::size_t kMostSources = 24;

std::size_t card_number(const std::string& id, std::size_t prefix) { return std::strtoul(id.c_str() + prefix, nullptr, 10); }

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const std::string& i : items) out += (out.empty() ? "" : separator) + i;
    return out;
}

}  // namespace

core::PackInstaller StaffFlow::pack_installer() const {
    const core::TrustedKeys trusted = core::load_trusted_keys(core::trusted_publishers_dir(setup_.data_dir));
    for (const auto& problem : trusted.problems) log_.warning(problem);
    return core::PackInstaller(setup_.data_dir / "packs", trusted.keys, setup_.pack_validator);
}

core::PackScanOptions StaffFlow::scan_options() const {
    core::PackScanOptions options;
    const core::TrustedKeys trusted = core::load_trusted_keys(core::trusted_publishers_dir(setup_.data_dir));
    options.trusted_keys = trusted.keys;
    options.allow_unsigned = setup_.allow_unsigned_packs;
    options.packs_dir = setup_.data_dir / "packs";
    options.max_pack_bytes = static_cast<std::uint64_t>(setup_.config.pack_max_mb) << 20;
    options.validate = setup_.pack_validator;
    options.work_dir = setup_.data_dir / "pack-scan";
    return options;
}

FlowReply StaffFlow::open_packs(core::WallTime now) {
    packs_note_.clear();
    pack_id_.clear();
    build_pack_pages(now);
    return FlowReply::to("staff_packs");
}

FlowReply StaffFlow::pack_choice(const std::string& id, core::WallTime now) {
    core::PackAvailability availability(setup_.db);
    FlowReply reply;
    try {
        if (id.rfind("staff.packs.item.", 0) == 0) {
            const std::size_t n = card_number(id, 17);
            const auto& packs = lessons_.library().packs();
            if (n < 1 || n > packs.size()) return {};
            pack_id_ = packs[n - 1].id;
            packs_note_.clear();
            reply = FlowReply::to("staff_pack_detail");
        } else if (id == "staff.packs.disable" || id == "staff.packs.enable") {
            if (id == "staff.packs.disable") availability.disable(pack_id_);
            else availability.enable(pack_id_);
            lessons_.set_disabled_packs(availability.disabled());
            log_.info("staff: pack " + pack_id_ + (id == "staff.packs.disable" ? " switched off" : " switched on") + " at this site");
            packs_note_ = text(id == "staff.packs.disable" ? "staff_packs.disabled_now" : "staff_packs.enabled_now");
        } else if (id == "staff.packs.rollback") {
            const core::InstalledPack p = pack_installer().rollback(pack_id_);
            log_.info("staff: pack " + p.id + " rolled back to " + p.current_version);
            packs_note_ = format("staff_packs.rolled_back", {{"version", p.current_version}});
            lessons_changed_ = true;
        } else if (id == "staff.packs.load") {
            pack_sources_ = find_pack_sources();
            packs_note_.clear();
            reply = FlowReply::to("staff_pack_sources");
        } else if (id.rfind("staff.packs.source.", 0) == 0) {
            const std::size_t n = card_number(id, 19);
            if (n < 1 || n > pack_sources_.size()) return {};
            // Reading and checking every pack found takes a moment (an archive is
            // unpacked): it is done here, between frames, once per tap.
            scan_ = core::scan_pack_folder(pack_sources_[n - 1], scan_options());
            log_.info("staff: looked for lesson packs in " + scan_->folder.string() + ": " + std::to_string(scan_->packs.size()) + " found");
            reply = FlowReply::to("staff_pack_found");
        } else if (id.rfind("staff.packs.found.", 0) == 0) {
            const std::size_t n = card_number(id, 18);
            if (!scan_ || n < 1 || n > scan_->packs.size()) return {};
            found_ = n - 1;
            packs_note_.clear();
            reply = FlowReply::to("staff_pack_check");
        } else if (id == "staff.packs.install" && scan_ && found_ < scan_->packs.size()) {
            const core::ScannedPack& found = scan_->packs[found_];
            core::InstallOptions install;
            install.development_mode = setup_.allow_unsigned_packs;
            install.limits.max_total_bytes = static_cast<std::uintmax_t>(setup_.config.pack_max_mb) << 20;
            core::PackInstaller installer = pack_installer();
            const core::InstallResult r =
                found.archive ? installer.install_from_archive(found.path, install) : installer.install_from_folder(found.path, install);
            log_.info("staff: installed pack " + r.id + " " + r.version + " from " + found.path.string());
            packs_note_ = r.already_installed ? format("staff_packs.already", {{"version", r.version}})
                                              : format("staff_packs.installed", {{"version", r.version}});
            lessons_changed_ = true;
            // What is installed now changes what each pack found compares with: look again.
            scan_ = core::scan_pack_folder(scan_->folder, scan_options());
        }
    } catch (const std::exception& e) {
        // A pack that fails its checks, a rollback with nothing to go back to: the words
        // are the installer's, which name the file and the field.
        log_.warning(std::string("staff: ") + id + ": " + e.what());
        packs_note_ = format("staff_packs.failed", {{"why", e.what()}});
    }
    build_pack_pages(now);
    return reply;
}

std::vector<std::filesystem::path> StaffFlow::find_pack_sources() const {
    // Each folder named in pack_folders (/media, /mnt, /run/media by default), and the
    // folders in it two levels down: /media/<user>/<stick> is where a desktop mounts one.
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    auto add = [&](const std::filesystem::path& p) {
        if (out.size() < kMostSources && std::filesystem::is_directory(p, ec)) out.push_back(p);
    };
    for (const std::string& root : setup_.config.pack_folders) {
        add(root);
        for (std::filesystem::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
            if (it->path().filename().string().rfind('.', 0) == 0 || !it->is_directory(ec)) continue;
            add(it->path());
            for (std::filesystem::directory_iterator in(it->path(), ec), end2; !ec && in != end2; in.increment(ec))
                if (in->path().filename().string().rfind('.', 0) != 0 && in->is_directory(ec)) add(in->path());
            ec.clear();
        }
        ec.clear();
    }
    return out;
}

std::string StaffFlow::verdict_words(const core::ScannedPack& p) const {
    if (!p.valid) return format("staff_packs.cannot", {{"why", p.problems.empty() ? std::string() : p.problems.front()}});
    switch (p.compared) {
    case core::PackComparison::New: return text("staff_packs.ready_new");
    case core::PackComparison::Newer: return format("staff_packs.ready_newer", {{"installed", p.installed_version}});
    case core::PackComparison::Same: return text("staff_packs.same");
    case core::PackComparison::Older: return format("staff_packs.older", {{"installed", p.installed_version}});
    }
    return {};
}

void StaffFlow::build_pack_pages(core::WallTime) {
    const core::PackAvailability availability(setup_.db);
    const std::vector<std::string> off = availability.disabled();

    ui::FlowPage& list = pages_["staff_packs"];
    list = {};
    list.keep_captions = true;
    list.heading = packs_note_.empty() ? text("staff_packs.heading") : packs_note_;
    list.bar.push_back({"staff.packs.load", ui::Icon::Forward, text("staff_packs.load")});
    for (const core::LessonPack& pack : lessons_.library().packs()) {
        const auto finished = setup_.progress.learners_per_lesson(pack.id);
        int learners = 0;
        for (const auto& [lesson, n] : finished) learners += n;
        const bool is_off = std::binary_search(off.begin(), off.end(), pack.id);
        std::string caption = (pack.publisher.empty() ? text("staff_packs.unsigned") : pack.publisher) + " · " +
                              joined(core::pack_languages(pack), ", ") + " · " +
                              format("staff_packs.finished", {{"n", std::to_string(learners)}});
        if (is_off) caption += " · " + text("staff_packs.off");
        list.items.push_back({"staff.packs.item." + std::to_string(list.items.size() + 1), ui::Icon::Learn,
                              pack.title.in(lang_) + "  " + pack.version, caption});
    }
    if (list.items.empty() && packs_note_.empty()) list.heading = text("staff_packs.none");

    ui::FlowPage& detail = pages_["staff_pack_detail"];
    detail = {};
    if (const core::LessonPack* pack = lessons_.library().find_pack(pack_id_)) {
        // The installer waits while the sync worker installs a pack (its lock): only the
        // detail of one pack asks it (for the version a rollback returns to).
        const auto installed = pack_installer().installed(pack->id);
        const bool is_off = std::binary_search(off.begin(), off.end(), pack->id);
        detail.heading = pack->title.in(lang_);
        detail.lines.push_back({text("staff_packs.version"), pack->version, ""});
        if (installed && !installed->previous_version.empty())
            detail.lines.push_back({text("staff_packs.previous"), installed->previous_version, ""});
        detail.lines.push_back({text("staff_packs.publisher"), pack->publisher.empty() ? text("staff_packs.unsigned") : pack->publisher, ""});
        detail.lines.push_back({text("staff_packs.languages"), joined(core::pack_languages(*pack), ", "), ""});
        detail.lines.push_back({text("staff_packs.state"), text(is_off ? "staff_packs.off" : "staff_packs.on"), ""});
        // One line per lesson: how many learners finished it (these give way first when
        // the screen is short; the list screen has the pack's total).
        const auto finished = setup_.progress.learners_per_lesson(pack->id);
        for (const core::Lesson& lesson : pack->lessons) {
            const auto it = finished.find(lesson.id);
            detail.lines.push_back({lesson.title.in(lang_),
                                    format("staff_packs.finished", {{"n", std::to_string(it == finished.end() ? 0 : it->second)}}), "", true});
        }
        detail.note = packs_note_;
        if (installed && !installed->previous_version.empty())
            detail.actions.push_back({"staff.packs.rollback", ui::Icon::Back,
                                      format("staff_packs.rollback", {{"version", installed->previous_version}})});
        detail.actions.push_back(is_off ? ui::FlowItem{"staff.packs.enable", ui::Icon::Check, text("staff_packs.enable")}
                                        : ui::FlowItem{"staff.packs.disable", ui::Icon::Cross, text("staff_packs.disable")});
    }

    ui::FlowPage& sources = pages_["staff_pack_sources"];
    sources = {};
    sources.keep_captions = true;
    sources.heading = pack_sources_.empty() ? text("staff_packs.no_sources") : text("staff_packs.sources");
    for (const std::filesystem::path& p : pack_sources_)
        sources.items.push_back({"staff.packs.source." + std::to_string(sources.items.size() + 1), ui::Icon::None,
                                 p.filename().empty() ? p.string() : p.filename().string(), p.string()});

    ui::FlowPage& found = pages_["staff_pack_found"];
    found = {};
    found.keep_captions = true;
    ui::FlowPage& check = pages_["staff_pack_check"];
    check = {};
    if (!scan_) return;
    found.heading = !scan_->ok() ? scan_->problem
                    : scan_->packs.empty() ? format("staff_packs.none_found", {{"folder", scan_->folder.string()}})
                                           : format("staff_packs.found", {{"n", std::to_string(scan_->packs.size())}, {"folder", scan_->folder.string()}});
    for (const core::ScannedPack& p : scan_->packs) {
        const std::string title = p.title.by_language.empty() ? p.path.filename().string() : p.title.in(lang_);
        ui::FlowItem item{"staff.packs.found." + std::to_string(found.items.size() + 1), p.valid ? ui::Icon::Check : ui::Icon::Cross,
                          title + (p.version.empty() ? "" : "  " + p.version), verdict_words(p)};
        found.items.push_back(std::move(item));
    }
    if (found_ >= scan_->packs.size()) return;
    const core::ScannedPack& p = scan_->packs[found_];
    check.heading = p.title.by_language.empty() ? p.path.filename().string() : p.title.in(lang_);
    check.lines.push_back({text("staff_packs.file"), p.path.filename().string(), ""});
    if (!p.id.empty()) check.lines.push_back({text("staff_packs.id"), p.id + "  " + p.version, ""});
    if (!p.publisher.empty()) check.lines.push_back({text("staff_packs.publisher"), p.publisher, ""});
    if (!p.languages.empty()) check.lines.push_back({text("staff_packs.languages"), joined(p.languages, ", "), ""});
    check.lines.push_back({text("staff_packs.verdict"), verdict_words(p), ""});
    if (!p.valid && p.problems.size() > 1) {
        std::string more = joined(p.problems, "\n");
        if (p.problem_count > p.problems.size()) more += "\n" + format("staff_packs.more_problems", {{"n", std::to_string(p.problem_count - p.problems.size())}});
        check.lines.push_back({text("staff_packs.problems"), more, ""});
    }
    for (const std::string& n : p.notes) check.lines.push_back({text("staff_packs.note"), n, "", true});
    check.note = packs_note_;
    if (p.valid && p.compared != core::PackComparison::Same && p.compared != core::PackComparison::Older)
        check.actions.push_back({"staff.packs.install", ui::Icon::Check, text("staff_packs.install"), "", ui::ButtonStyle::Primary});
}

}  // namespace qiao::app
