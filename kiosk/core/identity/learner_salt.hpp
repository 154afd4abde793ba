#pragma once
// The kiosk's salt for hashing phone numbers (settings key "kiosk.learner_salt"): made
// once, on first need, and shared by lessons and help requests so one number is one
// hash everywhere on this kiosk.
#include <optional>
#include <string>

#include "core/storage/settings_store.hpp"

namespace qiao::core {

inline constexpr const char* kLearnerSaltKey = "kiosk.learner_salt";

// The salt, made and stored if there is none yet (call inside a transaction when the
// salt must be stored together with what needed it).
std::string learner_salt(SettingsStore& settings);
// The salt if one was ever made.
std::optional<std::string> existing_learner_salt(const SettingsStore& settings);

}  // namespace qiao::core
