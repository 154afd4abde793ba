#include "core/identity/phone_number.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace qiao::core {

namespace {

bool all_digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string hex(const unsigned char* bytes, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, n);
    out.pop_back();
    return out;
}

}  // namespace

bool plausible_phone(std::string_view digits) {
    return digits.size() == kPhoneDigits && all_digits(digits) && digits.front() == '1';
}

std::string mask_phone(std::string_view digits) {
    if (digits.size() == kPhoneDigits) return std::string(digits.substr(0, 3)) + "****" + std::string(digits.substr(7));
    if (digits.size() <= 2) return std::string(digits.size(), '*');
    return std::string(1, digits.front()) + std::string(digits.size() - 2, '*') + std::string(1, digits.back());
}

std::string grouped_phone(std::string_view digits) {
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i == 3 || i == 7) out += ' ';
        out += digits[i];
    }
    return out;
}

std::string spoken_phone(std::string_view digits, std::string_view group_separator) {
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i == 3 || i == 7) out += group_separator;
        else if (i > 0) out += ' ';
        out += digits[i];
    }
    return out;
}

std::string learner_id_for_phone(std::string_view digits, std::string_view salt) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
    std::array<unsigned char, 16> hash{};
    const std::string input = std::string(salt) + ":" + std::string(digits);
    crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(input.data()), input.size(), nullptr, 0);
    return "phone:" + hex(hash.data(), hash.size());
}

std::string new_learner_salt() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
    std::array<unsigned char, 16> salt{};
    randombytes_buf(salt.data(), salt.size());
    return hex(salt.data(), salt.size());
}

}  // namespace qiao::core
