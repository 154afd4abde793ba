#pragma once
// Value checks shared by the config file and the command line, so both accept
// exactly the same words and numbers. Internal to core/config.
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <utility>

namespace qiao::core::config_values {

// Window sizes: anything smaller cannot show one button; anything larger is a typo.
inline constexpr int kMinWindowSide = 200;
inline constexpr int kMaxWindowSide = 8000;

// true/false, on/off, yes/no (any letter case).
std::optional<bool> parse_bool(std::string_view text);
// A plain whole number: digits only, no sign, no spaces. nullopt if not, or if huge.
std::optional<long long> parse_whole_number(std::string_view text);
// "1280x800" with both sides in kMinWindowSide..kMaxWindowSide.
std::optional<std::pair<int, int>> parse_window_size(std::string_view text);
// A language code's shape: letters, digits and '-', 2..16 characters, starting
// with a letter. Whether the catalog offers it is checked by the app.
bool looks_like_language_code(std::string_view text);
// "learn, book" -> {"learn", "book"}: a comma list, blanks around items and empty items dropped.
std::vector<std::string> comma_list(std::string_view text);
// "" (default device), "null" (no sound) or "wav:<dir>" with a folder named.
bool is_audio_setting(std::string_view text);
// A value quoted for a message: printable, control bytes shown as \xNN, long
// values shortened, so the message stays readable whatever was in the file.
std::string quote_for_message(std::string_view text);

}  // namespace qiao::core::config_values
