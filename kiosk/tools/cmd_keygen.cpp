// qiao-pack keygen: a publisher's key pair. The secret half signs packs; the public half
// goes to every site that should trust them.
#include "core/lessons/publisher_key.hpp"
#include "tools/cli_args.hpp"
#include "tools/command.hpp"

namespace fs = std::filesystem;

namespace qiao::tools {
namespace {

const char* const kHelp = R"(qiao-pack keygen --name "PUBLISHER NAME" --out BASENAME

Makes a new publisher key pair, as two files:

  BASENAME.key  the SECRET key. With it you sign packs (qiao-pack sign). Keep it
                private: on your own computer and one backup USB stick kept in a
                safe place. Never email it, never put it in a pack, never share it.
                Anyone who has it can make packs that kiosks believe came from you.
  BASENAME.pub  the PUBLIC key. Give it to every site that should install your
                packs; they copy it into the kiosk's trusted-publishers folder.
                It is safe to send by email.

It prints the key's fingerprint, like "3f2a 91c0 5be1 77d4": read it to a site
manager over the phone, so they can check the .pub file they got is yours.

It never replaces existing key files: if you lose the secret key, every site must
be told to trust a new one, so it is worth keeping the old one safe instead.

  --name  who the key belongs to, like "Riverside volunteers" (in quotes)
  --out   where to write, without an ending: --out keys/riverside writes
          keys/riverside.key and keys/riverside.pub

Example:
  qiao-pack keygen --name "Riverside volunteers" --out riverside
)";

int run(const std::vector<std::string>& words, std::ostream& out, std::ostream&) {
    const Args args = parse_args(words, {{"--name", "--out"}, {}, 0, 0});
    if (args.help) {
        out << kHelp;
        return kExitOk;
    }
    const std::string name = args.required("--name");
    std::string base = args.required("--out");
    // "--out riverside.key" surely means the pair "riverside".
    for (const char* ending : {".key", ".pub"})
        if (base.size() > 4 && base.ends_with(ending)) base.resize(base.size() - 4);
    const fs::path secret_file = base + ".key", public_file = base + ".pub";
    std::error_code ec;
    for (const fs::path& file : {secret_file, public_file})
        if (fs::exists(fs::symlink_status(file, ec)))
            throw std::runtime_error(file.string() + " already exists, and keys are never overwritten; choose another --out, "
                                                     "or move the old files somewhere safe first");

    const core::PublisherKeyPair pair = core::generate_keypair(name);
    core::save_secret_key(pair.secret, secret_file);
    core::save_public_key(pair.public_key, public_file);
    out << "made a publisher key for \"" << name << "\", fingerprint " << pair.public_key.fingerprint() << "\n"
        << "  " << secret_file.string() << "  SECRET: signs your packs (qiao-pack sign --key " << secret_file.string()
        << "); keep it private and backed up, never share it\n"
        << "  " << public_file.string() << "  public: give it to each site; they copy it into the kiosk's trusted-publishers folder\n";
    return kExitOk;
}

}  // namespace

Command keygen_command() { return {"keygen", "make your publisher key pair (once)", kHelp, run}; }

}  // namespace qiao::tools
