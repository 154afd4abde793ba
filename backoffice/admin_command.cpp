#include "backoffice/admin_command.hpp"

#include <termios.h>
#include <unistd.h>

#include <charconv>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "backoffice/api_error.hpp"
#include "backoffice/back_office.hpp"
#include "backoffice/figures_export.hpp"
#include "backoffice/pack_catalogue.hpp"
#include "backoffice/server_options.hpp"
#include "backoffice/site_settings.hpp"
#include "backoffice/site_trusted_keys.hpp"
#include "core/lessons/durable_fs.hpp"
#include "core/lessons/pack_error.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::backoffice {

namespace {

// "--name value" pairs and the words left over, in order.
struct AdminArgs {
    std::map<std::string, std::string> flags;
    std::vector<std::string> words;
};

// Flags that stand alone, without a value.
bool switch_flag(const std::string& arg) { return arg == "--pin-stdin"; }

AdminArgs split(const std::vector<std::string>& args) {
    AdminArgs split;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--pin" || args[i].starts_with("--pin="))
            throw OptionsError("a PIN is never given on the command line (ps shows it to everyone): use --pin-stdin");
        if (switch_flag(args[i])) {
            split.flags[args[i].substr(2)] = "yes";
        } else if (args[i].starts_with("--")) {
            if (i + 1 >= args.size()) throw OptionsError(args[i] + " needs a value");
            split.flags[args[i].substr(2)] = args[i + 1];
            ++i;
        } else {
            split.words.push_back(args[i]);
        }
    }
    return split;
}

std::string flag(const AdminArgs& args, const std::string& name) {
    const auto it = args.flags.find(name);
    if (it == args.flags.end() || it->second.empty()) throw OptionsError("this needs --" + name);
    return it->second;
}

int whole_hours(const AdminArgs& args) {
    const auto it = args.flags.find("valid-hours");
    if (it == args.flags.end()) return 24;
    int hours = 0;
    const auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), hours);
    if (ec != std::errc{} || end != it->second.data() + it->second.size() || hours < 1 || hours > 24 * 30)
        throw OptionsError("--valid-hours is a whole number of hours from 1 to 720");
    return hours;
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void list_kiosks(core::Database& db, std::ostream& out) {
    core::Statement select(db, "SELECT id, site_id, name, enrolled_at, COALESCE(revoked_at, '') FROM kiosks ORDER BY site_id, id");
    while (select.step()) {
        out << select.column_text(0) << "  site " << select.column_text(1) << "  \"" << select.column_text(2)
            << "\"  enrolled " << select.column_text(3);
        if (!select.column_text(4).empty()) out << "  REVOKED " << select.column_text(4);
        out << "\n";
    }
}

std::string optional_flag(const AdminArgs& args, const std::string& name) {
    const auto it = args.flags.find(name);
    return it == args.flags.end() ? std::string() : it->second;
}

// "key=value" words, in order. A word without '=' is a mistake in the command itself.
std::vector<std::pair<std::string, std::string>> setting_words(const std::vector<std::string>& words) {
    std::vector<std::pair<std::string, std::string>> settings;
    for (const std::string& word : words) {
        const auto equals = word.find('=');
        if (equals == std::string::npos || equals == 0)
            throw OptionsError("write each setting as key=value (found \"" + word.substr(0, 64) + "\")");
        settings.emplace_back(word.substr(0, equals), word.substr(equals + 1));
    }
    return settings;
}

// The first line of `in`, without its line end. At a terminal the typing is not
// shown, as for a password.
std::string read_pin(std::istream& in) {
    const bool terminal = &in == &std::cin && isatty(STDIN_FILENO);
    termios before{};
    if (terminal && tcgetattr(STDIN_FILENO, &before) == 0) {
        termios quiet = before;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        std::cerr << "staff PIN (6 digits): " << std::flush;
    }
    std::string line;
    std::getline(in, line);
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &before);
        std::cerr << "\n";
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

void add_staff(const AdminArgs& args, BackOffice& office, std::istream& in, std::ostream& out, Clock::time_point now) {
    std::optional<std::string> pin;
    if (args.flags.count("pin-stdin")) pin = read_pin(in);
    const StaffToken staff = office.roster().add(flag(args, "site"), flag(args, "name"), flag(args, "role"), pin, now);
    out << staff.token << "\n";
    std::cerr << "staff " << staff.staff_id << " added" << (pin ? " with a kiosk PIN" : "")
              << "; the token above is shown once; the site's kiosks get them on their next sync\n";
}

void list_staff(const AdminArgs& args, BackOffice& office, std::ostream& out) {
    for (const StaffMember& member : office.roster().members(optional_flag(args, "site"))) {
        out << member.id << "  site " << member.site_id << "  \"" << member.name << "\"  " << member.role << "  "
            << (member.pin_hash.empty() ? "no PIN" : "PIN set") << "  " << member.hours_minutes / 60 << " h "
            << member.hours_minutes % 60 << " min served";
        if (!member.active) out << "  REVOKED";
        out << "\n";
    }
}

void site_settings(const AdminArgs& args, BackOffice& office, std::ostream& out) {
    const std::string site = flag(args, "site");
    const auto changes = setting_words({args.words.begin() + 1, args.words.end()});
    const auto settings = changes.empty() ? site_settings_of(office.db(), site)
                                          : SiteSettings(office.db(), office.feed()).set(site, changes);
    out << "settings of site " << site << (changes.empty() ? "" : " (its kiosks get them on their next sync)") << ":\n";
    if (settings.empty()) out << "  none: its kiosks use their own\n";
    for (const auto& [key, value] : settings) out << "  " << key << " = " << value << "\n";
}

void publish_pack(const AdminArgs& args, BackOffice& office, std::ostream& out, Clock::time_point now) {
    const std::string site = flag(args, "site"), file = args.words[2];
    PublishedPack pack;
    try {
        PackCatalogue catalogue(office.db(), office.feed(), PackShelf::beside(office.db().path()));
        pack = catalogue.publish(site, file, now);
    } catch (const core::PackError& e) {
        throw std::runtime_error(file + " was not published: " + e.what());
    }
    out << "published " << pack.id << " " << pack.version << " (\"" << pack.title << "\", " << pack.size
        << " bytes, sha256 " << pack.sha256 << ") to site " << site;
    if (!pack.replaced_version.empty()) out << ", in place of " << pack.replaced_version;
    out << "; kiosks download it on their next sync\n";
    for (const std::string& note : pack.notes) out << "note: " << note << "\n";
}

void export_figures(const AdminArgs& args, BackOffice& office, std::ostream& out) {
    const std::string format = flag(args, "format");
    if (format != "csv" && format != "json") throw OptionsError("--format is csv or json");
    const FiguresQuery query{optional_flag(args, "site"), optional_flag(args, "from"), optional_flag(args, "to")};
    const std::vector<SiteReport> reports = SiteFigures(office.db()).collect(query);
    const std::string text = format == "csv" ? figures_csv(reports) : figures_json(reports, query).dump(2) + "\n";
    const std::string file = optional_flag(args, "out");
    if (file.empty()) {
        out << text;
        return;
    }
    core::write_file_atomically(file, text);
    out << "figures of " << reports.size() << (reports.size() == 1 ? " site" : " sites") << " written to " << file << "\n";
}

int run(const AdminArgs& args, BackOffice& office, std::istream& in, std::ostream& out) {
    const auto now = Clock::now();
    const std::vector<std::string>& w = args.words;
    const std::string verb = w.empty() ? "" : w[0];
    if (verb == "site" && w.size() == 4 && w[1] == "add") {
        office.enrolment().add_site(w[2], w[3], now);
        out << "site " << w[2] << " (\"" << w[3] << "\") is ready\n";
    } else if (verb == "enrolment-code" && w.size() == 1) {
        const int hours = whole_hours(args);
        const std::string code = office.enrolment().make_code(flag(args, "site"), std::chrono::hours(hours), now);
        out << code << "\n";
        std::cerr << "one-time enrolment code for site " << flag(args, "site") << ", valid for " << hours
                  << " hours: on the kiosk, qiao-kiosk --enroll URL " << code << "\n";
    } else if (verb == "kiosks" && w.size() == 1) {
        list_kiosks(office.db(), out);
    } else if (verb == "revoke" && w.size() == 2) {
        office.enrolment().revoke_kiosk(w[1], now);
        out << "kiosk " << w[1] << " is revoked: its next sync is refused\n";
    } else if (verb == "staff" && w.size() == 2 && w[1] == "add") {
        add_staff(args, office, in, out, now);
    } else if (verb == "staff" && w.size() == 3 && w[1] == "pin") {
        office.roster().set_pin(w[2], read_pin(in));
        out << "staff " << w[2] << " has a new PIN; the site's kiosks take it on their next sync\n";
    } else if (verb == "staff" && w.size() == 2 && w[1] == "list") {
        list_staff(args, office, out);
    } else if (verb == "staff" && w.size() == 3 && w[1] == "revoke") {
        office.roster().revoke(w[2], now);
        out << "staff " << w[2] << " is revoked: their token is refused, and the site's kiosks no longer take their PIN "
            << "from their next sync\n";
    } else if (verb == "services" && w.size() == 2) {
        office.timetables().load(flag(args, "site"), read_text_file(w[1]), w[1], now);
        out << "timetable of site " << flag(args, "site") << " loaded from " << w[1] << "; kiosks get it on their next sync\n";
    } else if (verb == "settings") {
        site_settings(args, office, out);
    } else if (verb == "trust-key" && w.size() == 2) {
        const core::PublisherKey key = SiteTrustedKeys(office.db(), office.feed()).trust(flag(args, "site"), w[1]);
        out << "site " << flag(args, "site") << " now trusts \"" << key.name << "\" (key " << key.fingerprint()
            << "); kiosks get it on their next sync\n";
    } else if (verb == "pack" && w.size() == 3 && w[1] == "publish") {
        publish_pack(args, office, out, now);
    } else if (verb == "export" && w.size() == 1) {
        export_figures(args, office, out);
    } else {
        throw OptionsError(verb.empty() ? "say what to do" : "unknown admin command \"" + verb + "\" or wrong words after it");
    }
    return 0;
}

}  // namespace

std::string admin_help_text() {
    return "qiao-backoffice admin --db FILE COMMAND\n"
           "\n"
           "  site add ID NAME                          add a site (or rename it)\n"
           "  enrolment-code --site ID [--valid-hours N] a one-time code a kiosk enrols with (default 24 h)\n"
           "  kiosks                                    list enrolled kiosks\n"
           "  revoke KIOSK_ID                           refuse a kiosk's token from now on\n"
           "  staff add --site ID --name NAME --role volunteer|manager [--pin-stdin]\n"
           "                                            print a staff token (shown once); with --pin-stdin,\n"
           "                                            the kiosk PIN (6 digits) is the first line of stdin\n"
           "  staff pin STAFF_ID                        a new kiosk PIN, the first line of stdin\n"
           "  staff list [--site ID]                    list staff, with PIN set or not and hours served\n"
           "  staff revoke STAFF_ID                     refuse a staff token and kiosk PIN from now on\n"
           "  services --site ID FILE                   load the site's timetable (docs/services-file.md)\n"
           "  settings --site ID [KEY=VALUE ...]        set the site's kiosk settings (docs/configuration.md), or show them\n"
           "  trust-key --site ID FILE.pub              let the site's kiosks install packs signed with this key\n"
           "  pack publish --site ID FILE.qpack         check a lesson pack and offer it to the site's kiosks\n"
           "  export [--site ID] --format csv|json [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out FILE]\n"
           "                                            the figures of one site, or of all\n";
}

int run_admin(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return run_admin(args, std::cin, out, err);
}

int run_admin(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    AdminArgs parsed;
    try {
        parsed = split(args);
        if (parsed.words.empty() || parsed.words[0] == "help" || parsed.flags.count("help")) {
            out << admin_help_text();
            return parsed.words.empty() ? 2 : 0;
        }
        const std::string db = parsed.flags.count("db") ? parsed.flags["db"] : ServerOptions{}.db;
        BackOffice office(db);
        return run(parsed, office, in, out);
    } catch (const OptionsError& e) {
        err << "qiao-backoffice admin: " << e.what() << "\n\n" << admin_help_text();
        return 2;
    } catch (const core::ScheduleError& e) {
        err << "qiao-backoffice admin: the timetable was not loaded: " << e.what() << "\n";
        for (const core::ScheduleProblem& p : e.problems()) err << "  " << p.where << ": " << p.what << "\n";
        return 1;
    } catch (const std::exception& e) {
        err << "qiao-backoffice admin: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace qiao::backoffice
