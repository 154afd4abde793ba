#include "core/identity/learner_salt.hpp"

#include "core/identity/phone_number.hpp"

namespace qiao::core {

std::string learner_salt(SettingsStore& settings) {
    if (auto salt = existing_learner_salt(settings)) return *salt;
    std::string salt = new_learner_salt();
    settings.set(kLearnerSaltKey, salt);
    return salt;
}

std::optional<std::string> existing_learner_salt(const SettingsStore& settings) {
    auto salt = settings.get(kLearnerSaltKey);
    if (salt && salt->empty()) return std::nullopt;
    return salt;
}

}  // namespace qiao::core
