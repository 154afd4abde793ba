// out/index.html for `qiao-pack preview`: plain HTML, no script, so it opens from a USB
// stick in any browser and can be printed for a review meeting.
#include <fstream>
#include <stdexcept>

#include "tools/preview_renderer.hpp"
#include "tools/text_util.hpp"

namespace fs = std::filesystem;

namespace qiao::tools {
namespace {

const char* const kStyle =
    "body{font-family:sans-serif;margin:1em 2em;background:#f4f1ea}"
    "h2{border-top:2px solid #999;padding-top:.5em}"
    ".row{display:flex;flex-wrap:wrap;gap:1em}"
    "figure{margin:0;width:420px}"
    "figure img{width:100%;border:1px solid #888}"
    "figcaption{font-size:1.1em;margin:.2em 0 .8em}";

std::string title_of(const core::LessonPack& pack, const std::string& lesson_id, const std::string& language) {
    for (const core::Lesson& lesson : pack.lessons)
        if (lesson.id == lesson_id) return lesson.title.in(language);
    return lesson_id;
}

}  // namespace

void write_preview_index(const core::LessonPack& pack, const std::vector<PreviewShot>& shots, const fs::path& out) {
    std::string html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" +
                       html_escape(pack.title.in("zh-CN")) + " " + html_escape(pack.version) + " — preview</title><style>" +
                       kStyle + "</style></head><body>\n<h1>" + html_escape(pack.title.in("zh-CN")) + "</h1>\n<p>" +
                       html_escape(pack.id) + " " + html_escape(pack.version) + ", by " + html_escape(pack.publisher) +
                       ". What the kiosk shows, screen by screen, in each language.</p>\n";
    std::string language, lesson;
    bool open_row = false;
    for (const PreviewShot& shot : shots) {
        if (shot.language != language || shot.lesson_id != lesson || !open_row) {
            if (open_row) html += "</div>\n";
            if (shot.language != language) html += "<h2>" + html_escape(shot.language) + "</h2>\n";
            if (!shot.lesson_id.empty())
                html += "<h3>" + html_escape(title_of(pack, shot.lesson_id, shot.language)) + " (" +
                        html_escape(shot.lesson_id) + ")</h3>\n";
            html += "<div class=\"row\">\n";
            open_row = true;
            language = shot.language;
            lesson = shot.lesson_id;
        }
        const std::string src = html_escape(shot.file.generic_string());
        html += "<figure><a href=\"" + src + "\"><img src=\"" + src + "\" alt=\"" + html_escape(shot.caption) +
                "\" loading=\"lazy\"></a><figcaption>" + html_escape(shot.caption) + "</figcaption></figure>\n";
    }
    if (open_row) html += "</div>\n";
    html += "</body></html>\n";

    std::ofstream file(out / "index.html", std::ios::binary);
    file << html;
    file.close();
    if (!file) throw std::runtime_error("could not write " + (out / "index.html").string());
}

}  // namespace qiao::tools
