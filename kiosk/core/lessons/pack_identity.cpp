#include "core/lessons/pack_identity.hpp"

#include <array>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "core/lessons/pack_error.hpp"
#include "core/lessons/pack_rules.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace qiao::core {
namespace {

std::array<long, 3> version_parts(const std::string& version) {
    std::array<long, 3> parts{};
    std::size_t start = 0;
    for (long& part : parts) {
        const std::size_t dot = version.find('.', start);
        part = std::stol(version.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        start = dot + 1;
    }
    return parts;
}

}  // namespace

// The format's own rules (shared with the validator), so both say yes to the same packs.
bool is_valid_pack_id(const std::string& id) { return pack_rules::pack_id_problem(id).empty(); }

bool is_valid_pack_version(const std::string& version) { return pack_rules::version_problem(version).empty(); }

int compare_pack_versions(const std::string& a, const std::string& b) {
    const auto x = version_parts(a);
    const auto y = version_parts(b);
    for (std::size_t i = 0; i < 3; ++i)
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
}

PackIdentity read_pack_identity(const fs::path& pack_folder) {
    const fs::path file = pack_folder / "pack.json";
    std::ifstream in(file, std::ios::binary);
    if (!in) throw PackError("the pack has no pack.json at its top level; is this the right folder?");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) throw PackError("pack.json is not valid JSON; check it with qiao-pack validate");

    PackIdentity identity;
    if (!doc.contains("id") || !doc["id"].is_string() || !is_valid_pack_id(doc["id"].get<std::string>()))
        throw PackError("pack.json: \"id\": " +
                        (doc.contains("id") && doc["id"].is_string() ? pack_rules::pack_id_problem(doc["id"].get<std::string>())
                                                                     : std::string("missing; it must be a text like \"org.qiao.basics\"")));
    identity.id = doc["id"].get<std::string>();
    if (!doc.contains("version") || !doc["version"].is_string() ||
        !is_valid_pack_version(doc["version"].get<std::string>()))
        throw PackError("pack.json: \"version\": " +
                        (doc.contains("version") && doc["version"].is_string()
                             ? pack_rules::version_problem(doc["version"].get<std::string>())
                             : std::string("missing; it must be a text like \"1.0.0\"")));
    identity.version = doc["version"].get<std::string>();
    return identity;
}

}  // namespace qiao::core
