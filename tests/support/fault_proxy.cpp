#include "support/fault_proxy.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <list>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace qiao::testing {

using Fd = FaultProxy::Fd;

Fd& Fd::operator=(Fd&& other) noexcept {
    if (this != &other) {
        reset();
        fd_ = other.release();
    }
    return *this;
}

void Fd::reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

namespace {

// How long a peer may stay silent in the middle of an exchange before the proxy gives
// up on it. The stop pipe ends every wait sooner when the proxy goes.
constexpr int kIoTimeoutMs = 30'000;
constexpr std::size_t kMaxHeadBytes = 64 * 1024;
constexpr std::string_view kHeadEnd = "\r\n\r\n";

// Waits until `fd` is ready for `events`. False on timeout, on error, or when the stop
// pipe says the proxy is going. POLLHUP/POLLERR count as ready: the next recv or send
// reports them.
bool wait_ready(int fd, short events, int stop_fd, int timeout_ms) {
    pollfd fds[2] = {{fd, events, 0}, {stop_fd, POLLIN, 0}};
    int ready = 0;
    do {
        ready = ::poll(fds, 2, timeout_ms);
    } while (ready < 0 && errno == EINTR);
    return ready > 0 && fds[1].revents == 0;
}

// True if the proxy was told to stop before `delay` passed.
bool stopped_within(int stop_fd, std::chrono::milliseconds delay) {
    pollfd stop = {stop_fd, POLLIN, 0};
    return ::poll(&stop, 1, static_cast<int>(delay.count())) > 0;
}

// Appends what arrives next to `into`. Returns the byte count, 0 at end of stream, -1
// on error, timeout or stop.
ssize_t read_some(int fd, int stop_fd, std::string& into) {
    if (!wait_ready(fd, POLLIN, stop_fd, kIoTimeoutMs)) return -1;
    char buffer[16 * 1024];
    const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got > 0) into.append(buffer, static_cast<std::size_t>(got));
    return got;
}

bool read_to_end(int fd, int stop_fd, std::string& into) {
    ssize_t got = 0;
    while ((got = read_some(fd, stop_fd, into)) > 0) {}
    return got == 0;
}

// Sends all of `data`, never blocking past the stop pipe (a client that stops reading
// must not hold the destructor). MSG_NOSIGNAL: a closed peer is an error, not SIGPIPE.
bool send_all(int fd, int stop_fd, std::string_view data) {
    while (!data.empty()) {
        if (!wait_ready(fd, POLLOUT, stop_fd, kIoTimeoutMs)) return false;
        const ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;
        if (sent <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
}

sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

Fd connect_to_loopback(int port) {
    Fd socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    const sockaddr_in address = loopback(port);
    if (!socket || ::connect(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
        return {};
    return socket;
}

// The request line and header lines of a head (which excludes the blank line).
std::vector<std::string_view> lines_of(std::string_view head) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start <= head.size();) {
        std::size_t end = head.find("\r\n", start);
        if (end == std::string_view::npos) end = head.size();
        lines.push_back(head.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

bool is_header(std::string_view line, std::string_view name) {
    return line.size() > name.size() && line[name.size()] == ':' &&
           ::strncasecmp(line.data(), name.data(), name.size()) == 0;
}

std::optional<std::string_view> header_value(std::string_view head, std::string_view name) {
    const auto lines = lines_of(head);
    for (std::size_t i = 1; i < lines.size(); ++i) {
        if (!is_header(lines[i], name)) continue;
        std::string_view value = lines[i].substr(name.size() + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
        return value;
    }
    return std::nullopt;
}

// A request as it came: head (request line and headers, no blank line), then body.
struct Request {
    std::string head;
    std::string body;
};

// Reads until the blank line ends the head. `request.body` keeps whatever of the body
// arrived with it.
bool read_head(int client, int stop_fd, Request& request) {
    std::string received;
    std::size_t end = std::string::npos;
    while ((end = received.find(kHeadEnd)) == std::string::npos) {
        if (received.size() > kMaxHeadBytes || read_some(client, stop_fd, received) <= 0) return false;
    }
    request.head = received.substr(0, end);
    request.body = received.substr(end + kHeadEnd.size());
    return true;
}

// Reads the rest of a Content-Length body (these clients never send chunked requests).
// A client that waits for `100 Continue` gets it from the proxy, which then has the
// whole body before it decides anything.
bool read_body(int client, int stop_fd, Request& request) {
    std::size_t length = 0;
    if (auto value = header_value(request.head, "Content-Length")) {
        const auto parsed = std::from_chars(value->data(), value->data() + value->size(), length);
        if (parsed.ec != std::errc() || parsed.ptr != value->data() + value->size()) return false;
    }
    const auto expect = header_value(request.head, "Expect");
    const std::string_view continue_please = "100-continue";
    if (expect && expect->size() == continue_please.size() &&
        ::strncasecmp(expect->data(), continue_please.data(), continue_please.size()) == 0 &&
        request.body.size() < length && !send_all(client, stop_fd, "HTTP/1.1 100 Continue\r\n\r\n"))
        return false;
    while (request.body.size() < length) {
        if (read_some(client, stop_fd, request.body) <= 0) return false;
    }
    request.body.resize(length);  // a pipelined next request is not ours to relay
    return true;
}

// The request as upstream gets it. `Connection: close` lets the proxy take the response
// as everything up to end of stream, whatever its framing; Expect goes because the proxy
// already answered it and sends the body at once.
std::string upstream_request(const Request& request) {
    std::string out;
    const auto lines = lines_of(request.head);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view line = lines[i];
        if (i > 0 && (is_header(line, "Connection") || is_header(line, "Keep-Alive") || is_header(line, "Expect")))
            continue;
        out.append(line).append("\r\n");
    }
    out.append("Connection: close\r\n\r\n").append(request.body);
    return out;
}

std::string made_up_response(std::string_view status, std::string_view extra_headers, std::string_view body) {
    std::string out = "HTTP/1.1 ";
    out.append(status).append("\r\nContent-Type: application/json\r\n");
    out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
    out.append(extra_headers).append("Connection: close\r\n\r\n").append(body);
    return out;
}

// Where the body starts in a whole response, or its size if there is no head end.
std::size_t body_offset(std::string_view response) {
    const std::size_t end = response.find(kHeadEnd);
    return end == std::string_view::npos ? response.size() : end + kHeadEnd.size();
}

}  // namespace

FaultProxy::FaultProxy(int upstream_port) : upstream_port_(upstream_port) {
    int pipe_ends[2];
    if (::pipe2(pipe_ends, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("fault proxy: cannot make its stop pipe: ") + std::strerror(errno));
    stop_read_ = Fd(pipe_ends[0]);
    stop_write_ = Fd(pipe_ends[1]);

    listener_ = Fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in address = loopback(0);  // port 0: the kernel picks a free one
    socklen_t size = sizeof address;
    if (!listener_ || ::bind(listener_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_.get(), SOMAXCONN) != 0 ||
        ::getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&address), &size) != 0)
        throw std::runtime_error(std::string("fault proxy: cannot listen on loopback: ") + std::strerror(errno));
    port_ = ntohs(address.sin_port);
    accept_thread_ = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(stop_write_.get(), &byte, 1);  // an empty pipe takes it
    accept_thread_.join();
}

void FaultProxy::set_fault(Fault fault) {
    std::lock_guard lock(mutex_);
    standing_fault_ = fault;
    next_count_ = 0;
}

void FaultProxy::set_fault_for_next(int count, Fault fault) {
    std::lock_guard lock(mutex_);
    next_fault_ = fault;
    next_count_ = count > 0 ? count : 0;
}

void FaultProxy::set_delay(std::chrono::milliseconds delay) {
    std::lock_guard lock(mutex_);
    delay_ = delay;
}

std::chrono::milliseconds FaultProxy::delay() const {
    std::lock_guard lock(mutex_);
    return delay_;
}

Fault FaultProxy::take_fault() {
    std::lock_guard lock(mutex_);
    if (next_count_ > 0) {
        --next_count_;
        return next_fault_;
    }
    return standing_fault_;
}

void FaultProxy::accept_loop() {
    // One thread per connection; each marks itself finished so this loop can join it
    // while new ones come, and joins the rest when the proxy stops.
    struct Connection {
        std::thread thread;
        std::atomic<bool> finished{false};
    };
    std::list<Connection> connections;
    while (wait_ready(listener_.get(), POLLIN, stop_read_.get(), -1)) {
        Fd client(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
        for (auto it = connections.begin(); it != connections.end();) {
            if (!it->finished) {
                ++it;
                continue;
            }
            it->thread.join();
            it = connections.erase(it);
        }
        if (!client) continue;
        Connection& connection = connections.emplace_back();
        connection.thread = std::thread([this, &connection, client = std::move(client)]() mutable {
            serve(std::move(client));
            connection.finished = true;
        });
    }
    for (auto& connection : connections) connection.thread.join();
}

void FaultProxy::serve(Fd client) {
    const int stop_fd = stop_read_.get();
    // The fault is taken when a request starts arriving, not at accept, so set_fault()
    // just before a request always applies to it. A peek tells a request from a client
    // that connected and closed without asking anything.
    char first_byte = 0;
    if (!wait_ready(client.get(), POLLIN, stop_fd, kIoTimeoutMs) ||
        ::recv(client.get(), &first_byte, 1, MSG_PEEK) <= 0)
        return;
    const Fault fault = take_fault();
    ++requests_seen_;

    if (fault == Fault::Refuse) {
        // Linger 0: close() sends RST, so the client sees "connection reset by peer".
        const linger reset_on_close{1, 0};
        ::setsockopt(client.get(), SOL_SOCKET, SO_LINGER, &reset_on_close, sizeof reset_on_close);
        return;
    }
    Request request;
    if (!read_head(client.get(), stop_fd, request) || fault == Fault::CutMidRequest) return;
    if (!read_body(client.get(), stop_fd, request)) return;

    if (fault == Fault::Http500 || fault == Fault::Http503) {
        send_all(client.get(), stop_fd,
                 fault == Fault::Http500
                     ? made_up_response("500 Internal Server Error", "", R"({"error":"injected fault: 500"})")
                     : made_up_response("503 Service Unavailable", "Retry-After: 1\r\n", R"({"error":"injected fault: 503"})"));
        return;
    }

    // Every other fault lets the back office have the request, and waits for its whole
    // answer: when the client sees the fault, upstream has applied what it was sent.
    Fd upstream = connect_to_loopback(upstream_port_);
    if (!upstream || !send_all(upstream.get(), stop_fd, upstream_request(request))) {
        send_all(client.get(), stop_fd,
                 made_up_response("502 Bad Gateway", "", R"({"error":"fault proxy: upstream unreachable"})"));
        return;
    }
    ++requests_forwarded_;
    std::string response;
    if (!read_to_end(upstream.get(), stop_fd, response)) return;
    upstream.reset();

    switch (fault) {
    case Fault::TruncatedJson: {
        // The head keeps its Content-Length, so the client waits for bytes that never come.
        const std::size_t body_start = body_offset(response);
        send_all(client.get(), stop_fd, std::string_view(response).substr(0, body_start + (response.size() - body_start) / 2));
        return;
    }
    case Fault::GarbageJson:
        // Starts like the real thing so a lenient parser cannot shrug it off.
        send_all(client.get(), stop_fd, made_up_response("200 OK", "", "{\"results\": [tru\x01\xfe"));
        return;
    case Fault::CutAfterRequest:
        return;
    case Fault::Slow:
        if (stopped_within(stop_fd, delay())) return;
        [[fallthrough]];
    default:  // Pass
        send_all(client.get(), stop_fd, response);
        return;
    }
}

}  // namespace qiao::testing
