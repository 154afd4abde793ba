#pragma once
// StaffRoster: the site's staff as this kiosk knows them, from the back office's
// "staff" changes (pulled; docs/sync-protocol.md). It is read from the store on every
// call, so the sync worker's connection can apply a change and the UI's connection sees
// it at the next look, without a message between them.
//
// A change is checked whole before anything is stored; a bad one throws
// std::invalid_argument with a plain message (the pull logs it and skips the change),
// and the account as it was stays.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/booking/wall_time.hpp"
#include "core/staff/staff_account.hpp"
#include "core/storage/database.hpp"

namespace qiao::core {

// Bounds on what a change may carry: far beyond any real value, and a bound on what a
// damaged or hostile feed can make the kiosk store or draw.
inline constexpr std::size_t kStaffIdMaxBytes = 64;
inline constexpr std::size_t kStaffNameMaxBytes = 200;
inline constexpr int kStaffHoursMaxMinutes = 100'000'000;

class StaffRoster {
public:
    explicit StaffRoster(Database& db) : db_(db) {}

    // A pulled "staff" change:
    //   {"kind":"staff","id":"s-...","name":"Wang Wei","role":"volunteer"|"manager",
    //    "pin_hash":"$argon2id$..."|"","active":true|false,"hours_minutes":135}
    // Stores the account as said (the same change again changes nothing). A revoked
    // account (active false) keeps no PIN hash whatever the change says. Throws
    // std::invalid_argument naming the field, StorageError if the store fails.
    void apply(const nlohmann::json& change, WallTime now = std::chrono::system_clock::now());

    // Those who may sign in here (active, with a PIN), by name.
    std::vector<StaffAccount> signable() const;
    // Every account known, revoked ones included, by name.
    std::vector<StaffAccount> all() const;
    std::optional<StaffAccount> find(const std::string& id) const;

private:
    Database& db_;
};

}  // namespace qiao::core
