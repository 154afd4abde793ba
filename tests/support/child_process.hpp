#pragma once
// ChildProcess: a program the test starts, can SIGKILL at any instant, and always
// reaps (the destructor kills what is still running). For the tests that kill the
// kiosk's core or the back office itself, rather than an in-process server.
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace qiao::testing {

class ChildProcess {
public:
    // Starts argv[0] with the arguments; stdout goes to a pipe (first_line() reads it),
    // stderr to the test's own. Throws std::runtime_error if it cannot start.
    explicit ChildProcess(const std::vector<std::string>& argv);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    // The first line the program writes to stdout ("" if it closed stdout first).
    std::string first_line();
    void kill(int signal);
    // Waits for it to end: its exit code, or 128 + the signal that ended it.
    int wait();
    // The exit code if it has ended already, else nullopt.
    std::optional<int> poll();

private:
    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    std::optional<int> status_;
};

// `qiao-backoffice --db DB --listen 127.0.0.1:PORT` as its own process; port 0 picks one
// the first time, and restart() comes back on the same port.
class BackofficeProcess {
public:
    BackofficeProcess(std::string program, std::string db, int port = 0);
    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    void kill_hard();  // SIGKILL, mid-whatever it was doing
    void restart();
    // `qiao-backoffice admin --db DB args...`: its stdout, trimmed; throws unless exit 0.
    std::string admin(const std::vector<std::string>& args) const;

private:
    void start();
    std::string program_, db_;
    int port_;
    std::optional<ChildProcess> process_;
};

// Runs a program to its end; its exit code (128 + signal if killed).
int run_program(const std::vector<std::string>& argv);

}  // namespace qiao::testing
