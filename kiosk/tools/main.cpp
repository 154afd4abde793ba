// qiao-pack: the authoring tool for Qiao lesson packs. `qiao-pack help` lists the
// subcommands; docs/qiao-pack.md walks through them. This file only picks the
// subcommand and turns what goes wrong into one plain line and an exit code.
#include <iostream>
#include <string>
#include <vector>

#include "tools/cli_args.hpp"
#include "tools/command.hpp"

namespace {

using namespace qiao::tools;

void print_overview(std::ostream& out) {
    out << "qiao-pack: make, check, sign and package Qiao lesson packs.\n\n"
           "Usage: qiao-pack COMMAND [what it needs]\n\nCommands, in the order you use them:\n";
    for (const Command& c : all_commands()) {
        std::string name = c.name;
        name.resize(10, ' ');
        out << "  " << name << c.summary << "\n";
    }
    out << "\n`qiao-pack COMMAND --help` explains one command, with examples.\n"
           "The whole way, from a new pack to a signed .qpack file on a USB stick, is in docs/qiao-pack.md.\n";
}

int dispatch(const std::vector<std::string>& words) {
    if (words.empty() || words[0] == "help" || words[0] == "--help" || words[0] == "-h") {
        if (words.size() > 1) {
            // `qiao-pack help sign` reads naturally too.
            for (const Command& c : all_commands())
                if (words[1] == c.name) return std::cout << c.help, kExitOk;
        }
        print_overview(std::cout);
        return words.empty() ? kExitUsage : kExitOk;
    }
    if (words[0] == "--version") return std::cout << "qiao-pack " << QIAO_VERSION << "\n", kExitOk;
    for (const Command& c : all_commands()) {
        if (words[0] != c.name) continue;
        const std::vector<std::string> rest(words.begin() + 1, words.end());
        try {
            return c.run(rest, std::cout, std::cerr);
        } catch (const UsageError& e) {
            std::cerr << "qiao-pack " << c.name << ": " << e.what() << " (see: qiao-pack " << c.name << " --help)\n";
            return kExitUsage;
        } catch (const std::exception& e) {
            std::cout.flush();
            std::cerr << "qiao-pack " << c.name << ": " << e.what() << "\n";
            return kExitFailed;
        }
    }
    std::cerr << "qiao-pack: there is no command '" << words[0] << "'; `qiao-pack help` lists them\n";
    return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return dispatch(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const std::exception& e) {
        std::cerr << "qiao-pack: " << e.what() << "\n";
        return kExitFailed;
    }
}
