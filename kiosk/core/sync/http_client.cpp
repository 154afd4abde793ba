#include "core/sync/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string_view>

namespace qiao::core {

namespace {

// curl_global_init sets up process-wide state (OpenSSL among it): once per process,
// from whichever thread comes first. It is never undone: other code in the process
// (the back office in tests) may use libcurl too.
void start_curl_once() {
    static std::once_flag once;
    static CURLcode started = CURLE_OK;
    std::call_once(once, [] { started = curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (started != CURLE_OK)
        throw std::runtime_error(std::string("libcurl could not start: ") + curl_easy_strerror(started));
}

struct SlistFree {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistFree>;

void add_header(HeaderList& headers, const std::string& line) {
    curl_slist* head = curl_slist_append(headers.get(), line.c_str());
    if (!head) throw std::bad_alloc();
    (void)headers.release();  // curl_slist_append returned the same list, grown
    headers.reset(head);
}

struct FileClose {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

// What went wrong, in words a site manager can act on, with curl's own detail after.
std::string plain_words(CURLcode code, const char* detail) {
    std::string words;
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
        words = "the back office's address could not be found (no network, or the address is wrong)";
        break;
    case CURLE_COULDNT_CONNECT:
        words = "the back office did not take the connection (it is down, or the address or port is wrong)";
        break;
    case CURLE_OPERATION_TIMEDOUT: words = "the back office did not answer in time"; break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
        words = "the back office's certificate could not be trusted (give the site's CA with --backoffice-ca)";
        break;
    case CURLE_SSL_CONNECT_ERROR: words = "a secure connection to the back office could not be made"; break;
    case CURLE_GOT_NOTHING: words = "the back office closed the connection without answering"; break;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE: words = "the connection broke during the request"; break;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT: words = "the back office's address is not an http:// or https:// address"; break;
    default: words = std::string("the request failed: ") + curl_easy_strerror(code); break;
    }
    if (detail && *detail) words += std::string(" (") + detail + ")";
    return words;
}

}  // namespace

struct HttpClient::EasyHandle {
    CURL* handle = nullptr;
    EasyHandle() {
        start_curl_once();
        handle = curl_easy_init();
        if (!handle) throw std::runtime_error("libcurl could not make a request handle");
    }
    ~EasyHandle() { curl_easy_cleanup(handle); }
    EasyHandle(const EasyHandle&) = delete;
    EasyHandle& operator=(const EasyHandle&) = delete;
};

namespace {

// One request's state, shared with libcurl's callbacks.
struct Transfer {
    CURL* easy = nullptr;
    const HttpOptions* options = nullptr;
    std::string body;
    bool too_large = false;
    // A download into a file: where, and from which byte.
    const std::filesystem::path* file = nullptr;
    long long resume_from = 0;
    std::unique_ptr<std::FILE, FileClose> out;
    bool decided = false;  // whether the answer goes to the file was decided
    std::string content_range;
    std::string file_error;
};

// Decides at the first byte of the body, when the status is known, where it goes.
void decide_destination(Transfer& t) {
    t.decided = true;
    long status = 0;
    curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
    if (status == 206 && t.resume_from > 0) {
        // "bytes N-M/T": the part must start where the file ends, or it would be spliced wrong.
        const std::string expected = "bytes " + std::to_string(t.resume_from) + "-";
        if (t.content_range.rfind(expected, 0) != 0) {
            t.file_error = "the back office sent a part starting elsewhere than asked (" + t.content_range + ")";
            return;
        }
        t.out.reset(std::fopen(t.file->c_str(), "ab"));
    } else if (status == 200) {
        t.out.reset(std::fopen(t.file->c_str(), "wb"));  // the whole file: start again
    } else {
        return;  // an error's body: kept in memory
    }
    if (!t.out) t.file_error = "could not write " + t.file->string();
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
    Transfer& t = *static_cast<Transfer*>(user);
    const size_t length = size * count;
    if (t.file && !t.decided) decide_destination(t);
    if (!t.file_error.empty()) return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
    if (t.out) {
        if (std::fwrite(data, 1, length, t.out.get()) != length) {
            t.file_error = "could not write " + t.file->string() + " (is the disk full?)";
            return 0;
        }
        return length;
    }
    if (t.body.size() + length > t.options->max_body_bytes) {
        t.too_large = true;
        return 0;
    }
    t.body.append(data, length);
    return length;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
    Transfer& t = *static_cast<Transfer*>(user);
    const size_t length = size * count;
    std::string line(data, length);
    constexpr std::string_view kName = "content-range:";
    if (line.size() > kName.size()) {
        std::string name = line.substr(0, kName.size());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name == kName) {
            std::string value = line.substr(kName.size());
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
            while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.pop_back();
            t.content_range = value;
        }
    }
    return length;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const Transfer& t = *static_cast<const Transfer*>(user);
    return t.options->should_stop && t.options->should_stop() ? 1 : 0;  // non-zero aborts
}

HttpReply perform(CURL* easy, const HttpOptions& options, const std::string& url, Transfer& transfer,
                  const std::string& bearer, const HttpHeaders& extra, const std::string* post_body,
                  long long resume_from);

// RFC 9110 token characters, for a header's name.
bool is_token_char(unsigned char c) {
    return std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

// Why an extra header cannot be sent as given; "" when it can.
std::string header_problem(const HttpHeaders& headers) {
    for (const auto& [name, value] : headers) {
        if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) { return is_token_char(static_cast<unsigned char>(c)); }))
            return "the request was not sent: a request header's name is not a valid HTTP header name";
        // Tabs are allowed inside a value; every other control character (CR, LF, NUL) is not.
        if (std::any_of(value.begin(), value.end(), [](char c) {
                const auto u = static_cast<unsigned char>(c);
                return (u < 0x20 && u != '\t') || u == 0x7F;
            }))
            return "the request was not sent: the value of the request header " + name + " holds a control character";
    }
    return {};
}

HttpReply refused_headers(std::string problem) {
    HttpReply reply;
    reply.transport_error = std::move(problem);
    return reply;
}

}  // namespace

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)), easy_(std::make_unique<EasyHandle>()) {}

HttpClient::~HttpClient() = default;

HttpReply HttpClient::post_json(const std::string& url, const std::string& json_body, const std::string& bearer,
                                const HttpHeaders& headers) {
    if (auto problem = header_problem(headers); !problem.empty()) return refused_headers(std::move(problem));
    Transfer transfer;
    return perform(easy_->handle, options_, url, transfer, bearer, headers, &json_body, 0);
}

HttpReply HttpClient::get(const std::string& url, const std::string& bearer, const HttpHeaders& headers) {
    if (auto problem = header_problem(headers); !problem.empty()) return refused_headers(std::move(problem));
    Transfer transfer;
    return perform(easy_->handle, options_, url, transfer, bearer, headers, nullptr, 0);
}

HttpReply HttpClient::get_to_file(const std::string& url, const std::filesystem::path& file, const std::string& bearer,
                                  const HttpHeaders& headers) {
    if (auto problem = header_problem(headers); !problem.empty()) return refused_headers(std::move(problem));
    Transfer transfer;
    transfer.file = &file;
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    const long long have = ec ? 0 : static_cast<long long>(size);
    HttpReply reply = perform(easy_->handle, options_, url, transfer, bearer, headers, nullptr, have);
    if (reply.answered() && reply.status == 200 && !transfer.decided) {
        // An empty 200 answer is an empty file, whatever was there before.
        transfer.out.reset(std::fopen(file.c_str(), "wb"));
    }
    return reply;
}

namespace {

HttpReply perform(CURL* easy, const HttpOptions& options, const std::string& url, Transfer& transfer,
                  const std::string& bearer, const HttpHeaders& extra, const std::string* post_body,
                  long long resume_from) {
    curl_easy_reset(easy);  // options of the last request go; its connection stays open
    transfer.easy = easy;
    transfer.options = &options;
    transfer.resume_from = resume_from;

    HeaderList headers;
    add_header(headers, "Accept: application/json");
    if (!bearer.empty()) add_header(headers, "Authorization: Bearer " + bearer);
    if (post_body) add_header(headers, "Content-Type: application/json");
    if (resume_from > 0) add_header(headers, "Range: bytes=" + std::to_string(resume_from) + "-");
    // No "Expect: 100-continue" round trip before a large push.
    if (post_body) add_header(headers, "Expect:");
    for (const auto& [name, value] : extra) add_header(headers, name + ": " + value);

    char error_detail[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_detail);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for timeouts: we are one thread of many
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.request_timeout.count()));
    // Certificates are always checked; there is deliberately no way to turn this off.
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, options.ca_file.c_str());
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(easy, CURLOPT_XFERINFODATA, &transfer);
    if (!transfer.file) curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // gzip for JSON, never for ranges
    if (post_body) {
        curl_easy_setopt(easy, CURLOPT_POST, 1L);
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, post_body->data());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(post_body->size()));
    } else {
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    }

    const CURLcode code = curl_easy_perform(easy);
    // Nothing of this request may outlive it in the reused handle.
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, nullptr);

    HttpReply reply;
    if (code == CURLE_OK) {
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &reply.status);
        reply.body = std::move(transfer.body);
        return reply;
    }
    if (code == CURLE_ABORTED_BY_CALLBACK) {
        reply.stopped = true;
        reply.transport_error = "stopped";
    } else if (code == CURLE_WRITE_ERROR && transfer.too_large) {
        reply.transport_error = "the back office's answer was larger than " +
                                std::to_string(options.max_body_bytes >> 20) + " MiB";
    } else if (code == CURLE_WRITE_ERROR && !transfer.file_error.empty()) {
        reply.transport_error = transfer.file_error;
    } else {
        reply.transport_error = plain_words(code, error_detail);
    }
    return reply;
}

}  // namespace

}  // namespace qiao::core
