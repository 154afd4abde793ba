// The kiosk's HTTP client (core/sync/http_client) against small local servers
// (cpp-httplib): the token header, JSON both ways, resuming a download with Range,
// plain words for every transport failure, stopping a request in flight, and TLS that
// is always verified (a site's own CA trusted only when named).
#include <doctest/doctest.h>

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>

#include "core/sync/http_client.hpp"
#include "support/temp_dir.hpp"

using namespace qiao;
using namespace std::chrono_literals;

namespace {

// An httplib server on a free loopback port, answering on its own thread.
template <typename ServerType>
class LocalServer {
public:
    template <typename... Args>
    explicit LocalServer(Args&&... args) : server(std::forward<Args>(args)...) {}
    ~LocalServer() {
        server.stop();
        if (thread_.joinable()) thread_.join();
    }
    void start() {
        port = server.bind_to_any_port("127.0.0.1");
        REQUIRE(port > 0);
        thread_ = std::thread([this] { server.listen_after_bind(); });
        for (int i = 0; i < 500 && !server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    std::string url(const std::string& scheme = "http") const { return scheme + "://127.0.0.1:" + std::to_string(port); }

    ServerType server;
    int port = 0;

private:
    std::thread thread_;
};

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("http client: JSON goes out with the bearer token, and the answer comes back as a value") {
    LocalServer<httplib::Server> local;
    std::string authorization, content_type, body;
    local.server.Post("/api/v1/echo", [&](const httplib::Request& req, httplib::Response& res) {
        authorization = req.get_header_value("Authorization");
        content_type = req.get_header_value("Content-Type");
        body = req.body;
        res.status = 201;
        res.set_content(R"({"protocol":1,"ok":true})", "application/json");
    });
    local.server.Get("/api/v1/missing", [](const httplib::Request&, httplib::Response& res) {
        res.status = 404;
        res.set_content(R"({"error":"not_found","message":"nothing here"})", "application/json");
    });
    local.start();

    core::HttpClient client;
    const core::HttpReply reply = client.post_json(local.url() + "/api/v1/echo", R"({"code":"ABCD"})", "secret-token");
    CHECK(reply.answered());
    CHECK(reply.success());
    CHECK(reply.status == 201);
    CHECK(reply.body == R"({"protocol":1,"ok":true})");
    CHECK(authorization == "Bearer secret-token");
    CHECK(content_type == "application/json");
    CHECK(body == R"({"code":"ABCD"})");

    const core::HttpReply missing = client.get(local.url() + "/api/v1/missing");
    CHECK(missing.answered());
    CHECK_FALSE(missing.success());
    CHECK(missing.status == 404);
    CHECK(missing.body.find("not_found") != std::string::npos);
    CHECK(authorization == "Bearer secret-token");  // the GET sent none, and the server saw none new
}

TEST_CASE("http client: a download resumes where the file stopped (Range: bytes=N-)") {
    std::string archive;
    for (int i = 0; i < 100000; ++i) archive += static_cast<char>('a' + i % 26);
    LocalServer<httplib::Server> local;
    std::string range;
    local.server.Get("/pack", [&](const httplib::Request& req, httplib::Response& res) {
        range = req.get_header_value("Range");
        res.set_content(archive, "application/octet-stream");  // httplib answers a Range with 206
    });
    local.start();
    testing::TempDir dir("http-resume");
    const auto file = dir / "pack.part";
    {
        std::ofstream part(file, std::ios::binary);
        part << archive.substr(0, 40000);
    }
    core::HttpClient client;
    const core::HttpReply reply = client.get_to_file(local.url() + "/pack", file, "token");
    CHECK(reply.success());
    CHECK(reply.status == 206);
    CHECK(range == "bytes=40000-");
    CHECK(read_file(file) == archive);

    std::filesystem::remove(file);  // from nothing: a plain 200, no Range asked
    const core::HttpReply whole = client.get_to_file(local.url() + "/pack", file, "token");
    CHECK(whole.status == 200);
    CHECK(range.empty());
    CHECK(read_file(file) == archive);
}

TEST_CASE("http client: transport failures are plain words, never exceptions") {
    core::HttpOptions quick;
    quick.request_timeout = 300ms;
    core::HttpClient client(quick);

    const core::HttpReply closed = client.get("http://127.0.0.1:1/api/v1/health");
    CHECK_FALSE(closed.answered());
    CHECK(closed.status == 0);
    CHECK(closed.transport_error.find("did not take the connection") != std::string::npos);

    LocalServer<httplib::Server> slow;
    slow.server.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
        std::this_thread::sleep_for(1500ms);
        res.set_content("{}", "application/json");
    });
    slow.start();
    const auto start = std::chrono::steady_clock::now();
    const core::HttpReply late = client.get(slow.url() + "/slow");
    CHECK(std::chrono::steady_clock::now() - start < 1200ms);
    CHECK(late.transport_error.find("did not answer in time") != std::string::npos);

    const core::HttpReply bad = client.get("ftp://127.0.0.1/file");
    CHECK(bad.transport_error.find("not an http:// or https:// address") != std::string::npos);
}

TEST_CASE("http client: should_stop cuts a request in flight short") {
    LocalServer<httplib::Server> slow;
    slow.server.Get("/hang", [](const httplib::Request&, httplib::Response& res) {
        std::this_thread::sleep_for(4s);
        res.set_content("{}", "application/json");
    });
    slow.start();
    std::atomic<bool> stop{false};
    core::HttpOptions options;
    options.should_stop = [&] { return stop.load(); };
    core::HttpClient client(options);
    std::thread stopper([&] {
        std::this_thread::sleep_for(200ms);
        stop = true;
    });
    const auto start = std::chrono::steady_clock::now();
    const core::HttpReply reply = client.get(slow.url() + "/hang");
    stopper.join();
    CHECK(std::chrono::steady_clock::now() - start < 2500ms);
    CHECK(reply.stopped);
    CHECK(reply.transport_error == "stopped");
}

TEST_CASE("http client: TLS is always verified, a site's own CA is trusted only when named") {
    testing::TempDir dir("http-tls");
    const auto key = dir / "key.pem";
    const auto cert = dir / "cert.pem";
    const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                                "-addext subjectAltName=IP:127.0.0.1 -keyout '" + key.string() + "' -out '" + cert.string() +
                                "' >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0) {
        MESSAGE("openssl is not installed: the TLS check is skipped");
        return;
    }
    LocalServer<httplib::SSLServer> local(cert.c_str(), key.c_str());
    local.server.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"status":"ok"})", "application/json");
    });
    local.start();

    core::HttpClient untrusting;
    const core::HttpReply refused = untrusting.get(local.url("https") + "/api/v1/health");
    CHECK_FALSE(refused.answered());
    CHECK(refused.transport_error.find("certificate could not be trusted") != std::string::npos);

    core::HttpOptions with_ca;
    with_ca.ca_file = cert.string();
    core::HttpClient trusting(with_ca);
    const core::HttpReply ok = trusting.get(local.url("https") + "/api/v1/health");
    CHECK(ok.success());
    CHECK(ok.body == R"({"status":"ok"})");

    // The CA vouches for 127.0.0.1 only: the same server under another name is refused.
    const core::HttpReply wrong_name = trusting.get("https://localhost:" + std::to_string(local.port) + "/api/v1/health");
    CHECK_FALSE(wrong_name.answered());
}
