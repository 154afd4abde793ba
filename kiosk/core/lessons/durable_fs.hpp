#pragma once
// Durable file-system steps for the pack installer. A rename is only atomic across a power
// cut when the bytes it points at and the directory holding it have reached the disk, so
// every step here ends in fsync. Each throws PackError naming the path on failure.
#include <filesystem>
#include <string>

namespace qiao::core {

// fsync one file or directory.
void fsync_path(const std::filesystem::path& path);

// fsync every file and directory under root (contents before the directory holding them),
// then root itself.
void fsync_tree(const std::filesystem::path& root);

// Creates dir and any missing parents, then fsyncs each created directory's parent so the
// new entries survive a power cut.
void create_directories_durably(const std::filesystem::path& dir);

// Replaces file with contents atomically: writes "<file>.tmp", fsyncs it, renames it over
// file and fsyncs the directory. A power cut leaves either the old contents or the new.
// mode is the new file's permission bits (0600 for a secret such as a device token).
void write_file_atomically(const std::filesystem::path& file, const std::string& contents, unsigned mode = 0644);

// rename(from, to), then fsync both parent directories.
void rename_durably(const std::filesystem::path& from, const std::filesystem::path& to);

// The suffix write_file_atomically uses for its temporary file (crash recovery removes them).
inline constexpr const char* kTempSuffix = ".tmp";

}  // namespace qiao::core
