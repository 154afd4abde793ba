// The fault proxy itself, between an HTTP client and a real in-process back office: each
// fault must do exactly what the sync tests rely on it doing.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "support/fault_proxy.hpp"
#include "support/running_backoffice.hpp"

using qiao::testing::Fault;
using qiao::testing::FaultProxy;
using qiao::testing::RunningBackoffice;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// A back office with a fresh database of its own (test cases may run in parallel), a
// proxy in front of it, and a client that talks to the proxy.
struct Rig {
    static fs::path fresh_db(const std::string& name) {
        const fs::path dir = fs::path(QIAO_TEST_TMP) / "sync" / ("fault-proxy-" + name + "-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        return dir / "backoffice.db";
    }

    explicit Rig(const std::string& name) : backoffice(fresh_db(name)), proxy(backoffice.port()), client(proxy.url()) {
        client.set_connection_timeout(2s);
        client.set_read_timeout(5s);
    }

    RunningBackoffice backoffice;
    FaultProxy proxy;
    httplib::Client client;
};

// A plain socket connected to the proxy, for exchanges httplib would not make; reads
// give up after 5 s.
int connect_to(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    return fd;
}

std::string read_until_closed(int fd) {
    std::string received;
    char buffer[4096];
    for (ssize_t got; (got = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) received.append(buffer, static_cast<std::size_t>(got));
    return received;
}

// Sends `request` on a new connection and returns every byte that comes back until the
// proxy closes.
std::string raw_exchange(int port, const std::string& request) {
    const int fd = connect_to(port);
    std::string received;
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()))
        received = read_until_closed(fd);
    ::close(fd);
    return received;
}

const std::string kHealthRequest = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

bool is_json(const std::string& text) { return nlohmann::json::accept(text); }

}  // namespace

TEST_CASE("fault proxy: Pass relays responses unchanged, one request per connection") {
    Rig rig("pass");
    httplib::Client direct(rig.backoffice.url());
    const auto expected = direct.Get("/api/v1/health");
    REQUIRE(expected);

    rig.client.set_keep_alive(true);  // the proxy closes after each response; the client must cope
    for (int i = 0; i < 2; ++i) {
        const auto res = rig.client.Get("/api/v1/health");
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->body == expected->body);
        CHECK(res->get_header_value("Content-Type") == expected->get_header_value("Content-Type"));
        CHECK(nlohmann::json::parse(res->body).at("status") == "ok");
    }
    // A body goes through too: unknown path, same 404 as without the proxy.
    const auto direct_404 = direct.Post("/api/v1/no-such-thing", R"({"x":1})", "application/json");
    const auto proxied_404 = rig.client.Post("/api/v1/no-such-thing", R"({"x":1})", "application/json");
    REQUIRE(direct_404);
    REQUIRE(proxied_404);
    CHECK(proxied_404->status == 404);
    CHECK(proxied_404->body == direct_404->body);
    CHECK(rig.proxy.requests_seen() == 3);
    CHECK(rig.proxy.requests_forwarded() == 3);
}

TEST_CASE("fault proxy: a client that waits for 100 Continue gets it from the proxy") {
    Rig rig("continue");
    const std::string body = R"({"x":1})";
    const int fd = connect_to(rig.proxy.port());
    const std::string head = "POST /api/v1/no-such-thing HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\n"
                             "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
    char buffer[4096];
    const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    CHECK(std::string(buffer, got > 0 ? static_cast<std::size_t>(got) : 0) == "HTTP/1.1 100 Continue\r\n\r\n");
    ::send(fd, body.data(), body.size(), MSG_NOSIGNAL);
    const std::string response = read_until_closed(fd);
    ::close(fd);
    CHECK(response.rfind("HTTP/1.1 404", 0) == 0);
    CHECK(rig.proxy.requests_forwarded() == 1);
}

TEST_CASE("fault proxy: Http500 and Http503 answer without contacting the back office") {
    Rig rig("http5xx");
    rig.proxy.set_fault(Fault::Http500);
    const auto res500 = rig.client.Get("/api/v1/health");
    REQUIRE(res500);
    CHECK(res500->status == 500);

    rig.proxy.set_fault(Fault::Http503);
    const auto res503 = rig.client.Post("/api/v1/sync", R"({"entries":[]})", "application/json");
    REQUIRE(res503);
    CHECK(res503->status == 503);
    CHECK(res503->get_header_value("Retry-After") == "1");

    CHECK(rig.proxy.requests_seen() == 2);
    CHECK(rig.proxy.requests_forwarded() == 0);
}

TEST_CASE("fault proxy: TruncatedJson sends half the body under the original Content-Length") {
    Rig rig("truncated");
    rig.proxy.set_fault(Fault::TruncatedJson);
    const auto res = rig.client.Get("/api/v1/health");
    CHECK((!res || !is_json(res->body)));

    const std::string raw = raw_exchange(rig.proxy.port(), kHealthRequest);
    const auto head_end = raw.find("\r\n\r\n");
    REQUIRE(head_end != std::string::npos);
    const std::string head = raw.substr(0, head_end);
    const auto length_at = head.find("Content-Length: ");
    REQUIRE(length_at != std::string::npos);
    const std::size_t announced = std::stoul(head.substr(length_at + 16));
    CHECK(announced > 2);
    CHECK(raw.size() - head_end - 4 == announced / 2);
    CHECK(rig.proxy.requests_forwarded() == 2);
}

TEST_CASE("fault proxy: GarbageJson answers 200 with a body that is not JSON, after forwarding") {
    Rig rig("garbage");
    rig.proxy.set_fault(Fault::GarbageJson);
    const auto res = rig.client.Get("/api/v1/health");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    CHECK_FALSE(res->body.empty());
    CHECK_FALSE(is_json(res->body));
    CHECK(rig.proxy.requests_forwarded() == 1);
}

TEST_CASE("fault proxy: CutAfterRequest forwards the request and answers nothing") {
    Rig rig("cut-after");
    rig.proxy.set_fault(Fault::CutAfterRequest);
    const auto res = rig.client.Post("/api/v1/no-such-thing", R"({"x":1})", "application/json");
    CHECK_FALSE(res);
    CHECK(rig.proxy.requests_forwarded() == 1);
    CHECK(raw_exchange(rig.proxy.port(), kHealthRequest).empty());
    CHECK(rig.proxy.requests_forwarded() == 2);
}

TEST_CASE("fault proxy: Refuse and CutMidRequest drop the connection without contacting the back office") {
    Rig rig("drop");
    rig.proxy.set_fault(Fault::Refuse);
    CHECK_FALSE(rig.client.Get("/api/v1/health"));
    rig.proxy.set_fault(Fault::CutMidRequest);
    CHECK_FALSE(rig.client.Post("/api/v1/no-such-thing", std::string(100'000, 'x'), "application/json"));
    CHECK(rig.proxy.requests_seen() == 2);
    CHECK(rig.proxy.requests_forwarded() == 0);
}

TEST_CASE("fault proxy: Slow holds the response for the set delay") {
    Rig rig("slow");
    rig.proxy.set_fault(Fault::Slow);
    rig.proxy.set_delay(300ms);
    const auto start = Clock::now();
    const auto res = rig.client.Get("/api/v1/health");
    const auto elapsed = Clock::now() - start;
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(is_json(res->body));
    CHECK(elapsed >= 300ms);
}

TEST_CASE("fault proxy: set_fault_for_next affects exactly that many requests") {
    Rig rig("next");
    rig.proxy.set_fault_for_next(2, Fault::Http500);
    for (int expected : {500, 500, 200, 200}) {
        const auto res = rig.client.Get("/api/v1/health");
        REQUIRE(res);
        CHECK(res->status == expected);
    }
    CHECK(rig.proxy.requests_forwarded() == 2);

    // Back to the standing fault, whatever it is.
    rig.proxy.set_fault(Fault::Http503);
    rig.proxy.set_fault_for_next(1, Fault::Pass);
    for (int expected : {200, 503}) {
        const auto res = rig.client.Get("/api/v1/health");
        REQUIRE(res);
        CHECK(res->status == expected);
    }
}

TEST_CASE("fault proxy: destruction with a Slow request in flight returns promptly") {
    const fs::path db = Rig::fresh_db("destroy");
    RunningBackoffice backoffice(db);
    auto proxy = std::make_unique<FaultProxy>(backoffice.port());
    proxy->set_fault(Fault::Slow);
    proxy->set_delay(5s);

    std::optional<bool> got_response;
    std::thread request([&, url = proxy->url()] {
        httplib::Client client(url);
        client.set_read_timeout(10s);
        got_response = static_cast<bool>(client.Get("/api/v1/health"));
    });
    // Forwarded means the back office answered and the proxy now holds the response.
    const auto deadline = Clock::now() + 3s;
    while (proxy->requests_forwarded() == 0 && Clock::now() < deadline) std::this_thread::sleep_for(5ms);
    CHECK(proxy->requests_forwarded() == 1);

    const auto start = Clock::now();
    proxy.reset();
    CHECK(Clock::now() - start < 2s);
    request.join();
    REQUIRE(got_response.has_value());
    CHECK_FALSE(*got_response);
}
