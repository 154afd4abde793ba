#include "backoffice/server_options.hpp"

#include <charconv>

namespace qiao::backoffice {

namespace {

int parse_port(const std::string& text, const std::string& whole) {
    int port = -1;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc{} || end != text.data() + text.size() || port < 0 || port > 65535)
        throw OptionsError("--listen must be HOST:PORT with a port from 0 to 65535, e.g. 0.0.0.0:8470 (found \"" + whole + "\")");
    return port;
}

}  // namespace

ServerOptions parse_server_options(const std::vector<std::string>& args) {
    ServerOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& flag = args[i];
        auto value = [&](const char* example) {
            if (i + 1 >= args.size()) throw OptionsError(flag + " needs a value, e.g. " + flag + " " + example);
            return args[++i];
        };
        if (flag == "--db") {
            options.db = value("/var/lib/qiao/backoffice.db");
            if (options.db.empty()) throw OptionsError("--db needs a file name, e.g. --db /var/lib/qiao/backoffice.db");
        } else if (flag == "--listen") {
            const std::string listen = value("0.0.0.0:8470");
            const auto colon = listen.rfind(':');
            if (colon == std::string::npos || colon == 0)
                throw OptionsError("--listen must be HOST:PORT, e.g. 0.0.0.0:8470 (found \"" + listen + "\")");
            options.host = listen.substr(0, colon);
            options.port = parse_port(listen.substr(colon + 1), listen);
        } else if (flag == "--help") {
            options.show_help = true;
        } else if (flag == "--version") {
            options.show_version = true;
        } else {
            throw OptionsError("unknown option " + flag + "; see qiao-backoffice --help");
        }
    }
    return options;
}

std::string server_help_text() {
    return "qiao-backoffice: the server Qiao kiosks sync with\n"
           "\n"
           "  --db FILE           the server's SQLite file (made if missing; default qiao-backoffice.db)\n"
           "  --listen HOST:PORT  where to answer (default 127.0.0.1:8470; port 0 picks a free one)\n"
           "  --help              show this help and stop\n"
           "  --version           show the version and stop\n"
           "\n"
           "  admin ...           the site manager's commands (qiao-backoffice admin help)\n"
           "\n"
           "GET /api/v1/health answers {\"status\":\"ok\",\"version\":...} without a token;\n"
           "the rest of the API is in docs/sync-protocol.md.\n";
}

}  // namespace qiao::backoffice
