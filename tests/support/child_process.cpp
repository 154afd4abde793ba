#include "support/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace qiao::testing {

namespace {

int decode(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv) {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("cannot make a pipe for " + argv.at(0));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    stdout_fd_ = pipe_fds[0];
    if (rc != 0) {
        ::close(stdout_fd_);
        throw std::runtime_error("cannot start " + argv.at(0));
    }
}

ChildProcess::~ChildProcess() {
    if (!status_) {
        ::kill(pid_, SIGKILL);
        wait();
    }
    ::close(stdout_fd_);
}

std::string ChildProcess::first_line() {
    std::string line;
    char c;
    while (::read(stdout_fd_, &c, 1) == 1 && c != '\n') line += c;
    return line;
}

void ChildProcess::kill(int signal) {
    if (!status_) ::kill(pid_, signal);
}

int ChildProcess::wait() {
    if (!status_) {
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        status_ = decode(status);
    }
    return *status_;
}

std::optional<int> ChildProcess::poll() {
    if (!status_) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) status_ = decode(status);
    }
    return status_;
}

BackofficeProcess::BackofficeProcess(std::string program, std::string db, int port)
    : program_(std::move(program)), db_(std::move(db)), port_(port) {
    start();
}

void BackofficeProcess::start() {
    process_.emplace(std::vector<std::string>{program_, "--db", db_, "--listen", "127.0.0.1:" + std::to_string(port_)});
    const std::string line = process_->first_line();
    std::smatch match;
    if (!std::regex_search(line, match, std::regex("listening on [0-9.]+:([0-9]+)")))
        throw std::runtime_error("qiao-backoffice did not start: \"" + line + "\"");
    port_ = std::stoi(match[1]);
}

void BackofficeProcess::kill_hard() {
    process_->kill(SIGKILL);
    process_->wait();
}

void BackofficeProcess::restart() {
    process_.reset();
    // The port was just freed; SO_REUSEADDR lets it be taken again at once, but retry
    // briefly in case the old socket lingers.
    for (int attempt = 0;; ++attempt) {
        try {
            start();
            return;
        } catch (const std::runtime_error&) {
            if (attempt >= 50) throw;
            process_.reset();
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
}

std::string BackofficeProcess::admin(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{program_, "admin", "--db", db_};
    argv.insert(argv.end(), args.begin(), args.end());
    ChildProcess admin(argv);
    std::string out = admin.first_line();
    if (const int rc = admin.wait(); rc != 0) throw std::runtime_error("qiao-backoffice admin failed (" + std::to_string(rc) + ")");
    return out;
}

int run_program(const std::vector<std::string>& argv) {
    ChildProcess child(argv);
    return child.wait();
}

}  // namespace qiao::testing
