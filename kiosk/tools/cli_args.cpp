#include "tools/cli_args.hpp"

namespace qiao::tools {

std::string Args::value(const std::string& option, const std::string& fallback) const {
    const auto it = values.find(option);
    return it == values.end() || it->second.empty() ? fallback : it->second.back();
}

std::string Args::required(const std::string& option) const {
    const auto it = values.find(option);
    if (it == values.end() || it->second.empty()) throw UsageError(option + " is needed");
    return it->second.back();
}

const std::vector<std::string>& Args::all(const std::string& option) const {
    static const std::vector<std::string> none;
    const auto it = values.find(option);
    return it == values.end() ? none : it->second;
}

Args parse_args(const std::vector<std::string>& words, const ArgSpec& spec) {
    Args args;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (word == "--help" || word == "-h") {
            args.help = true;
            return args;
        }
        if (word.size() > 1 && word[0] == '-') {
            // "--out=x" is accepted too: some people type it that way from habit.
            const auto eq = word.find('=');
            const std::string name = word.substr(0, eq);
            if (spec.with_value.count(name)) {
                std::string value;
                if (eq != std::string::npos) value = word.substr(eq + 1);
                else if (i + 1 < words.size()) value = words[++i];
                else throw UsageError(name + " needs a value after it");
                if (value.empty()) throw UsageError(name + " needs a value after it");
                args.values[name].push_back(value);
            } else if (spec.flags.count(name) && eq == std::string::npos) {
                args.flags.insert(name);
            } else {
                throw UsageError("'" + word + "' is not an option of this command");
            }
            continue;
        }
        args.positional.push_back(word);
    }
    if (args.positional.size() < spec.min_positional) throw UsageError(spec.positional_name + " is needed");
    if (args.positional.size() > spec.max_positional)
        throw UsageError("too many words: '" + args.positional[spec.max_positional] + "' is not expected here");
    return args;
}

}  // namespace qiao::tools
