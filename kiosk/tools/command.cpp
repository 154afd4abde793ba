#include "tools/command.hpp"

namespace qiao::tools {

std::vector<Command> all_commands() {
    return {new_command(),  validate_command(), preview_command(), keygen_command(),
            sign_command(), build_command(),    inspect_command()};
}

}  // namespace qiao::tools
