// qiao-pack preview: pictures of every screen of a pack, drawn by the real kiosk, so an
// author sees exactly what a senior will see, in every language, without a kiosk at hand.
#include <algorithm>
#include <charconv>

#include "app/resource_paths.hpp"
#include "core/i18n/catalog.hpp"
#include "core/lessons/pack_hashes.hpp"
#include "core/lessons/pack_text.hpp"
#include "tools/cli_args.hpp"
#include "tools/command.hpp"
#include "tools/pack_check.hpp"
#include "tools/preview_renderer.hpp"
#include "tools/text_util.hpp"

namespace fs = std::filesystem;

namespace qiao::tools {
namespace {

const char* const kHelp = R"(qiao-pack preview FOLDER --out PICTURES [--lang CODE ...] [--size WxH]

Draws every screen of every lesson of the pack, exactly as a kiosk draws it, and
saves each as a picture (PNG), so you can look at your lessons without a kiosk:

  PICTURES/index.html                    open this in a web browser to see them all
  PICTURES/zh-CN/lessons.png             the lesson list
  PICTURES/zh-CN/first-lesson/step-01.png  each step, in order
  PICTURES/zh-CN/first-lesson/done.png   the "well done" screen at the end

It checks the pack first, as qiao-pack validate does, and draws nothing if there is
an error. Nothing is installed on this computer: the pictures are all it leaves.

  --out PICTURES  the folder for the pictures (made if needed)
  --lang CODE     only this language, e.g. --lang en (give it more than once for
                  several); without it, every language the pack has text in
  --size WxH      the kiosk screen's size in pixels, e.g. --size 1920x1080 or,
                  for an upright screen, --size 800x1280 (default 1280x800)

Example:
  qiao-pack preview my-pack --out my-pack-pictures --lang zh-CN
)";

void parse_size(const std::string& text, int& w, int& h) {
    const auto x = text.find('x');
    const auto number = [&](std::string_view part, int& value) {
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
        return ec == std::errc() && end == part.data() + part.size() && value >= 320 && value <= 7680;
    };
    if (x == std::string::npos || !number(std::string_view(text).substr(0, x), w) ||
        !number(std::string_view(text).substr(x + 1), h))
        throw UsageError("--size " + text + " is not a size; write width x height in pixels, like 1280x800 (320 to 7680 each)");
}

// The languages to draw: those asked for, or the pack's; each must be one the kiosk offers.
std::vector<std::string> choose_languages(const core::LessonPack& pack, const std::vector<std::string>& asked,
                                          std::ostream& out) {
    const core::Catalog catalog = core::Catalog::load(app::find_resources() / "i18n");
    std::vector<std::string> offered;
    for (const auto& l : catalog.languages()) offered.push_back(l.code);
    std::vector<std::string> chosen;
    for (const std::string& code : asked.empty() ? core::pack_languages(pack) : asked) {
        if (catalog.language(code)) {
            if (std::find(chosen.begin(), chosen.end(), code) == chosen.end()) chosen.push_back(code);
        } else if (!asked.empty()) {
            throw UsageError("--lang " + code + ": the kiosk does not offer this language; it offers: " + join(offered));
        } else {
            out << "note: the pack has text in '" << code << "', but the kiosk does not offer that language yet, "
                << "so no pictures are drawn for it (it offers: " << join(offered) << ")\n";
        }
    }
    return chosen;
}

int run(const std::vector<std::string>& words, std::ostream& out, std::ostream& err) {
    const Args args = parse_args(words, {{"--out", "--lang", "--size"}, {}, 1, 1, "the pack FOLDER"});
    if (args.help) {
        out << kHelp;
        return kExitOk;
    }
    PreviewOptions options;
    options.pack_folder = args.positional[0];
    require_folder(options.pack_folder);
    options.out = args.required("--out");
    if (args.has("--size")) parse_size(args.value("--size"), options.width, options.height);

    const CheckResult check = check_pack(options.pack_folder, CheckOptions{});
    print_problems(check.problems, out);
    if (!check.ok() || !check.pack) {
        out << summary_line(check) << "\nno pictures drawn: fix the errors above first\n";
        return kExitFailed;
    }
    options.languages = choose_languages(*check.pack, args.all("--lang"), out);
    // A signed pack shows as it will on any kiosk; an unsigned one only in development
    // mode, whose notice on every step the pictures then show too.
    std::error_code ec;
    options.show_unsigned_notice = !fs::exists(fs::symlink_status(options.pack_folder / core::kSignatureFileName, ec));
    fs::create_directories(options.out);

    const std::vector<PreviewShot> shots = render_preview(*check.pack, options, err);
    write_preview_index(*check.pack, shots, options.out);
    out << "wrote " << count(shots.size(), "picture", "pictures") << " in " << join(options.languages) << " to "
        << options.out.string() << "; open " << (options.out / "index.html").string() << " in a web browser to see them\n";
    return kExitOk;
}

}  // namespace

Command preview_command() { return {"preview", "draw every screen of the pack as pictures, to look at", kHelp, run}; }

}  // namespace qiao::tools
