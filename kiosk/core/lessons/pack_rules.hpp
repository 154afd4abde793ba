#pragma once
// The small rules of the pack format (docs/lesson-pack.md): what an id, a pack id,
// a version and a path inside a pack may look like, and the built-in icon names.
// Each check that can fail returns the reason in plain words ("" when all is well),
// so the validator and qiao-pack say the same thing.
#include <string>
#include <string_view>
#include <vector>

namespace qiao::core::pack_rules {

inline constexpr int kFormat = 1;
inline constexpr std::size_t kMaxIdLength = 64;

// Lesson, screen, element and item ids: 1..64 of a-z, 0-9, '-' and '_'.
std::string id_problem(std::string_view id);
// Pack ids: reverse-domain, at least two dot-separated segments of a-z, 0-9 and '-'.
std::string pack_id_problem(std::string_view id);
// MAJOR.MINOR.PATCH, each a number without leading zeros.
std::string version_problem(std::string_view version);
// A path inside the pack: relative, '/'-separated, no "..", no backslash.
std::string path_problem(std::string_view path);

// The icons the kiosk draws itself (lesson "icon" and app_grid items).
const std::vector<std::string>& builtin_icons();
bool is_builtin_icon(std::string_view name);

// The candidate nearest to word (a typing slip or a different case), or "" if none is near.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);
// "a, b, c" (or "(none)").
std::string join(const std::vector<std::string>& words);

}  // namespace qiao::core::pack_rules
