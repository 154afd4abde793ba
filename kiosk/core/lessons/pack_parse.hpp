#pragma once
// Turning the text of pack.json and lesson.json into the model, checking everything
// that can be checked without other files: types, required fields, ids, counts,
// that every step's screen and tap target exist. Files a lesson names (pictures,
// narration) are listed for read_pack to check on disk. Pure functions of the text,
// so the fuzz tests call them directly; never throw, whatever the text.
#include <string>
#include <string_view>
#include <vector>

#include "core/lessons/lesson_pack.hpp"
#include "core/lessons/pack_problem.hpp"

namespace qiao::core {

// Counts the format allows (docs/lesson-pack.md).
inline constexpr std::size_t kMaxLessons = 50;
inline constexpr std::size_t kMaxSteps = 30;
inline constexpr std::size_t kMaxElements = 20;
inline constexpr std::size_t kMaxGridItems = 12;
inline constexpr std::size_t kMaxListItems = 8;
inline constexpr std::size_t kMinAnswers = 2;
inline constexpr std::size_t kMaxAnswers = 4;
inline constexpr int kMaxMinutes = 120;

// A file a lesson names, to be found and checked in the lesson's folder.
struct FileReference {
    enum class Kind { Picture, Narration };
    Kind kind = Kind::Picture;
    std::string path;     // as written: relative to the lesson folder, already checked by pack_rules::path_problem
    std::string where;    // JSON pointer in lesson.json
    std::string used_by;  // for messages: "step 3", "the picture element 'photo' on screen 'chat'"
};

struct ParsedManifest {
    LessonPack pack;  // lessons left empty: read_pack fills them
    std::vector<std::string> lesson_ids;  // in order, as listed
    bool lessons_read = false;            // "lessons" was there to read (so unlisted folders can be named)
};

struct ParsedLesson {
    Lesson lesson;
    std::vector<FileReference> files;
};

// Problems are added with file "pack.json".
ParsedManifest parse_manifest(std::string_view text, std::vector<PackProblem>& problems);
// Problems are added with the given file name (e.g. "lessons/pay-by-qr/lesson.json").
ParsedLesson parse_lesson(std::string_view text, const std::string& file, std::vector<PackProblem>& problems);

}  // namespace qiao::core
