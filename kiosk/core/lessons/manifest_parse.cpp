// pack.json: the pack's own fields and its lessons in order.
#include <set>

#include "core/lessons/json_fields.hpp"
#include "core/lessons/pack_parse.hpp"
#include "core/lessons/pack_rules.hpp"

namespace qiao::core {

ParsedManifest parse_manifest(std::string_view text, std::vector<PackProblem>& problems) {
    ParsedManifest out;
    FileProblems file("pack.json", problems);
    const auto document = parse_pack_json(text, file);
    if (!document) return out;
    JsonObject manifest(*document, "", "the pack", file);
    if (!manifest.valid()) return out;
    LessonPack& pack = out.pack;

    if (const auto format = manifest.integer("format", Need::Required, "the format version, 1", -1000000, 1000000)) {
        pack.format = static_cast<int>(*format);
        if (*format != pack_rules::kFormat)
            file.error("/format", "this pack is written in format " + std::to_string(*format) +
                                      ", but this version of Qiao reads format 1; write \"format\": 1, or update Qiao "
                                      "if the pack came from a newer publisher");
    }
    if (auto id = manifest.string("id", Need::Required, "the pack's name for computers, like \"org.qiao.basics\"")) {
        if (const std::string why = pack_rules::pack_id_problem(*id); !why.empty())
            file.error("/id", "the pack id '" + *id + "' is not usable: " + why);
        pack.id = std::move(*id);
    }
    if (auto version = manifest.string("version", Need::Required, "the pack's version, like \"1.0.0\"")) {
        if (const std::string why = pack_rules::version_problem(*version); !why.empty())
            file.error("/version", "the version '" + *version + "' is not usable: " + why);
        pack.version = std::move(*version);
    }
    if (auto publisher = manifest.string("publisher", Need::Required, "who made the pack")) {
        if (publisher->find_first_not_of(" \t") == std::string::npos)
            file.error("/publisher", "\"publisher\" is empty; write who made the pack, like \"Qiao volunteers\"");
        pack.publisher = std::move(*publisher);
    }
    if (auto min_app = manifest.string("min_app_version", Need::Required,
                                       "the oldest Qiao version that can show the pack, like \"0.1.0\"")) {
        if (const std::string why = pack_rules::version_problem(*min_app); !why.empty())
            file.error("/min_app_version", "the min_app_version '" + *min_app + "' is not usable: " + why);
        pack.min_app_version = std::move(*min_app);
    }
    pack.title = manifest.text("title", Need::Required, "the pack's name shown to learners");
    pack.summary = manifest.text("summary", Need::Required, "one sentence on what the pack teaches");

    if (const auto* lessons = manifest.array("lessons", Need::Required, "the ids of its lessons, in order")) {
        out.lessons_read = true;
        if (lessons->empty() || lessons->size() > kMaxLessons)
            file.error("/lessons", "\"lessons\" lists " + std::to_string(lessons->size()) +
                                       " lessons, but a pack holds 1 to 50 (split a bigger one into two packs)");
        std::set<std::string> seen;
        for (std::size_t i = 0; i < lessons->size(); ++i) {
            const auto& entry = (*lessons)[i];
            const std::string where = pointer_append("/lessons", i);
            if (!entry.is_string()) {
                file.error(where, "lesson " + std::to_string(i + 1) + " in \"lessons\" should be a lesson id in "
                                  "quotes, like \"pay-by-qr\", but here it is " + json_kind(entry));
                continue;
            }
            const std::string id = entry.get<std::string>();
            if (const std::string why = pack_rules::id_problem(id); !why.empty()) {
                file.error(where, "the lesson id '" + id + "' is not usable: " + why);
                continue;
            }
            if (!seen.insert(id).second) {
                file.error(where, "the lesson '" + id + "' is listed more than once in \"lessons\"; list each lesson "
                                  "once (two lessons need two different ids and folders)");
                continue;
            }
            out.lesson_ids.push_back(id);
        }
    }
    manifest.finish();
    return out;
}

}  // namespace qiao::core
