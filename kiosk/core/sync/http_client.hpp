#pragma once
// HttpClient: the kiosk's HTTP requests to its back office, over libcurl. One easy
// handle per client, reused so connections are kept alive between requests; one client
// belongs to one thread. Certificates are always checked (CURLOPT_SSL_VERIFYPEER and
// VERIFYHOST are never turned off); a site with its own CA names it in ca_file. Every
// request is bounded (connect timeout, whole-request timeout) and can be cut short from
// another thread through should_stop. Results are values: an answer (status and body)
// or a transport error in plain words, never an exception for a network problem.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace qiao::core {

// Extra request headers, name and value ("X-Qiao-Staff", "s-1a2b3c4d"), sent after the
// client's own. A name that is not an HTTP token, or a value with a control character
// (a line break would start a header of its own), is not sent: the request is not made
// and the reply says why.
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpOptions {
    std::string ca_file;  // a CA file trusted besides the system's; "" for none
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds request_timeout{30000};  // the whole request, answer included
    // Asked during a request (about once a second when nothing moves): true cuts it
    // short, and the reply says "stopped". Must be safe to call from the client's thread.
    std::function<bool()> should_stop;
    std::string user_agent = "qiao-kiosk";
    std::size_t max_body_bytes = 16u << 20;  // a larger answer is an error, not a memory blow-up
};

struct HttpReply {
    long status = 0;              // the HTTP status; 0 when no answer came
    std::string body;             // the answer's body (for a file download: only an error's body)
    std::string transport_error;  // why no answer came, in plain words; "" when one came
    bool stopped = false;         // cut short by should_stop

    bool answered() const { return transport_error.empty(); }
    bool success() const { return answered() && status >= 200 && status < 300; }
};

class HttpClient {
public:
    explicit HttpClient(HttpOptions options = {});
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // bearer: the token for "Authorization: Bearer ..."; "" sends none. headers: extra
    // request headers (none unless given).
    HttpReply post_json(const std::string& url, const std::string& json_body, const std::string& bearer = {},
                        const HttpHeaders& headers = {});
    HttpReply get(const std::string& url, const std::string& bearer = {}, const HttpHeaders& headers = {});
    // Downloads into `file`, resuming: when the file already holds N bytes it asks for
    // "Range: bytes=N-" and appends the 206 answer; a 200 answer (the server ignored the
    // range) starts the file again. Any other status leaves the file as it was and puts
    // the answer's body in the reply (416: the caller deletes the file and starts again).
    HttpReply get_to_file(const std::string& url, const std::filesystem::path& file, const std::string& bearer = {},
                          const HttpHeaders& headers = {});

    const HttpOptions& options() const { return options_; }

private:
    HttpOptions options_;
    struct EasyHandle;
    std::unique_ptr<EasyHandle> easy_;
};

}  // namespace qiao::core
