#include "core/lessons/sodium_text.hpp"

#include <sodium.h>

#include "core/lessons/pack_error.hpp"

namespace qiao::core {

void ensure_sodium() {
    // sodium_init is thread-safe and cheap after the first call; it returns 1 when already done.
    static const int status = sodium_init();
    if (status < 0) throw PackError("the signature library (libsodium) could not start: no random source is available");
}

std::string to_base64(const unsigned char* bytes, std::size_t size) {
    ensure_sodium();
    const std::size_t capacity = sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL);
    std::string out(capacity, '\0');
    sodium_bin2base64(out.data(), capacity, bytes, size, sodium_base64_VARIANT_ORIGINAL);
    out.resize(capacity - 1);  // capacity counts the terminating NUL
    return out;
}

std::optional<std::vector<unsigned char>> from_base64(std::string_view text) {
    ensure_sodium();
    std::vector<unsigned char> out(text.size() / 4 * 3 + 3);
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return std::nullopt;
    if (end != text.data() + text.size()) return std::nullopt;  // trailing garbage
    out.resize(length);
    return out;
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out.push_back(digits[bytes[i] >> 4]);
        out.push_back(digits[bytes[i] & 0x0f]);
    }
    return out;
}

std::string random_hex(std::size_t bytes) {
    ensure_sodium();
    std::vector<unsigned char> buffer(bytes);
    randombytes_buf(buffer.data(), buffer.size());
    return to_hex(buffer.data(), buffer.size());
}

}  // namespace qiao::core
