#include "core/lessons/trusted_keys.hpp"

#include <algorithm>

#include "core/lessons/pack_error.hpp"

namespace fs = std::filesystem;

namespace qiao::core {

fs::path trusted_publishers_dir(const fs::path& data_dir) { return data_dir / "trusted-publishers"; }

TrustedKeys load_trusted_keys(const fs::path& folder) {
    TrustedKeys trusted;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        trusted.problems.push_back("there is no trusted-publishers folder at " + folder.string() +
                                   ", so no signed pack can be installed; create it and copy publishers' .pub files into it");
        return trusted;
    }
    std::vector<fs::path> files;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".pub") files.push_back(it->path());
    if (ec) trusted.problems.push_back("could not read " + folder.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());  // stable order for messages and tests

    for (const fs::path& file : files) {
        try {
            PublisherKey key = load_public_key(file);
            const bool duplicate = std::any_of(trusted.keys.begin(), trusted.keys.end(),
                                               [&](const PublisherKey& k) { return k.same_key(key); });
            if (!duplicate) trusted.keys.push_back(std::move(key));
        } catch (const PackError& e) {
            trusted.problems.push_back(e.what());
        }
    }
    return trusted;
}

}  // namespace qiao::core
