#include "core/staff/staff_account.hpp"

namespace qiao::core {

std::string_view to_string(StaffRole role) { return role == StaffRole::Manager ? "manager" : "volunteer"; }

std::optional<StaffRole> parse_staff_role(std::string_view text) {
    if (text == "volunteer") return StaffRole::Volunteer;
    if (text == "manager") return StaffRole::Manager;
    return std::nullopt;
}

}  // namespace qiao::core
