#pragma once
// Checks the files a lesson names: present inside the pack, not too big, and that
// pictures and recordings really decode (the kiosk must never meet a broken one in
// front of a learner).
#include <filesystem>
#include <set>
#include <string>

#include "core/lessons/pack_limits.hpp"
#include "core/lessons/pack_parse.hpp"
#include "core/lessons/pack_problem.hpp"

namespace qiao::core {

// lesson_folder is relative to the pack ("lessons/pay-by-qr"); problems go to the
// lesson.json at reference.where. checked holds files already checked, so a picture
// shown by many steps is opened once.
void check_referenced_file(const std::filesystem::path& root, const std::string& lesson_folder,
                           const FileReference& reference, const PackLimits& limits, FileProblems& problems,
                           std::set<std::string>& checked);

}  // namespace qiao::core
