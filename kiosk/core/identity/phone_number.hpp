#pragma once
// A visitor's mobile number: the only thing Qiao ever asks to know who someone is (no
// account, no password, no letters). It is shown masked everywhere but at entry, read
// back digit by digit in groups, and stored only as a salted hash.
#include <string>
#include <string_view>

namespace qiao::core {

inline constexpr std::size_t kPhoneDigits = 11;

// A mainland mobile number: 11 digits starting with 1.
bool plausible_phone(std::string_view digits);
// "138****5678"; shorter input is masked but for its first and last digit.
std::string mask_phone(std::string_view digits);
// "138 1234 5678": the groups people say their number in.
std::string grouped_phone(std::string_view digits);
// "1 3 8，1 2 3 4，5 6 7 8": digit by digit, so the voice never says "one hundred".
std::string spoken_phone(std::string_view digits, std::string_view group_separator);
// "phone:<32 hex>": the same number and salt always give the same learner.
std::string learner_id_for_phone(std::string_view digits, std::string_view salt);
// A new random salt (hex), made once per kiosk.
std::string new_learner_salt();

}  // namespace qiao::core
