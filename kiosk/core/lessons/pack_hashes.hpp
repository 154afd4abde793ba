#pragma once
// The files of a pack folder as signing, verifying, archiving and installing see them:
// every regular file, by its relative '/' path, sorted byte-wise, with its SHA-256. A pack
// never holds links, devices, pipes or sockets; finding one is an error naming it.
// (pack_files.hpp is the reader's view of the same folder, reporting problems instead.)
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace qiao::core {

// The signature lives inside the pack folder but is not one of the signed files.
inline constexpr const char* kSignatureFileName = "SIGNATURE";

struct PackFile {
    std::string path;         // relative, '/'-separated, e.g. "lessons/pay-by-qr/lesson.json"
    std::uintmax_t size = 0;  // bytes
    std::string sha256;       // 64 lowercase hex digits
};

enum class SignatureFile { Exclude, Include };

// Relative paths of every regular file under folder, sorted. Throws PackError if folder is
// not a directory, or holds a symbolic link, a special file, or a name with control
// characters (the signed file list is line-based).
std::vector<std::string> list_pack_paths(const std::filesystem::path& folder,
                                         SignatureFile signature = SignatureFile::Exclude);

// list_pack_paths (SIGNATURE excluded) with each file's size and SHA-256.
std::vector<PackFile> list_pack_files(const std::filesystem::path& folder);

// SHA-256 of one file, streamed in 1 MiB chunks; size_out (if given) receives its length.
// Refuses a symbolic link. Throws PackError naming the file.
std::string sha256_file(const std::filesystem::path& file, std::uintmax_t* size_out = nullptr);

}  // namespace qiao::core
