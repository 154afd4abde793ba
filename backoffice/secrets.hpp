#pragma once
// The back office's secrets: device and staff tokens, one-time enrolment codes, and the
// SHA-256 it keeps instead of either. Tokens are 256 random bits, so a plain hash is
// enough (nothing to guess a dictionary from); codes are short-lived and single-use.
#include <string>
#include <string_view>

namespace qiao::backoffice {

// 43 characters of URL-safe base64: what a kiosk or a staff member carries.
std::string new_token();
// "7KQM-X2PA-RT9W": 12 characters a person can read aloud (no 0/O, 1/I/L).
std::string new_enrolment_code();
// A code as typed ("7kqm x2pa-rt9w") in its written form, or "" if it cannot be one.
std::string normalise_enrolment_code(std::string_view typed);
// Lowercase hex SHA-256 of the text.
std::string sha256_hex(std::string_view text);
// "k-" / "s-" and 8 hex digits: ids the back office gives kiosks and staff.
std::string new_short_id(std::string_view prefix);

}  // namespace qiao::backoffice
