#include "core/lessons/progress_store.hpp"

#include "core/outbox/outbox.hpp"
#include "core/time/utc_time.hpp"


namespace qiao::core {

namespace {

constexpr char kSelectStepSql[] =
    "SELECT step FROM lesson_progress WHERE learner = ? AND pack_id = ? AND lesson_id = ?";
constexpr char kUpsertStepSql[] =
    "INSERT INTO lesson_progress (learner, pack_id, lesson_id, step, updated_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (learner, pack_id, lesson_id) DO UPDATE SET step = excluded.step, updated_at = excluded.updated_at";
constexpr char kDeleteStepSql[] = "DELETE FROM lesson_progress WHERE learner = ? AND pack_id = ? AND lesson_id = ?";
constexpr char kCompletedSql[] =
    "SELECT COUNT(*) FROM lesson_completions WHERE learner = ? AND pack_id = ? AND lesson_id = ?";
constexpr char kInsertCompletionSql[] =
    "INSERT INTO lesson_completions (learner, pack_id, pack_version, lesson_id, completed_at, seconds, wrong_taps, "
    "wrong_answers, listen_again) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectCompletionsSql[] =
    "SELECT learner, pack_id, pack_version, lesson_id, completed_at, seconds, wrong_taps, wrong_answers, listen_again "
    "FROM lesson_completions ORDER BY id";

constexpr char kProgressOfSql[] =
    "SELECT pack_id, lesson_id, step FROM lesson_progress WHERE learner = ? ORDER BY pack_id, lesson_id";
constexpr char kFinishedBySql[] =
    "SELECT DISTINCT pack_id, lesson_id FROM lesson_completions WHERE learner = ? ORDER BY pack_id, lesson_id";

constexpr char kLearnersPerLessonSql[] =
    "SELECT lesson_id, COUNT(DISTINCT learner) FROM lesson_completions WHERE pack_id = ? GROUP BY lesson_id";

}  // namespace

std::map<std::string, int> ProgressStore::learners_per_lesson(const std::string& pack_id) const {
    std::map<std::string, int> out;
    Statement s(db_, kLearnersPerLessonSql);
    s.bind(1, pack_id);
    while (s.step()) out[s.column_text(0)] = static_cast<int>(s.column_int(1));
    return out;
}

std::vector<std::tuple<std::string, std::string, int>> ProgressStore::progress_of(const std::string& learner) const {
    std::vector<std::tuple<std::string, std::string, int>> out;
    Statement s(db_, kProgressOfSql);
    s.bind(1, learner);
    while (s.step()) out.emplace_back(s.column_text(0), s.column_text(1), static_cast<int>(s.column_int(2)));
    return out;
}

std::vector<std::pair<std::string, std::string>> ProgressStore::finished_by(const std::string& learner) const {
    std::vector<std::pair<std::string, std::string>> out;
    Statement s(db_, kFinishedBySql);
    s.bind(1, learner);
    while (s.step()) out.emplace_back(s.column_text(0), s.column_text(1));
    return out;
}


std::optional<int> ProgressStore::step_reached(const std::string& learner, const std::string& pack_id,
                                               const std::string& lesson_id) const {
    Statement s(db_, kSelectStepSql);
    s.bind(1, learner).bind(2, pack_id).bind(3, lesson_id);
    if (!s.step()) return std::nullopt;
    return static_cast<int>(s.column_int(0));
}

void ProgressStore::save_step(const std::string& learner, const std::string& pack_id, const std::string& lesson_id,
                              int step) {
    Statement s(db_, kUpsertStepSql);
    s.bind(1, learner).bind(2, pack_id).bind(3, lesson_id).bind(4, step).bind(5, iso8601_utc(std::chrono::system_clock::now()));
    s.run();
}

bool ProgressStore::completed(const std::string& learner, const std::string& pack_id, const std::string& lesson_id) const {
    Statement s(db_, kCompletedSql);
    s.bind(1, learner).bind(2, pack_id).bind(3, lesson_id);
    s.step();
    return s.column_int(0) > 0;
}

void ProgressStore::record_completion(const LessonCompletion& c) {
    Transaction transaction(db_);
    {
        Statement insert(db_, kInsertCompletionSql);
        insert.bind(1, c.learner).bind(2, c.pack_id).bind(3, c.pack_version).bind(4, c.lesson_id);
        const std::string completed_at = c.completed_at.empty() ? iso8601_utc(std::chrono::system_clock::now()) : c.completed_at;
        insert.bind(5, completed_at);
        insert.bind(6, c.seconds).bind(7, c.wrong_taps).bind(8, c.wrong_answers).bind(9, c.listen_again);
        insert.run();
        // The site's figures count it (docs/sync-protocol.md, "lesson_completed"); the
        // learner is the salted hash or a session's random id, never a number.
        Outbox(db_).add("lesson_completed", {{"lesson_id", c.lesson_id},
                                             {"pack_id", c.pack_id},
                                             {"pack_version", c.pack_version},
                                             {"learner", c.learner},
                                             {"completed_at", completed_at},
                                             {"seconds", c.seconds},
                                             {"wrong_taps", c.wrong_taps},
                                             {"wrong_answers", c.wrong_answers},
                                             {"listen_again", c.listen_again}});
        Statement forget(db_, kDeleteStepSql);
        forget.bind(1, c.learner).bind(2, c.pack_id).bind(3, c.lesson_id);
        forget.run();
    }
    transaction.commit();
}

std::vector<LessonCompletion> ProgressStore::completions() const {
    std::vector<LessonCompletion> out;
    Statement s(db_, kSelectCompletionsSql);
    while (s.step()) {
        LessonCompletion c;
        c.learner = s.column_text(0);
        c.pack_id = s.column_text(1);
        c.pack_version = s.column_text(2);
        c.lesson_id = s.column_text(3);
        c.completed_at = s.column_text(4);
        c.seconds = s.column_int(5);
        c.wrong_taps = s.column_int(6);
        c.wrong_answers = s.column_int(7);
        c.listen_again = s.column_int(8);
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace qiao::core
