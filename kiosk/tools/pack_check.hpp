#pragma once
// Everything `validate` checks, shared with `sign`, `build` and `preview` so that no
// command lets through what another refuses: the format (core::read_pack), that the
// kiosk's font can draw every character, and the signature when the pack carries one.
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/lessons/lesson_pack.hpp"
#include "core/lessons/pack_problem.hpp"
#include "core/lessons/pack_signature.hpp"
#include "core/lessons/publisher_key.hpp"

namespace qiao::tools {

struct CheckOptions {
    // Keys given with --trust. Empty: a signature is still checked to be intact and to
    // match every file, but anyone's key is accepted.
    std::vector<core::PublisherKey> trusted;
    bool check_signature = true;  // false for `sign`, which replaces the signature anyway
    std::filesystem::path font;   // --font; empty: the CJK font fontconfig finds, as the kiosk does
};

struct CheckResult {
    std::vector<core::PackProblem> problems;    // in the order found
    std::optional<core::LessonPack> pack;       // when the format has no error
    std::optional<core::SignatureCheck> signature;  // when the pack has a SIGNATURE and it was checked
    bool ok() const { return !core::has_errors(problems); }
};

// Never throws for anything in the folder: every fault becomes a problem.
CheckResult check_pack(const std::filesystem::path& folder, const CheckOptions& options);

// One line per problem: "error: <describe>" or "warning: <describe>".
void print_problems(const std::vector<core::PackProblem>& problems, std::ostream& out);
// "2 errors, 1 warning in 3 files", or "OK: 4 lessons, 41 steps, languages zh-CN, en".
std::string summary_line(const CheckResult& result);

// Reads every --trust file; throws PackError naming a file that is not a public key.
std::vector<core::PublisherKey> load_keys(const std::vector<std::string>& files);

// A usage error unless folder is a directory (named as the author typed it).
void require_folder(const std::filesystem::path& folder);

// "1 lesson", "3 lessons".
std::string count(std::size_t n, const std::string& one, const std::string& many);

}  // namespace qiao::tools
