#include "core/lessons/pack_folder_scan.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>

#include "core/lessons/pack_archive.hpp"
#include "core/lessons/pack_error.hpp"
#include "core/lessons/pack_identity.hpp"
#include "core/lessons/pack_parse.hpp"
#include "core/lessons/pack_reader.hpp"
#include "core/lessons/pack_signature.hpp"
#include "core/lessons/pack_state.hpp"
#include "core/lessons/pack_text.hpp"
#include "core/lessons/sodium_text.hpp"

namespace fs = std::filesystem;

namespace qiao::core {

namespace {

constexpr const char* kArchiveExtension = ".qpack";
constexpr const char* kManifest = "pack.json";

bool hidden(const fs::path& path) { return path.filename().string().starts_with("."); }

bool is_archive_name(const fs::path& path) {
    std::string extension = path.extension().string();
    // FAT sticks written on another computer may say ".QPACK".
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
    return extension == kArchiveExtension;
}

bool is_pack_folder(const fs::path& path) {
    std::error_code ec;
    return fs::is_directory(path, ec) && fs::is_regular_file(path / kManifest, ec);
}

// A folder removed on scope exit: an unpacked archive never outlives its check.
class ScratchFolder {
public:
    explicit ScratchFolder(const fs::path& work_dir) {
        const fs::path base = work_dir.empty() ? fs::temp_directory_path() : work_dir;
        fs::create_directories(base);
        path_ = base / ("qiao-pack-scan-" + random_hex(8));
        fs::create_directory(path_);
    }
    ~ScratchFolder() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// As the installer takes it: the pack at the archive's top, or in its one folder
// (`tar czf x.qpack mypack/`).
fs::path pack_root_of(const fs::path& unpacked) {
    std::error_code ec;
    if (fs::exists(unpacked / kManifest, ec)) return unpacked;
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(unpacked, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(it->path());
    if (entries.size() == 1 && fs::is_directory(fs::symlink_status(entries[0], ec)) && fs::exists(entries[0] / kManifest, ec))
        return entries[0];
    return unpacked;
}

// The manifest's own fields when the pack as a whole does not read: enough to say
// which pack it is meant to be.
void read_what_manifest_says(const fs::path& root, std::uint64_t max_bytes, ScannedPack& out) {
    std::error_code ec;
    const auto size = fs::file_size(root / kManifest, ec);
    if (ec || size > max_bytes) return;
    std::ifstream in(root / kManifest, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<PackProblem> ignored;
    const ParsedManifest manifest = parse_manifest(text, ignored);
    if (out.id.empty() && is_valid_pack_id(manifest.pack.id)) out.id = manifest.pack.id;
    if (out.version.empty() && is_valid_pack_version(manifest.pack.version)) out.version = manifest.pack.version;
    out.title = manifest.pack.title;
    if (out.publisher.empty()) out.publisher = manifest.pack.publisher;
}

void compare_with_installed(const fs::path& packs_dir, ScannedPack& pack) {
    pack.compared = PackComparison::New;
    if (packs_dir.empty() || !is_valid_pack_id(pack.id) || !is_valid_pack_version(pack.version)) return;
    const fs::path pack_dir = packs_dir / pack.id;
    const std::optional<PackState> state = read_pack_state(pack_dir);
    std::error_code ec;
    if (!state || !is_valid_pack_version(state->current) || !fs::is_directory(pack_dir / "versions" / state->current, ec))
        return;
    pack.installed_version = state->current;
    const int order = compare_pack_versions(pack.version, state->current);
    pack.compared = order > 0 ? PackComparison::Newer : order == 0 ? PackComparison::Same : PackComparison::Older;
}

void check_pack_root(const fs::path& root, const PackScanOptions& options, ScannedPack& out,
                     std::vector<std::string>& problems) {
    std::error_code ec;
    if (!fs::exists(root / kManifest, ec)) {
        problems.push_back("it has no pack.json at its top level, so it is not a lesson pack");
        return;
    }
    const SignatureCheck check =
        verify_pack(root, options.trusted_keys, VerifyOptions{options.allow_unsigned});
    problems.insert(problems.end(), check.problems.begin(), check.problems.end());
    out.notes = check.notes;
    if (check.trusted) out.publisher = check.publisher;

    PackLimits limits;
    limits.max_pack_bytes = options.max_pack_bytes;
    PackReadResult read = read_pack(root, limits);
    std::vector<std::string> reader_errors;
    for (const PackProblem& p : read.problems)
        if (p.severity == PackProblem::Severity::Error) reader_errors.push_back(describe(p));
    if (reader_errors.empty()) {
        // The reader checks id and version by the same rules; this is the installer's strict
        // look at them, named separately only when the reader found nothing.
        try {
            const PackIdentity identity = read_pack_identity(root);
            out.id = identity.id;
            out.version = identity.version;
        } catch (const PackError& e) {
            reader_errors.push_back(e.what());
        }
    }
    problems.insert(problems.end(), reader_errors.begin(), reader_errors.end());
    if (read.pack) {
        out.id = read.pack->id;
        out.version = read.pack->version;
        out.title = read.pack->title;
        if (out.publisher.empty()) out.publisher = read.pack->publisher;
        out.languages = pack_languages(*read.pack);
        if (options.validate) {
            const std::vector<std::string> more = options.validate(root);
            problems.insert(problems.end(), more.begin(), more.end());
        }
    } else {
        read_what_manifest_says(root, limits.max_json_bytes, out);
    }
}

void add_candidates(const fs::path& folder, bool look_inside, std::vector<fs::path>& found) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& path = it->path();
        if (hidden(path)) continue;
        std::error_code type_ec;
        if (it->is_regular_file(type_ec) && is_archive_name(path)) {
            found.push_back(path);
        } else if (it->is_directory(type_ec)) {
            if (is_pack_folder(path))
                found.push_back(path);
            else if (look_inside)
                add_candidates(path, false, found);
        }
    }
}

}  // namespace

std::string_view to_string(PackComparison comparison) {
    switch (comparison) {
        case PackComparison::New: return "new";
        case PackComparison::Newer: return "newer";
        case PackComparison::Same: return "same";
        case PackComparison::Older: return "older";
    }
    return "new";
}

ScannedPack scan_one_pack(const fs::path& path, const PackScanOptions& options) {
    ScannedPack out;
    out.path = path;
    std::error_code ec;
    out.archive = fs::is_regular_file(path, ec);
    std::vector<std::string> problems;
    try {
        if (out.archive) {
            const ScratchFolder scratch(options.work_dir);
            ArchiveLimits limits;
            limits.max_total_bytes = options.max_pack_bytes;
            try {
                extract_archive(path, scratch.path() / "pack", limits);
            } catch (const PackError& e) {
                problems.push_back(std::string("it is not a lesson pack archive that can be opened: ") + e.what());
            }
            if (problems.empty()) check_pack_root(pack_root_of(scratch.path() / "pack"), options, out, problems);
        } else {
            check_pack_root(path, options, out, problems);
        }
    } catch (const std::exception& e) {
        // The folder could not be read, or the scratch folder not made: said, not thrown.
        problems.push_back(std::string("it could not be checked: ") + e.what());
    }
    out.valid = problems.empty();
    out.problem_count = problems.size();
    if (problems.size() > kScanProblemsShown) problems.resize(kScanProblemsShown);
    out.problems = std::move(problems);
    compare_with_installed(options.packs_dir, out);
    return out;
}

PackFolderScan scan_pack_folder(const fs::path& folder, const PackScanOptions& options) {
    PackFolderScan scan;
    scan.folder = folder;
    std::error_code ec;
    const fs::file_status status = fs::status(folder, ec);
    if (!fs::exists(status)) {
        scan.problem = "There is no folder " + folder.string() + ". Is the USB stick plugged in?";
        return scan;
    }
    if (!fs::is_directory(status)) {
        scan.problem = folder.string() + " is a file, not a folder. Choose the folder that holds the lesson packs.";
        return scan;
    }
    fs::directory_iterator probe(folder, ec);
    if (ec) {
        scan.problem = "The folder " + folder.string() + " cannot be read (" + ec.message() +
                       "). Take the USB stick out, put it back in and try again.";
        return scan;
    }
    std::vector<fs::path> found;
    if (is_pack_folder(folder))
        found.push_back(folder);  // the stick's folder is itself a pack
    else
        add_candidates(folder, true, found);
    std::sort(found.begin(), found.end());
    for (const fs::path& path : found) scan.packs.push_back(scan_one_pack(path, options));
    return scan;
}

}  // namespace qiao::core
