#pragma once
// Small bridges between libsodium's byte arrays and the text that goes into key files and
// SIGNATURE files (base64 and lowercase hex), plus the one-time library start-up.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::core {

// Starts libsodium once per process; throws PackError if it cannot (no usable random source).
void ensure_sodium();

std::string to_base64(const unsigned char* bytes, std::size_t size);
// nullopt if text is not standard base64 (with padding); surrounding blanks are not accepted.
std::optional<std::vector<unsigned char>> from_base64(std::string_view text);

std::string to_hex(const unsigned char* bytes, std::size_t size);

// n random bytes as 2n lowercase hex digits: names for staging folders.
std::string random_hex(std::size_t bytes);

}  // namespace qiao::core
