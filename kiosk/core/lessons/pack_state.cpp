#include "core/lessons/pack_state.hpp"

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "core/lessons/durable_fs.hpp"
#include "core/lessons/pack_identity.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace qiao::core {

std::optional<PackState> read_pack_state(const fs::path& pack_dir) {
    std::ifstream in(pack_dir / kPackStateFile, std::ios::binary);
    if (!in) return std::nullopt;
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object() || !doc.contains("current") || !doc["current"].is_string()) return std::nullopt;
    PackState state;
    state.current = doc["current"].get<std::string>();
    if (doc.contains("previous") && doc["previous"].is_string()) state.previous = doc["previous"].get<std::string>();
    // Versions become folder names: anything else means the file was tampered with.
    if (!is_valid_pack_version(state.current)) return std::nullopt;
    if (!state.previous.empty() && !is_valid_pack_version(state.previous)) state.previous.clear();
    return state;
}

void write_pack_state(const fs::path& pack_dir, const PackState& state) {
    json doc = json::object();
    doc["current"] = state.current;
    doc["previous"] = state.previous.empty() ? json(nullptr) : json(state.previous);
    write_file_atomically(pack_dir / kPackStateFile, doc.dump(2) + "\n");
}

}  // namespace qiao::core
