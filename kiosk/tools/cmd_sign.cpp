// qiao-pack sign: seals a checked pack with the publisher's secret key. Only a pack with no
// errors is signed: a signature says "this is what I meant to publish".
#include "core/lessons/pack_hashes.hpp"
#include "core/lessons/pack_signature.hpp"
#include "core/lessons/publisher_key.hpp"
#include "tools/cli_args.hpp"
#include "tools/command.hpp"
#include "tools/pack_check.hpp"

namespace fs = std::filesystem;

namespace qiao::tools {
namespace {

const char* const kHelp = R"(qiao-pack sign FOLDER --key BASENAME.key

Signs a pack with your secret publisher key (made once with qiao-pack keygen). It
writes the file SIGNATURE into the pack: a list of every file with a fingerprint of
its contents, sealed with your key. Kiosks install only packs signed by a publisher
their site trusts, and refuse a pack in which any file changed after signing.

It checks the pack first, exactly as qiao-pack validate does, and refuses to sign
a pack with errors. Sign last: any change after signing, even one comma, needs a
new signature (run this again; it replaces the old SIGNATURE).

  --key BASENAME.key  your SECRET key file

Example:
  qiao-pack sign my-pack --key riverside.key
)";

fs::path key_file(const std::string& given) {
    if (given.ends_with(".pub"))
        throw UsageError(given + " is the public key; sign with the secret one, the .key file made with it");
    std::error_code ec;
    // "--key riverside" names the pair; the secret half is meant.
    if (!fs::exists(given, ec) && fs::exists(given + ".key", ec)) return given + ".key";
    return given;
}

int run(const std::vector<std::string>& words, std::ostream& out, std::ostream&) {
    const Args args = parse_args(words, {{"--key"}, {}, 1, 1, "the pack FOLDER"});
    if (args.help) {
        out << kHelp;
        return kExitOk;
    }
    const fs::path folder = args.positional[0];
    require_folder(folder);
    const fs::path key_path = key_file(args.required("--key"));

    CheckOptions options;
    options.check_signature = false;  // an old signature is about to be replaced
    const CheckResult check = check_pack(folder, options);
    print_problems(check.problems, out);
    if (!check.ok()) {
        out << summary_line(check) << "\n"
            << "not signed: fix the errors above first (qiao-pack validate " << folder.string() << " shows them again)\n";
        return kExitFailed;
    }
    const core::PublisherSecretKey key = core::load_secret_key(key_path);
    std::error_code ec;
    const bool replacing = fs::exists(fs::symlink_status(folder / core::kSignatureFileName, ec));
    const std::vector<core::PackFile> files = core::sign_pack(folder, key);
    out << "signed " << folder.string() << ": " << count(files.size(), "file", "files") << ", by \"" << key.name
        << "\", key fingerprint " << key.public_key().fingerprint() << (replacing ? " (the old SIGNATURE was replaced)" : "")
        << "\n"
        << "next: qiao-pack build " << folder.string() << " --out PACKNAME.qpack\n";
    return kExitOk;
}

}  // namespace

Command sign_command() { return {"sign", "sign a checked pack with your secret key", kHelp, run}; }

}  // namespace qiao::tools
