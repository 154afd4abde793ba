#pragma once
// Checking a .qpack before the back office offers it to kiosks: unpacked into a scratch
// folder and read by the kiosk's own pack reader and signature check, so a pack a kiosk
// would refuse is refused here first, with the same plain words.
#include <filesystem>
#include <string>
#include <vector>

#include "core/lessons/publisher_key.hpp"

namespace qiao::backoffice {

struct CheckedPack {
    std::string id;
    std::string version;
    std::string title;  // in zh-CN, the language every pack has
    std::vector<std::string> notes;  // accepted, but worth telling the site manager
};

// Unpacks archive into scratch (an empty folder, left for the caller to remove); messages
// call the archive `shown_as` (the file the site manager gave, not the copy). Throws
// core::PackError with every problem the reader found, or when the pack is unsigned or
// its signature is broken. A signer the site does not trust yet is a note: its key may
// be trusted after the pack is published.
CheckedPack check_pack_archive(const std::filesystem::path& archive, const std::string& shown_as,
                               const std::filesystem::path& scratch, const std::vector<core::PublisherKey>& site_keys);

}  // namespace qiao::backoffice
