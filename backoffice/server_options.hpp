#pragma once
// ServerOptions: how qiao-backoffice is started: --config FILE (db and listen, as
// `key = value` lines; docs/sync-protocol.md, "Running the back office"), then flags
// that override it: --db FILE, --listen HOST:PORT, --help, --version. A bad flag or
// line is one plain sentence naming it and what is allowed.
#include <stdexcept>
#include <string>
#include <vector>

namespace qiao::backoffice {

class OptionsError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ServerOptions {
    std::string db = "qiao-backoffice.db";  // the server's SQLite file, made if missing
    std::string host = "127.0.0.1";         // loopback unless told: a site opens it on purpose
    int port = 8470;                        // 0: any free port (tests); the one taken is printed
    bool show_help = false;
    bool show_version = false;
};

ServerOptions parse_server_options(const std::vector<std::string>& args);  // without argv[0]
std::string server_help_text();

}  // namespace qiao::backoffice
