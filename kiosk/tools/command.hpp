#pragma once
// One qiao-pack subcommand: its name, its help, and what it does. Each lives in its own
// cmd_*.cpp; main.cpp only picks one by name and turns exceptions into exit codes.
#include <ostream>
#include <string>
#include <vector>

namespace qiao::tools {

// Exit codes, the same for every subcommand, so scripts can tell them apart.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // the pack (or a file) has a problem
inline constexpr int kExitUsage = 2;   // the command was typed wrongly

struct Command {
    const char* name;
    const char* summary;  // one line, for `qiao-pack help`
    const char* help;     // the whole `qiao-pack NAME --help` text
    // Throws UsageError for a mistyped command; any other exception is a plain failure.
    int (*run)(const std::vector<std::string>& words, std::ostream& out, std::ostream& err);
};

Command new_command();
Command validate_command();
Command keygen_command();
Command sign_command();
Command build_command();
Command inspect_command();
Command preview_command();

// In the order `qiao-pack help` lists them: the order an author uses them.
std::vector<Command> all_commands();

}  // namespace qiao::tools
