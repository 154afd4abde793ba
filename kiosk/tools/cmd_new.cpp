// qiao-pack new: a small pack that already passes validate, so an author starts from
// something that works and changes it a little at a time.
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/lessons/pack_rules.hpp"
#include "tools/cli_args.hpp"
#include "tools/command.hpp"
#include "tools/pack_check.hpp"

namespace fs = std::filesystem;

namespace qiao::tools {
namespace {

const char* const kHelp = R"(qiao-pack new FOLDER --id PACK-ID [--title TEXT] [--publisher NAME]

Makes a new lesson pack in FOLDER (a new or empty folder) to start from: pack.json
and one lesson, "first-lesson", with three steps: one that just talks, one where
the learner taps an app on a simulated phone screen, and one question with two
answers. It passes `qiao-pack validate` as it is; change the words to your own,
one thing at a time, and validate again after each change.

  --id PACK-ID      the pack's name for computers, like a web address backwards:
                    org.example.phone-basics (small letters, digits, '-' and dots).
                    Choose it once: every later version of the pack keeps it.
  --title TEXT      the pack's title (written as both its Chinese and its English
                    title; edit pack.json to make them differ). Put it in quotes.
  --publisher NAME  who makes the pack, like "Riverside volunteers".

Example:
  qiao-pack new my-pack --id org.riverside.phone-basics --title "手机入门"
)";

std::string quoted(const std::string& text) { return nlohmann::json(text).dump(); }

std::string pack_json(const std::string& id, const std::string& title, const std::string& publisher) {
    const std::string zh = title.empty() ? quoted("我的课程") : quoted(title);
    const std::string en = title.empty() ? quoted("My lessons") : quoted(title);
    return "{\n"
           "  \"format\": 1,\n"
           "  \"id\": " + quoted(id) + ",\n"
           "  \"version\": \"1.0.0\",\n"
           "  \"publisher\": " + quoted(publisher) + ",\n"
           "  \"min_app_version\": \"0.1.0\",\n"
           "  \"title\":   {\"zh-CN\": " + zh + ", \"en\": " + en + "},\n"
           "  \"summary\": {\"zh-CN\": \"学用手机的第一课。\", \"en\": \"A first lesson on using a phone.\"},\n"
           "  \"lessons\": [\"first-lesson\"]\n"
           "}\n";
}

// Kept in step with the example in docs/lesson-pack.md, so the two teach the same shape.
const char* const kLessonJson = R"({
  "id": "first-lesson",
  "title":   {"zh-CN": "第一课：点一点", "en": "First lesson: tapping"},
  "summary": {"zh-CN": "在手机屏幕上点对地方，认出骗局。", "en": "Tap the right place on a phone, and spot a scam."},
  "icon": "phone",
  "minutes": 3,
  "screens": {
    "phone-home": {
      "title": {"zh-CN": "手机", "en": "Phone"},
      "elements": [
        {"id": "greeting", "type": "text", "text": {"zh-CN": "早上好", "en": "Good morning"}},
        {"id": "apps", "type": "app_grid", "items": [
          {"id": "wallet", "icon": "wallet", "text": {"zh-CN": "钱包", "en": "Wallet"}},
          {"id": "chat", "icon": "chat", "text": {"zh-CN": "聊天", "en": "Chat"}},
          {"id": "camera", "icon": "camera", "text": {"zh-CN": "相机", "en": "Camera"}}
        ]}
      ]
    }
  },
  "steps": [
    {
      "say": {"zh-CN": "您好！这一课我们一起学用手机。", "en": "Hello! In this lesson we learn to use a phone together."}
    },
    {
      "say": {"zh-CN": "请点“聊天”。", "en": "Please tap Chat."},
      "screen": "phone-home",
      "action": {"type": "tap", "target": "chat",
                 "hint": {"zh-CN": "聊天在钱包的右边。", "en": "Chat is to the right of Wallet."}}
    },
    {
      "say": {"zh-CN": "有人打电话说您中奖了，要先交钱才能领奖。这是骗局吗？",
              "en": "A caller says you won a prize, but you must pay a fee first. Is this a scam?"},
      "show": {"zh-CN": "这是骗局吗？", "en": "Is this a scam?"},
      "action": {"type": "choose", "answers": [
        {"text": {"zh-CN": "是骗局", "en": "Yes, a scam"}, "correct": true,
         "explain": {"zh-CN": "对！真的奖不用先交钱。挂掉电话。", "en": "Right! A real prize never needs a fee. Hang up."}},
        {"text": {"zh-CN": "不是", "en": "No"}, "correct": false,
         "explain": {"zh-CN": "这是骗局。真的奖不用先交钱。", "en": "It is a scam. A real prize never needs a fee."}}
      ]}
    }
  ]
}
)";

void write_text(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
    out.close();
    if (!out) throw std::runtime_error("could not write " + file.string() + "; is the disk full or read-only?");
}

int run(const std::vector<std::string>& words, std::ostream& out, std::ostream&) {
    const Args args = parse_args(words, {{"--id", "--title", "--publisher"}, {}, 1, 1, "the new pack's FOLDER"});
    if (args.help) {
        out << kHelp;
        return kExitOk;
    }
    const fs::path folder = args.positional[0];
    const std::string id = args.required("--id");
    if (const std::string why = core::pack_rules::pack_id_problem(id); !why.empty())
        throw UsageError("--id " + id + ": " + why);
    std::error_code ec;
    if (fs::exists(folder, ec) && !(fs::is_directory(folder, ec) && fs::is_empty(folder, ec)))
        throw UsageError(folder.string() + " already exists and is not empty; give a new folder name, so nothing is overwritten");

    const fs::path lesson = folder / "lessons" / "first-lesson";
    fs::create_directories(lesson);
    write_text(folder / "pack.json", pack_json(id, args.value("--title"), args.value("--publisher", "My group of volunteers")));
    write_text(lesson / "lesson.json", kLessonJson);

    // Prove the promise "it passes validate" on this computer (its font, too).
    const CheckResult check = check_pack(folder, CheckOptions{});
    print_problems(check.problems, out);
    out << "made " << folder.string() << ": pack.json and lessons/first-lesson/lesson.json (" << summary_line(check) << ")\n"
        << "next: change the words in those two files, then run: qiao-pack validate " << folder.string() << "\n";
    return check.ok() ? kExitOk : kExitFailed;
}

}  // namespace

Command new_command() { return {"new", "make a new small pack to start from", kHelp, run}; }

}  // namespace qiao::tools
