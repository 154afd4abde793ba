#pragma once
// Looking at the files of a pack without ever following a link: a pack on a USB
// stick must not be able to make the kiosk read (or install) anything outside it.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/lessons/pack_limits.hpp"
#include "core/lessons/pack_problem.hpp"

namespace qiao::core {

struct PackEntry {
    enum class Kind { Missing, File, Folder, Link, Other };
    Kind kind = Kind::Missing;
    std::uint64_t size = 0;  // for a File
};

// What root/relative is ('/'-separated, already safe), looking at every part of the
// way with symlink_status: a link anywhere on the way makes it a Link.
PackEntry inspect_in_pack(const std::filesystem::path& root, const std::string& relative);

// Walks the whole pack: reports every link and every thing that is not a plain file
// or folder (each as its own problem), and the total size against the limit.
void check_pack_tree(const std::filesystem::path& root, const PackLimits& limits, std::vector<PackProblem>& problems);

// The names in the folder root/relative (files and folders), for "did you mean".
std::vector<std::string> names_in_folder(const std::filesystem::path& root, const std::string& relative);

// Reads a whole file of at most max_bytes; nullopt if it cannot be read.
std::optional<std::string> read_file_bytes(const std::filesystem::path& file, std::uint64_t max_bytes);

// "512 bytes", "3.4 MB": sizes as people say them.
std::string size_words(std::uint64_t bytes);

}  // namespace qiao::core
