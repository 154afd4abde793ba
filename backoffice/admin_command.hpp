#pragma once
// `qiao-backoffice admin ...`: what a site manager does on the server itself: add a
// site, make a kiosk's one-time enrolment code, revoke a kiosk, give staff their tokens
// and kiosk PINs,
// load a site's timetable, set its kiosks' settings and trusted publishers, publish a
// lesson pack, export the figures. It works on the database file directly, beside a running
// server or without one (SQLite's locking keeps the two apart).
#include <iosfwd>
#include <string>
#include <vector>

namespace qiao::backoffice {

// args: what follows "admin". Returns the exit code: 0 done, 1 refused (the message
// says why), 2 the command itself was wrong (with the usage). A staff PIN is read as
// the first line of `in` (never from args: `ps` shows every user a command's words).
int run_admin(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);
// The same, reading a PIN from standard input.
int run_admin(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

std::string admin_help_text();

}  // namespace qiao::backoffice
