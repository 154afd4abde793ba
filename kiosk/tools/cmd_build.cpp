// qiao-pack build: one .qpack file carrying the pack, for a USB stick or a download. Only
// a pack that validates is built, so a site never receives one its kiosk would refuse.
#include <algorithm>

#include "core/lessons/pack_archive.hpp"
#include "tools/cli_args.hpp"
#include "tools/command.hpp"
#include "tools/pack_check.hpp"
#include "tools/text_util.hpp"

namespace fs = std::filesystem;

namespace qiao::tools {
namespace {

const char* const kHelp = R"(qiao-pack build FOLDER --out FILE.qpack [--trust KEYFILE.pub ...]

Packs the whole pack folder into one file, FILE.qpack, to carry to kiosks on a USB
stick or to send. A site installs it with: qiao-kiosk --install-pack FILE.qpack

It checks the pack first, as qiao-pack validate does (and, when the pack is
signed, that nothing changed since), and builds nothing if there is an error.
An unsigned pack is built too, for trying out on a kiosk in development mode,
with a reminder: kiosks refuse unsigned packs otherwise. Sign before you build.

  --out FILE.qpack    the file to write (replaced if it is there already). Put it
                      outside the pack folder.
  --trust KEYFILE.pub also require the signature to be made with this key

Example:
  qiao-pack build my-pack --out /media/usb/phone-basics-1.0.0.qpack
)";

bool inside(const fs::path& file, const fs::path& folder) {
    const fs::path f = fs::weakly_canonical(fs::absolute(file)), d = fs::weakly_canonical(fs::absolute(folder));
    const auto [end, _] = std::mismatch(d.begin(), d.end(), f.begin(), f.end());
    return end == d.end();
}

int run(const std::vector<std::string>& words, std::ostream& out, std::ostream&) {
    const Args args = parse_args(words, {{"--out", "--trust"}, {}, 1, 1, "the pack FOLDER"});
    if (args.help) {
        out << kHelp;
        return kExitOk;
    }
    const fs::path folder = args.positional[0];
    require_folder(folder);
    const fs::path archive = args.required("--out");
    // Written inside the pack, the archive would become a file of the pack itself.
    if (inside(archive, folder))
        throw UsageError("--out " + archive.string() + " is inside the pack folder; write the .qpack somewhere else");
    CheckOptions options;
    try {
        options.trusted = load_keys(args.all("--trust"));
    } catch (const std::exception& e) {
        throw UsageError(e.what());
    }
    const CheckResult check = check_pack(folder, options);
    print_problems(check.problems, out);
    if (!check.ok()) {
        out << summary_line(check) << "\nnot built: fix the errors above first\n";
        return kExitFailed;
    }
    core::build_archive(folder, archive);
    std::error_code ec;
    const auto size = fs::file_size(archive, ec);
    out << "built " << archive.string() << " (" << human_size(ec ? 0 : size) << ") from " << folder.string() << ": "
        << summary_line(check) << "\n";
    if (!check.signature)
        out << "note: this pack is not signed; kiosks install it only in development mode. "
               "Sign it with qiao-pack sign, then build again.\n";
    return kExitOk;
}

}  // namespace

Command build_command() { return {"build", "pack a checked folder into one .qpack file", kHelp, run}; }

}  // namespace qiao::tools
