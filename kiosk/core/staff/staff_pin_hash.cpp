#include "core/staff/staff_pin_hash.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "core/lessons/sodium_text.hpp"

namespace qiao::core {

bool is_valid_staff_pin(std::string_view pin) {
    return pin.size() == kStaffPinDigits && std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string hash_staff_pin(std::string_view pin) {
    if (!is_valid_staff_pin(pin)) throw std::invalid_argument("a staff PIN is exactly 6 digits");
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("not enough memory to hash a staff PIN (argon2id needs 64 MiB)");
    return out;
}

bool staff_pin_matches(const std::string& hash, std::string_view pin) {
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES || pin.empty()) return false;
    if (hash.rfind("$argon2id$", 0) != 0) return false;  // only what hash_staff_pin makes
    ensure_sodium();
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace qiao::core
