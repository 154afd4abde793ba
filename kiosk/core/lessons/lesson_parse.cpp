// lesson.json: the lesson's own fields and its steps. Screens are read first, so
// each step can be checked against the screen it shows.
#include <algorithm>

#include "core/lessons/json_fields.hpp"
#include "core/lessons/pack_parse.hpp"
#include "core/lessons/pack_rules.hpp"
#include "core/lessons/screen_parse.hpp"

namespace qiao::core {
namespace {

using json = nlohmann::json;

std::string in_quotes(const std::string& s) { return "'" + s + "'"; }

std::vector<std::string> screen_names(const std::map<std::string, SimulatedScreen>& screens) {
    std::vector<std::string> names;
    for (const auto& [id, _] : screens) names.push_back(id);
    return names;
}

void check_tap_target(JsonObject& action, const std::string& step_name, const LessonStep& step,
                      const std::map<std::string, SimulatedScreen>& screens) {
    const std::string& target = step.action.target;
    const auto screen = screens.find(step.screen);
    if (step.screen.empty()) {
        action.problems().error(action.pointer(), step_name + " asks for a tap on " + in_quotes(target) +
                                                      " but shows no screen to tap on; add \"screen\": \"<screen id>\" "
                                                      "to the step");
        return;
    }
    if (screen == screens.end()) return;  // the unknown screen is reported already
    const std::vector<std::string> ids = tappable_ids(screen->second);
    if (std::find(ids.begin(), ids.end(), target) != ids.end()) return;
    std::string message = step_name + " says tap " + in_quotes(target) + " but the screen " + in_quotes(step.screen) +
                          " has no element with that id; ids on that screen are: " + pack_rules::join(ids);
    if (const auto near = pack_rules::closest(target, ids); !near.empty()) message += "; did you mean " + in_quotes(near) + "?";
    action.problems().error(action.pointer_to("target"), message);
}

void parse_answers(JsonObject& action, const std::string& step_name, StepAction& out) {
    const json* answers = action.array("answers", Need::Required, "the 2 to 4 answers to choose from");
    if (answers == nullptr) return;
    if (answers->size() < kMinAnswers || answers->size() > kMaxAnswers)
        action.problems().error(action.pointer_to("answers"),
                                step_name + " has " + std::to_string(answers->size()) + " answer" +
                                    (answers->size() == 1 ? "" : "s") + ", but a question needs 2 to 4 answers");
    for (std::size_t i = 0; i < answers->size(); ++i) {
        JsonObject answer((*answers)[i], pointer_append(action.pointer_to("answers"), i),
                          "answer " + std::to_string(i + 1) + " of " + step_name, action.problems());
        if (!answer.valid()) continue;
        Answer parsed;
        parsed.text = answer.text("text", Need::Required, "the words on the answer's button");
        parsed.correct = answer.boolean("correct", Need::Optional, "true for a right answer").value_or(false);
        parsed.explain = answer.text("explain", Need::Required, "what is said after the learner chooses it");
        answer.finish();
        out.answers.push_back(std::move(parsed));
    }
    const bool any_correct =
        std::any_of(out.answers.begin(), out.answers.end(), [](const Answer& answer) { return answer.correct; });
    if (!out.answers.empty() && !any_correct)
        action.problems().error(action.pointer_to("answers"), "none of the answers of " + step_name +
                                                                  " is marked right; add \"correct\": true to the "
                                                                  "right answer (or answers)");
}

void parse_action(JsonObject& step_object, const std::string& step_name, LessonStep& step,
                  const std::map<std::string, SimulatedScreen>& screens) {
    const json* value = step_object.object("action", Need::Optional, "what the learner does: next, tap or choose");
    if (value == nullptr) return;
    JsonObject action(*value, step_object.pointer_to("action"), "the action of " + step_name, step_object.problems());
    const auto type = action.string("type", Need::Required, "\"next\", \"tap\" or \"choose\"");
    if (!type) return;
    StepAction& out = step.action;
    if (*type == "next") {
        out.type = ActionType::Next;
        action.finish({"target", "hint", "answers"}, "a \"next\" action");
    } else if (*type == "tap") {
        out.type = ActionType::Tap;
        if (auto target = action.string("target", Need::Required, "the id of the element or item to tap")) {
            out.target = std::move(*target);
            check_tap_target(action, step_name, step, screens);
        }
        out.hint = action.text("hint", Need::Required, "what is said after a wrong tap, to help");
        action.finish({"answers"}, "a \"tap\" action");
    } else if (*type == "choose") {
        out.type = ActionType::Choose;
        parse_answers(action, step_name, out);
        action.finish({"target", "hint"}, "a \"choose\" action");
    } else {
        std::string message = "the action type " + in_quotes(*type) + " is not known; it is \"next\", \"tap\" or \"choose\"";
        if (const auto near = pack_rules::closest(*type, {"next", "tap", "choose"}); !near.empty())
            message += "; did you mean " + in_quotes(near) + "?";
        action.problems().error(action.pointer_to("type"), message);
    }
}

LessonStep parse_step(JsonObject& step_object, std::size_t index, const std::map<std::string, SimulatedScreen>& screens,
                      std::vector<FileReference>& files) {
    const std::string name = "step " + std::to_string(index + 1);
    LessonStep step;
    step.say = step_object.text("say", Need::Required, "what is said aloud");
    step.show = step_object.text("show", Need::Optional, "what is shown, when it differs from what is said");
    if (const json* narration = step_object.object("narration", Need::Optional, "a recorded clip per language")) {
        for (const auto& [language, clip] : narration->items()) {
            const std::string where = pointer_append(step_object.pointer_to("narration"), language);
            if (!clip.is_string()) {
                step_object.problems().error(where, "the " + language + " narration of " + name +
                                                        " should be a file name in quotes, like \"audio/step1.ogg\", "
                                                        "but here it is " + json_kind(clip));
                continue;
            }
            const std::string path = clip.get<std::string>();
            add_file_reference(step_object, FileReference::Kind::Narration, path, where,
                               name + ", in " + language + ",", files);
            step.narration[language] = path;
        }
    }
    if (auto picture = step_object.string("picture", Need::Optional, "a PNG or JPEG file in the lesson's folder")) {
        add_file_reference(step_object, FileReference::Kind::Picture, *picture, step_object.pointer_to("picture"), name,
                           files);
        step.picture = std::move(*picture);
    }
    if (auto screen = step_object.string("screen", Need::Optional, "the id of one of the lesson's screens")) {
        if (screens.count(*screen) == 0) {
            const auto names = screen_names(screens);
            std::string message = name + " shows the screen " + in_quotes(*screen) +
                                  " but the lesson has no screen with that id; its screens are: " + pack_rules::join(names);
            if (const auto near = pack_rules::closest(*screen, names); !near.empty())
                message += "; did you mean " + in_quotes(near) + "?";
            step_object.problems().error(step_object.pointer_to("screen"), message);
        }
        step.screen = std::move(*screen);
    }
    parse_action(step_object, name, step, screens);
    step_object.finish();
    return step;
}

}  // namespace

ParsedLesson parse_lesson(std::string_view text, const std::string& file_name, std::vector<PackProblem>& problems) {
    ParsedLesson out;
    FileProblems file(file_name, problems);
    const auto document = parse_pack_json(text, file);
    if (!document) return out;
    JsonObject object(*document, "", "the lesson", file);
    if (!object.valid()) return out;
    Lesson& lesson = out.lesson;

    if (auto id = object.string("id", Need::Required, "the lesson's id, the same as its folder's name")) {
        if (const std::string why = pack_rules::id_problem(*id); !why.empty())
            file.error("/id", "the lesson id '" + *id + "' is not usable: " + why);
        lesson.id = std::move(*id);
    }
    lesson.title = object.text("title", Need::Required, "the lesson's name on its card");
    lesson.summary = object.text("summary", Need::Required, "one sentence on what it teaches");
    if (auto icon = object.string("icon", Need::Required, "a built-in icon name, like \"qr\"")) {
        if (!pack_rules::is_builtin_icon(*icon)) {
            std::string message = "the icon " + in_quotes(*icon) + " is not one of the built-in icons: " +
                                  pack_rules::join(pack_rules::builtin_icons());
            if (const auto near = pack_rules::closest(*icon, pack_rules::builtin_icons()); !near.empty())
                message += "; did you mean " + in_quotes(near) + "?";
            file.error("/icon", message);
        }
        lesson.icon = std::move(*icon);
    }
    if (const auto minutes = object.integer("minutes", Need::Required, "about how many minutes it takes", 1, kMaxMinutes))
        lesson.minutes = static_cast<int>(*minutes);
    lesson.screens = parse_screens(object, out.files);

    if (const json* steps = object.array("steps", Need::Required, "what the lesson says and asks, in order")) {
        if (steps->empty() || steps->size() > kMaxSteps)
            file.error("/steps", "the lesson has " + std::to_string(steps->size()) +
                                     " steps, but a lesson has 1 to 30 (split a longer one into two lessons)");
        for (std::size_t i = 0; i < steps->size(); ++i) {
            JsonObject step((*steps)[i], pointer_append("/steps", i), "step " + std::to_string(i + 1), file);
            if (step.valid()) lesson.steps.push_back(parse_step(step, i, lesson.screens, out.files));
        }
    }
    object.finish();
    return out;
}

}  // namespace qiao::core
