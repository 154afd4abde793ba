#include "core/lessons/pack_files.hpp"

#include <cstdio>
#include <fstream>

namespace qiao::core {

namespace fs = std::filesystem;

PackEntry inspect_in_pack(const fs::path& root, const std::string& relative) {
    fs::path at = root;
    std::size_t start = 0;
    while (start <= relative.size()) {
        const std::size_t slash = std::min(relative.find('/', start), relative.size());
        at /= relative.substr(start, slash - start);
        std::error_code error;
        const fs::file_status status = fs::symlink_status(at, error);
        if (error || status.type() == fs::file_type::not_found) return {PackEntry::Kind::Missing, 0};
        if (status.type() == fs::file_type::symlink) return {PackEntry::Kind::Link, 0};
        const bool last = slash == relative.size();
        if (!last && status.type() != fs::file_type::directory) return {PackEntry::Kind::Missing, 0};
        if (last) {
            if (status.type() == fs::file_type::directory) return {PackEntry::Kind::Folder, 0};
            if (status.type() != fs::file_type::regular) return {PackEntry::Kind::Other, 0};
            const std::uintmax_t size = fs::file_size(at, error);
            return {error ? PackEntry::Kind::Other : PackEntry::Kind::File, error ? 0 : static_cast<std::uint64_t>(size)};
        }
        start = slash + 1;
    }
    return {PackEntry::Kind::Missing, 0};
}

void check_pack_tree(const fs::path& root, const PackLimits& limits, std::vector<PackProblem>& problems) {
    std::uint64_t total = 0;
    std::error_code error;
    // The iterator does not follow links to folders (no follow_directory_symlink).
    fs::recursive_directory_iterator it(root, fs::directory_options::none, error);
    const fs::recursive_directory_iterator end;
    const auto report = [&](const fs::path& path, std::string message) {
        problems.push_back({PackProblem::Severity::Error, path.lexically_relative(root).generic_string(), "",
                            std::move(message)});
    };
    if (error) report(root, "the pack's folder cannot be read: " + error.message());
    for (; !error && it != end; it.increment(error)) {
        const fs::path& path = it->path();
        std::error_code status_error;
        const fs::file_status status = fs::symlink_status(path, status_error);
        if (status_error) {
            report(path, "this cannot be read: " + status_error.message());
        } else if (status.type() == fs::file_type::symlink) {
            report(path, "this is a link (shortcut) to somewhere else, and a pack may hold only real files and "
                         "folders; replace the link with a copy of what it points to");
        } else if (status.type() == fs::file_type::regular) {
            std::error_code size_error;
            total += static_cast<std::uint64_t>(fs::file_size(path, size_error));
        } else if (status.type() != fs::file_type::directory) {
            report(path, "this is not an ordinary file or folder (a device or a pipe); remove it from the pack");
        }
    }
    if (error) report(root, "the pack's folder cannot be read to the end: " + error.message());
    if (total > limits.max_pack_bytes)
        problems.push_back({PackProblem::Severity::Error, "", "",
                            "the pack's files together are " + size_words(total) + ", but a pack may hold at most " +
                                size_words(limits.max_pack_bytes) +
                                "; make pictures and recordings smaller, or split the pack in two"});
}

std::vector<std::string> names_in_folder(const fs::path& root, const std::string& relative) {
    std::vector<std::string> names;
    std::error_code error;
    for (fs::directory_iterator it(root / relative, error), end; !error && it != end; it.increment(error))
        names.push_back(it->path().filename().string());
    return names;
}

std::optional<std::string> read_file_bytes(const fs::path& file, std::uint64_t max_bytes) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes;
    char buffer[1 << 16];
    while (in) {
        in.read(buffer, sizeof buffer);
        bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > max_bytes) return std::nullopt;  // grew since it was measured
    }
    if (in.bad()) return std::nullopt;
    return bytes;
}

std::string size_words(std::uint64_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + " bytes";
    char text[32];
    const double kb = static_cast<double>(bytes) / 1024.0;
    if (kb < 1024) std::snprintf(text, sizeof text, "%.1f KB", kb);
    else std::snprintf(text, sizeof text, "%.1f MB", kb / 1024.0);
    return text;
}

}  // namespace qiao::core
