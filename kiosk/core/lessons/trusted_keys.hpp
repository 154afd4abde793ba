#pragma once
// The publisher keys a site trusts: every "*.pub" file in <data_dir>/trusted-publishers/.
// A site manager trusts a publisher by copying their .pub file there, and stops trusting
// them by deleting it. One bad file is reported without losing the others.
#include <filesystem>
#include <string>
#include <vector>

#include "core/lessons/publisher_key.hpp"

namespace qiao::core {

struct TrustedKeys {
    std::vector<PublisherKey> keys;
    std::vector<std::string> problems;  // one per unreadable file, naming it
};

std::filesystem::path trusted_publishers_dir(const std::filesystem::path& data_dir);

// Never throws: a missing folder means no trusted keys (and says so in problems).
TrustedKeys load_trusted_keys(const std::filesystem::path& folder);

}  // namespace qiao::core
