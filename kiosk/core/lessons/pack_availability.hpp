#pragma once
// PackAvailability: the lesson packs a site manager has switched off at this kiosk
// (installed, but not offered to seniors: a pack for another group, or one being
// replaced). Kept in the store's settings under "kiosk.packs.disabled", a key the back
// office may not set (pulled_changes.hpp, site_may_set), as a JSON list of pack ids.
// Switching a pack off keeps it installed and keeps every learner's progress.
#include <string>
#include <vector>

#include "core/storage/database.hpp"

namespace qiao::core {

inline constexpr const char* kDisabledPacksKey = "kiosk.packs.disabled";

class PackAvailability {
public:
    explicit PackAvailability(Database& db) : db_(db) {}

    // std::invalid_argument for something that is not a pack id. Doing it twice is no error.
    void disable(const std::string& pack_id);
    void enable(const std::string& pack_id);
    // Sorted, each once. A damaged setting reads as none disabled (every pack shown).
    std::vector<std::string> disabled() const;
    bool is_enabled(const std::string& pack_id) const;

private:
    void store(const std::vector<std::string>& ids);

    Database& db_;
};

}  // namespace qiao::core
