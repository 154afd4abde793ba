#pragma once
// <packs_dir>/<pack-id>/state.json: which installed version of a pack is in use, and which
// one rollback returns to: {"current": "1.2.0", "previous": "1.1.0"} ("previous" may be
// null). Switching versions is one atomic replacement of this small file.
#include <filesystem>
#include <optional>
#include <string>

namespace qiao::core {

struct PackState {
    std::string current;
    std::string previous;  // empty: nothing to roll back to
};

inline constexpr const char* kPackStateFile = "state.json";

// nullopt if the file is missing or unreadable (a pack that was never completely installed).
std::optional<PackState> read_pack_state(const std::filesystem::path& pack_dir);

// Atomic and durable: a power cut leaves the old state or the new one. Throws PackError.
void write_pack_state(const std::filesystem::path& pack_dir, const PackState& state);

}  // namespace qiao::core
