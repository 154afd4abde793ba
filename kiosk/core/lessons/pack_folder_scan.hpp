#pragma once
// PackFolderScan: what lesson packs a folder holds (a USB stick a site manager plugged
// in), each with a plain verdict, before anything is installed. Every ".qpack" archive
// and every pack folder (one with a pack.json) is listed, at the top of the folder and
// one level down (a stick with a "packs" folder on it); nothing deeper, and hidden
// entries (".Trashes", ".Spotlight-V100") are passed over. Other files are not packs
// and are not listed.
//
// Each pack gets the checks --install-pack makes (kiosk/app/pack_commands.cpp): the
// signature against the site's trusted keys (unless unsigned packs are allowed), the
// pack id and version, the full reader with the size limit, and the caller's extra
// validator (the app's font check). Archives are unpacked into a folder of their own
// under options.work_dir, checked there and removed again. Nothing is installed and
// nothing in the scanned folder is changed.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/lessons/lesson_pack.hpp"
#include "core/lessons/pack_installer.hpp"
#include "core/lessons/publisher_key.hpp"

namespace qiao::core {

// How a pack compares with what is installed here.
enum class PackComparison {
    New,    // not installed
    Newer,  // a newer version than the one installed: installing upgrades
    Same,   // that version is installed: nothing to do
    Older,  // older than the one installed: installing would be a downgrade
};

// "new", "newer", "same", "older".
std::string_view to_string(PackComparison comparison);

inline constexpr std::size_t kScanProblemsShown = 3;

struct ScannedPack {
    std::filesystem::path path;  // the archive or folder, as found
    bool archive = false;        // a .qpack file (else a folder)
    std::string id;              // "" when even pack.json's id could not be read
    std::string version;         // "" likewise
    LocalText title;             // empty when pack.json could not be read
    std::string publisher;       // the trusted key's name when signed by one, else what the pack says
    std::vector<std::string> languages;  // "zh-CN" first (pack_text.hpp), empty when it did not read
    bool valid = false;          // would install (as --install-pack would take it)
    std::vector<std::string> problems;  // why not, plain words: the first three
    std::size_t problem_count = 0;      // how many there were in all
    std::vector<std::string> notes;     // accepted but worth saying (unsigned, in development mode)
    PackComparison compared = PackComparison::New;  // meaningful when id and version read
    std::string installed_version;  // "" when not installed
};

struct PackScanOptions {
    std::vector<PublisherKey> trusted_keys;  // the site's (trusted_keys.hpp)
    bool allow_unsigned = false;             // development mode, as --allow-unsigned-packs
    std::filesystem::path packs_dir;         // what is installed (PackInstaller's layout); "" = nothing
    std::uint64_t max_pack_bytes = 200ull << 20;  // the site's pack size limit
    PackValidator validate;                  // extra checks on a readable pack (may be empty)
    std::filesystem::path work_dir;          // where archives are unpacked; "" = the system's temp folder
};

struct PackFolderScan {
    std::filesystem::path folder;
    std::vector<ScannedPack> packs;  // sorted by path
    std::string problem;  // "" or, when the folder cannot be read at all, why, in one plain sentence
    bool ok() const { return problem.empty(); }
};

// Never throws: a folder that cannot be read gives `problem`, a pack that cannot be
// read gives its problems.
PackFolderScan scan_pack_folder(const std::filesystem::path& folder, const PackScanOptions& options = {});

// One pack archive or folder, as scan_pack_folder checks each.
ScannedPack scan_one_pack(const std::filesystem::path& path, const PackScanOptions& options);

}  // namespace qiao::core
