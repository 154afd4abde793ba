#pragma once
// Staff PINs: six digits, stored only as libsodium's slow password hash (argon2id,
// crypto_pwhash_str with the "interactive" limits: about 0.1-0.5 s and 64 MiB per
// check). The back office makes the hash when a site manager sets a PIN and sends it
// to the site's kiosks, which check a typed PIN against it offline. The slow hash
// makes a stolen store file expensive to guess through; the kiosk's back-off and lock
// (StaffPinGate) is what stops guessing at the screen.
#include <string>
#include <string_view>

namespace qiao::core {

inline constexpr std::size_t kStaffPinDigits = 6;

// Exactly six ASCII digits.
bool is_valid_staff_pin(std::string_view pin);
// The argon2id hash string of pin ("$argon2id$v=19$..."). std::invalid_argument with a
// plain message when pin is not six digits; std::runtime_error when libsodium has no
// memory for it.
std::string hash_staff_pin(std::string_view pin);
// Whether pin matches hash; false for an empty or malformed hash, never throws.
bool staff_pin_matches(const std::string& hash, std::string_view pin);

}  // namespace qiao::core
