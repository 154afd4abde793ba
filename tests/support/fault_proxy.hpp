#pragma once
// FaultProxy: a TCP proxy on loopback between a kiosk (or any HTTP client) and a back
// office, which answers each request according to the fault the test set: relay it,
// slow it, refuse it, cut it, or replace the answer with an error or garbage. The sync
// tests use it to prove that nothing is lost or duplicated whatever the network does.
//
// One request per client connection: the proxy closes the client connection after each
// response (or fault), and asks upstream for `Connection: close` so that the back office
// closes too. An HTTP client that asked for keep-alive sees `Connection: close` in the
// relayed response and simply reconnects for its next request.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace qiao::testing {

enum class Fault {
    Pass,             // forward, relay the response unchanged
    Slow,             // forward, hold the whole response for set_delay(), then relay it
    Http500,          // answer 500 without contacting upstream
    Http503,          // answer 503 with Retry-After: 1 without contacting upstream
    TruncatedJson,    // forward, send headers and the first half of the body, close
    GarbageJson,      // forward (upstream applies it), answer 200 with a body that is not JSON
    CutAfterRequest,  // forward (upstream applies it), close without a byte of response
    CutMidRequest,    // read the request headers only, close; upstream never sees it
    Refuse,           // reset the connection before reading anything; upstream never sees it
};

class FaultProxy {
public:
    // Listens on a free loopback port; forwards to 127.0.0.1:upstream_port. Throws
    // std::runtime_error if the listening socket cannot be made.
    explicit FaultProxy(int upstream_port);
    // Stops accepting, wakes and ends every connection in flight, joins all threads.
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    // The fault for every request from now on; cancels what set_fault_for_next left.
    void set_fault(Fault fault);
    // The next `count` requests get `fault`, then the standing fault applies again.
    void set_fault_for_next(int count, Fault fault);
    // How long Slow holds a response (3 s unless set).
    void set_delay(std::chrono::milliseconds delay);

    // Requests that started arriving (each took a fault), whatever happened next.
    std::size_t requests_seen() const { return requests_seen_; }
    // Requests written in full to upstream: the back office has them.
    std::size_t requests_forwarded() const { return requests_forwarded_; }

    // Owns one file descriptor and closes it once. Public only so that the helpers in
    // fault_proxy.cpp can hand sockets around.
    class Fd {
    public:
        Fd() = default;
        explicit Fd(int fd) : fd_(fd) {}
        ~Fd() { reset(); }
        Fd(Fd&& other) noexcept : fd_(other.release()) {}
        Fd& operator=(Fd&& other) noexcept;
        Fd(const Fd&) = delete;
        Fd& operator=(const Fd&) = delete;

        int get() const { return fd_; }
        explicit operator bool() const { return fd_ >= 0; }
        int release() { int fd = fd_; fd_ = -1; return fd; }
        void reset();

    private:
        int fd_ = -1;
    };

private:
    void accept_loop();
    void serve(Fd client);
    Fault take_fault();
    std::chrono::milliseconds delay() const;

    const int upstream_port_;
    int port_ = 0;
    // A byte written to the pipe, never read, keeps its read end readable: every poll()
    // in every thread watches it, so the destructor wakes them all at once.
    Fd stop_read_;
    Fd stop_write_;
    Fd listener_;

    mutable std::mutex mutex_;  // guards the fault settings below
    Fault standing_fault_ = Fault::Pass;
    Fault next_fault_ = Fault::Pass;
    int next_count_ = 0;
    std::chrono::milliseconds delay_{3000};

    std::atomic<std::size_t> requests_seen_{0};
    std::atomic<std::size_t> requests_forwarded_{0};
    std::thread accept_thread_;  // last: starts once everything above exists
};

}  // namespace qiao::testing
