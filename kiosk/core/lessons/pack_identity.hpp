#pragma once
// The two fields of pack.json the installer must know before anything else: the pack id
// and version, which become folder names. Checked strictly here because a folder name
// must never be able to point outside the packs folder. (The full manifest check is the
// pack reader's job.)
#include <filesystem>
#include <string>

namespace qiao::core {

struct PackIdentity {
    std::string id;       // reverse-domain, e.g. "org.qiao.basics"
    std::string version;  // MAJOR.MINOR.PATCH
};

// Throws PackError naming pack.json and the field. The rules are the format's own
// (pack_rules.hpp), so the installer and the validator accept the same ids and versions.
PackIdentity read_pack_identity(const std::filesystem::path& pack_folder);

bool is_valid_pack_id(const std::string& id);
bool is_valid_pack_version(const std::string& version);

// <0, 0, >0 like strcmp, comparing MAJOR, MINOR, PATCH as numbers. Both must be valid.
int compare_pack_versions(const std::string& a, const std::string& b);

}  // namespace qiao::core
