#pragma once
// Writing a finished recording so that a power cut or a full disk leaves either the
// whole file or no file: <file>.part is written, flushed to the disk (fsync) and closed,
// then renamed to <file>, and the folder is flushed so the new name survives too.
#include <filesystem>
#include <functional>
#include <span>

namespace qiao::voice {

// Opens `part` for writing and returns the descriptor (the caller owns and closes it),
// or -1 with errno set. The default creates it readable by the kiosk's user only (a
// voice message is personal data); tests pass one that writes to /dev/full.
using OpenForWriting = std::function<int(const std::filesystem::path& part)>;
int open_private_file(const std::filesystem::path& part);

// Writes all of bytes to fd, across short writes and interrupted calls. Throws
// std::system_error carrying errno (ENOSPC for a full disk).
void write_all(int fd, std::span<const char> bytes);

// The steps above. Throws std::system_error carrying errno and saying which step
// failed; on any failure the .part file is removed and `file` does not exist.
void write_file_durably(const std::filesystem::path& file, std::span<const char> bytes,
                        const OpenForWriting& open = open_private_file);

}  // namespace qiao::voice
