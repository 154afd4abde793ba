#pragma once
// A problem found in a lesson pack: which file, which field, and what to do about
// it, in words a volunteer who is not a programmer can act on. Checking a pack
// collects every problem at once, so an author fixes them all in one go.
#include <string>
#include <vector>

namespace qiao::core {

struct PackProblem {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    std::string file;     // relative to the pack, e.g. "lessons/pay-by-qr/lesson.json"
    std::string where;    // a JSON pointer like "/steps/3/action/target", a "line 3, column 14", or ""
    std::string message;  // plain words with the fix
};

// One line: "file at where: message" (or "file: message" when where is empty).
std::string describe(const PackProblem& problem);

bool has_errors(const std::vector<PackProblem>& problems);

// Adds problems about one file of the pack to a shared list.
class FileProblems {
public:
    FileProblems(std::string file, std::vector<PackProblem>& out) : file_(std::move(file)), out_(&out) {}

    void error(std::string where, std::string message);
    void warning(std::string where, std::string message);
    const std::string& file() const { return file_; }

private:
    std::string file_;
    std::vector<PackProblem>* out_;
};

}  // namespace qiao::core
