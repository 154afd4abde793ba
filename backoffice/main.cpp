// qiao-backoffice: starts the server, says where it listens, and stops cleanly on
// SIGTERM or SIGINT. `qiao-backoffice admin ...` is the site manager's command instead (a signal thread waits for them; the handlers run nowhere else).
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <thread>

#include "backoffice/admin_command.hpp"
#include "backoffice/backoffice_server.hpp"

int main(int argc, char** argv) {
    using namespace qiao;
    if (argc > 1 && std::string(argv[1]) == "admin") return backoffice::run_admin({argv + 2, argv + argc}, std::cout, std::cerr);
    try {
        const backoffice::ServerOptions options = backoffice::parse_server_options({argv + 1, argv + argc});
        if (options.show_help) {
            std::cout << backoffice::server_help_text();
            return 0;
        }
        if (options.show_version) {
            std::cout << "qiao-backoffice " << QIAO_VERSION << "\n";
            return 0;
        }
        // Block the stop signals before any thread starts, so only sigwait sees them.
        sigset_t stop_signals;
        sigemptyset(&stop_signals);
        sigaddset(&stop_signals, SIGTERM);
        sigaddset(&stop_signals, SIGINT);
        pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

        core::Log log;
        backoffice::BackofficeServer server(options, log);
        const int port = server.bind();
        std::cout << "qiao-backoffice " << QIAO_VERSION << " listening on " << options.host << ":" << port << ", data in "
                  << options.db << std::endl;
        std::thread waiter([&] {
            int signal = 0;
            sigwait(&stop_signals, &signal);
            server.stop();
        });
        server.run();
        // run() also returns if listening failed: wake the waiter either way.
        pthread_kill(waiter.native_handle(), SIGTERM);
        waiter.join();
        log.info("stopped");
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "qiao-backoffice: " << e.what() << "\n";
        return 2;
    }
}
