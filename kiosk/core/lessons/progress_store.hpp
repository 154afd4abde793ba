#pragma once
// ProgressStore: where each learner got to in each lesson, and every lesson finished
// with its figures (time, wrong taps, wrong answers, "listen again" presses): what a
// site reports on to show whether people really learned. Progress is keyed by pack
// id and lesson id, not version, so it survives a pack upgrade.
//
// A learner is "session:<random>" for a visitor who did not give a phone number (the
// idle reset starts a new one, so nobody resumes a stranger's lesson), or
// "phone:<...>" once the phone keypad exists.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/storage/database.hpp"

namespace qiao::core {

struct LessonCompletion {
    std::string learner;
    std::string pack_id;
    std::string pack_version;
    std::string lesson_id;
    std::string completed_at;  // UTC, ISO 8601
    std::int64_t seconds = 0;
    std::int64_t wrong_taps = 0;
    std::int64_t wrong_answers = 0;
    std::int64_t listen_again = 0;
};

class ProgressStore {
public:
    explicit ProgressStore(Database& db) : db_(db) {}

    std::optional<int> step_reached(const std::string& learner, const std::string& pack_id, const std::string& lesson_id) const;
    void save_step(const std::string& learner, const std::string& pack_id, const std::string& lesson_id, int step);
    bool completed(const std::string& learner, const std::string& pack_id, const std::string& lesson_id) const;
    // Records the completion, queues its "lesson_completed" outbox entry and forgets the
    // progress, in one transaction.
    void record_completion(const LessonCompletion& completion);
    // Where this learner got to in every lesson started and not finished: (pack, lesson, step).
    std::vector<std::tuple<std::string, std::string, int>> progress_of(const std::string& learner) const;
    // The lessons this learner finished: (pack, lesson).
    std::vector<std::pair<std::string, std::string>> finished_by(const std::string& learner) const;
    // How many different learners finished each lesson of the pack (any version), by
    // lesson id; lessons nobody finished are not listed. Each visitor without a number
    // is a learner of their own.
    std::map<std::string, int> learners_per_lesson(const std::string& pack_id) const;
    // Every completion, oldest first.
    std::vector<LessonCompletion> completions() const;

private:
    Database& db_;
};


}  // namespace qiao::core
