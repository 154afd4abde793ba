#pragma once
// The command line of one qiao-pack subcommand: positional words and "--name value"
// options. Mistakes become UsageError (exit code 2) with one plain line, because the
// people typing these commands are volunteers, not programmers.
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace qiao::tools {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ArgSpec {
    std::set<std::string> with_value;  // options followed by a value, e.g. "--out"
    std::set<std::string> flags;       // options on their own, e.g. "--force"
    std::size_t min_positional = 0;
    std::size_t max_positional = 0;
    std::string positional_name = "FOLDER";  // for "needs FOLDER" messages
};

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::vector<std::string>> values;  // an option may be given more than once
    std::set<std::string> flags;
    bool help = false;  // --help or -h: nothing else is checked

    bool has(const std::string& option) const { return values.count(option) > 0 || flags.count(option) > 0; }
    // The last value given for option, or fallback.
    std::string value(const std::string& option, const std::string& fallback = "") const;
    // Throws UsageError naming the option when it was not given.
    std::string required(const std::string& option) const;
    const std::vector<std::string>& all(const std::string& option) const;
};

// Throws UsageError for an unknown option, a missing value or the wrong number of words.
Args parse_args(const std::vector<std::string>& words, const ArgSpec& spec);

}  // namespace qiao::tools
