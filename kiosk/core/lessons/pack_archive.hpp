#pragma once
// ".qpack" archives: one file carrying a pack folder (a tar, gzip-compressed by default),
// for transport by USB stick or download. Extraction trusts nothing in the archive.
#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace qiao::core {

struct ArchiveLimits {
    std::uintmax_t max_total_bytes = 200ull * 1024 * 1024;  // the pack size limit
    std::size_t max_entries = 20000;
};

enum class ArchiveCompression { None, Gzip };

// Writes every file of folder (SIGNATURE included) to out_file, with relative '/' paths,
// and fixed owner, mode and time so the same pack always gives the same bytes. Refuses
// links and special files in folder. out_file is replaced atomically. Throws PackError.
void build_archive(const std::filesystem::path& folder, const std::filesystem::path& out_file,
                   ArchiveCompression compression = ArchiveCompression::Gzip);

// Unpacks a tar or tar.gz into dest_folder (created; it must not exist or be empty).
// Refuses, naming the entry: absolute paths, "..", symbolic and hard links, devices, pipes,
// duplicate entries, and anything beyond limits. On failure dest_folder is removed again.
// Throws PackError.
void extract_archive(const std::filesystem::path& archive, const std::filesystem::path& dest_folder,
                     const ArchiveLimits& limits = {});

}  // namespace qiao::core
