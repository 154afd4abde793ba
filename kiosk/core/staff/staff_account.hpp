#pragma once
// StaffAccount: a volunteer or site manager of this kiosk's site, as the back office
// last published them (docs/sync-protocol.md, the "staff" change). The kiosk never makes
// or changes one: it only signs staff in against the PIN hash it was sent.
#include <optional>
#include <string>
#include <string_view>

namespace qiao::core {

enum class StaffRole { Volunteer, Manager };

// "volunteer", "manager": the words stored and sent.
std::string_view to_string(StaffRole role);
// The inverse of to_string; nullopt for any other word.
std::optional<StaffRole> parse_staff_role(std::string_view text);

struct StaffAccount {
    std::string id;    // the back office's id, "s-..."
    std::string name;  // as the site manager wrote it, shown on the sign-in list
    StaffRole role = StaffRole::Volunteer;
    std::string pin_hash;  // argon2id string; "" = no PIN set (cannot sign in here)
    bool active = false;   // false once revoked
    int hours_minutes = 0;  // the back office's total of this person's served hours

    bool is_manager() const { return role == StaffRole::Manager; }
    // Active and with a PIN: may be offered on the sign-in list.
    bool can_sign_in() const { return active && !pin_hash.empty(); }
};

}  // namespace qiao::core
