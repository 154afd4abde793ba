#pragma once
// Reading a lesson pack folder into a LessonPack, checking everything the format
// (docs/lesson-pack.md) asks first, and reporting every problem at once. The kiosk
// installs a pack only when there is no Error; qiao-pack validate prints them all.
#include <filesystem>
#include <optional>
#include <vector>

#include "core/lessons/lesson_pack.hpp"
#include "core/lessons/pack_limits.hpp"
#include "core/lessons/pack_problem.hpp"

namespace qiao::core {

struct PackReadResult {
    std::optional<LessonPack> pack;  // set only when there is no Error
    std::vector<PackProblem> problems;
    bool ok() const { return pack.has_value(); }
};

// Never throws for anything in the folder: every fault becomes a problem.
PackReadResult read_pack(const std::filesystem::path& folder, const PackLimits& limits = {});

}  // namespace qiao::core
