#include "backoffice/server_options.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

namespace qiao::backoffice {

namespace {

int parse_port(const std::string& text, const std::string& whole) {
    int port = -1;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc{} || end != text.data() + text.size() || port < 0 || port > 65535)
        throw OptionsError("--listen must be HOST:PORT with a port from 0 to 65535, e.g. 0.0.0.0:8470 (found \"" + whole + "\")");
    return port;
}

void apply_listen(ServerOptions& options, const std::string& listen, const std::string& where) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0)
        throw OptionsError(where + "listen must be HOST:PORT, e.g. 0.0.0.0:8470 (found \"" + listen + "\")");
    options.host = listen.substr(0, colon);
    options.port = parse_port(listen.substr(colon + 1), listen);
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// The config file: `key = value` lines (the value may be in "quotes"), `#` comments,
// the keys db and listen. The same shape as the kiosk's kiosk.conf.
void apply_config_file(ServerOptions& options, const std::string& file) {
    std::ifstream in(file);
    if (!in) throw OptionsError("cannot read the config file " + file);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        const std::string where = file + " line " + std::to_string(number) + ": ";
        if (const auto hash = line.find('#'); hash != std::string::npos && line.find('"') > hash) line.resize(hash);
        line = trimmed(line);
        if (line.empty()) continue;
        const auto equals = line.find('=');
        if (equals == std::string::npos) throw OptionsError(where + "expected key = value, e.g. listen = 0.0.0.0:8470");
        const std::string key = trimmed(line.substr(0, equals));
        std::string value = trimmed(line.substr(equals + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        if (key == "db") {
            if (value.empty()) throw OptionsError(where + "db needs a file name, e.g. db = /var/lib/qiao/backoffice.db");
            options.db = value;
        } else if (key == "listen") {
            apply_listen(options, value, where);
        } else {
            throw OptionsError(where + "unknown key \"" + key + "\"; the keys are db and listen");
        }
    }
}

}  // namespace

ServerOptions parse_server_options(const std::vector<std::string>& args) {
    ServerOptions options;
    // The file first, wherever --config stands: flags then override what it says.
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "--config") apply_config_file(options, args[i + 1]);
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
            apply_listen(options, value("0.0.0.0:8470"), "--");
        } else if (flag == "--config") {
            value("/etc/qiao/backoffice.conf");  // read above
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
           "  --config FILE       read db and listen from FILE (key = value lines); flags win\n"
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
