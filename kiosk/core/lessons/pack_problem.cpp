#include "core/lessons/pack_problem.hpp"

#include <algorithm>

namespace qiao::core {

std::string describe(const PackProblem& problem) {
    std::string line = problem.file.empty() ? std::string("the pack") : problem.file;
    if (!problem.where.empty()) line += " at " + problem.where;
    line += ": ";
    if (problem.severity == PackProblem::Severity::Warning) line += "(warning) ";
    return line + problem.message;
}

bool has_errors(const std::vector<PackProblem>& problems) {
    return std::any_of(problems.begin(), problems.end(),
                       [](const PackProblem& p) { return p.severity == PackProblem::Severity::Error; });
}

void FileProblems::error(std::string where, std::string message) {
    out_->push_back({PackProblem::Severity::Error, file_, std::move(where), std::move(message)});
}

void FileProblems::warning(std::string where, std::string message) {
    out_->push_back({PackProblem::Severity::Warning, file_, std::move(where), std::move(message)});
}

}  // namespace qiao::core
