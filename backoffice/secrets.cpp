#include "backoffice/secrets.hpp"

#include <sodium.h>

#include <cctype>

#include "core/lessons/sodium_text.hpp"

namespace qiao::backoffice {

namespace {

constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
constexpr std::size_t kCodeLetters = 12;

}  // namespace

std::string new_token() {
    core::ensure_sodium();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char text[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return text;
}

std::string new_enrolment_code() {
    core::ensure_sodium();
    std::string code;
    for (std::size_t i = 0; i < kCodeLetters; ++i) {
        if (i > 0 && i % 4 == 0) code += '-';
        code += kCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kCodeAlphabet.size()))];
    }
    return code;
}

std::string normalise_enrolment_code(std::string_view typed) {
    std::string letters;
    for (char c : typed) {
        if (c == '-' || c == ' ') continue;
        const char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (kCodeAlphabet.find(upper) == std::string_view::npos) return {};
        letters += upper;
    }
    if (letters.size() != kCodeLetters) return {};
    return letters.substr(0, 4) + "-" + letters.substr(4, 4) + "-" + letters.substr(8, 4);
}

std::string sha256_hex(std::string_view text) {
    core::ensure_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    return core::to_hex(digest, sizeof digest);
}

std::string new_short_id(std::string_view prefix) { return std::string(prefix) + core::random_hex(4); }

}  // namespace qiao::backoffice
