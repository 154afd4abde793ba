#pragma once
// BackofficeServer: qiao-backoffice's HTTP side. Every answer is JSON; an unknown path
// or a failure inside a handler is a JSON error with a plain message, never a bare page
// or a dropped connection. Routes are added issue by issue (docs/sync-protocol.md).
#include <memory>
#include <string>

#include "backoffice/server_options.hpp"
#include "core/log.hpp"
#include "core/storage/database.hpp"

namespace httplib {
class Server;
}

namespace qiao::backoffice {

class BackofficeServer {
public:
    // Opens (or makes) the database file. Throws core::StorageError with its name.
    BackofficeServer(ServerOptions options, core::Log& log);
    ~BackofficeServer();
    BackofficeServer(const BackofficeServer&) = delete;
    BackofficeServer& operator=(const BackofficeServer&) = delete;

    // Binds the listening socket; returns the port (the one picked, for port 0).
    // Throws std::runtime_error naming the address when it cannot.
    int bind();
    // Answers requests until stop(); call bind() first.
    void run();
    // From any thread (a signal handler's thread): run() returns soon after.
    void stop();

private:
    void add_routes();

    ServerOptions options_;
    core::Log& log_;
    core::Database db_;
    std::unique_ptr<httplib::Server> http_;
};

}  // namespace qiao::backoffice
