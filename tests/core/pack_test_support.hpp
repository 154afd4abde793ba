#pragma once
// Shared by the lesson pack tests: where the committed packs are, a fresh folder
// under QIAO_TEST_TMP for packs changed at test time, and a printout of problems
// for failure messages.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/lessons/pack_problem.hpp"
#include "core/pack_temp_dir.hpp"

namespace qiao::test {

inline std::filesystem::path packs_dir() { return std::filesystem::path(QIAO_SOURCE_DIR) / "tests" / "packs"; }
inline std::filesystem::path good_pack() { return packs_dir() / "good" / "minimal"; }
inline const char* kLessonJson = "lessons/first-tap/lesson.json";

// A copy of the good pack to break, at dir/pack.
inline std::filesystem::path copy_of_good_pack(const PackTempDir& dir) {
    const auto to = dir.path() / "pack";
    std::filesystem::copy(good_pack(), to, std::filesystem::copy_options::recursive);
    return to;
}

inline std::string slurp(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void spit(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string listing(const std::vector<core::PackProblem>& problems) {
    std::string out;
    for (const auto& problem : problems) out += "\n  " + core::describe(problem);
    return out.empty() ? "\n  (no problems)" : out;
}

}  // namespace qiao::test
