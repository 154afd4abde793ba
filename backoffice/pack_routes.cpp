// GET /api/v1/packs/{id}/{version}: a kiosk downloads a lesson pack of its site's
// catalogue, whole or from where an interrupted download stopped (docs/sync-protocol.md,
// "Lesson packs"). The file is streamed from disk in chunks, never read whole.
#include <fcntl.h>
#include <httplib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "backoffice/backoffice_server.hpp"
#include "backoffice/http_answers.hpp"
#include "backoffice/pack_catalogue.hpp"
#include "core/lessons/pack_identity.hpp"
#include "core/lessons/unique_fd.hpp"

namespace qiao::backoffice {

namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;

struct RangeChoice {
    enum class Kind { Whole, Part, Unsatisfiable };
    Kind kind = Kind::Whole;
    httplib::Range range{0, 0};  // Part: first and last byte, both inside the file
};

// What to send for the Range asked (cpp-httplib has parsed "bytes=N-", "bytes=N-M" and
// "bytes=-N" into first/last, -1 where a number was left out).
RangeChoice choose_range(const httplib::Ranges& asked, std::uintmax_t size) {
    // No range, or several: the whole file (a server may ignore Range; kiosks ask one).
    if (asked.size() != 1) return {};
    const auto end = static_cast<ssize_t>(size);
    auto [first, last] = asked.front();
    if (first < 0) {  // the last `last` bytes
        if (last <= 0) return {RangeChoice::Kind::Unsatisfiable};
        first = std::max<ssize_t>(0, end - last);
        last = end - 1;
    } else {
        if (first >= end) return {RangeChoice::Kind::Unsatisfiable};
        if (last < 0 || last >= end) last = end - 1;
        if (last < first) return {RangeChoice::Kind::Unsatisfiable};
    }
    return {RangeChoice::Kind::Part, {first, last}};
}

// Sends `length` bytes from `offset` in chunks; httplib calls it until all are sent.
httplib::ContentProvider file_provider(std::shared_ptr<core::UniqueFd> file) {
    return [file = std::move(file)](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        std::vector<char> buffer(std::min(length, kChunkBytes));
        ssize_t n = -1;
        do n = ::pread(file->get(), buffer.data(), buffer.size(), static_cast<off_t>(offset));
        while (n < 0 && errno == EINTR);
        // A read error or a file that shrank ends the connection; the kiosk resumes later.
        return n > 0 && sink.write(buffer.data(), static_cast<std::size_t>(n));
    };
}

}  // namespace

void BackofficeServer::add_pack_routes() {
    http_->Get(R"(/api/v1/packs/([^/]+)/([^/]+))", guarded([this](const httplib::Request& req, httplib::Response& res) {
        // cpp-httplib 0.11.4 applies a request's Range to whatever the handler answers
        // (it would cut a JSON 404 into pieces) and does not refuse a range past the end.
        // So the Range is taken out of the request here, and only a checked one is put
        // back. (The request object is httplib's own, not const; only the view is.)
        httplib::Ranges& ranges = const_cast<httplib::Request&>(req).ranges;
        const httplib::Ranges asked = std::exchange(ranges, {});
        const std::string id = req.matches[1].str(), version = req.matches[2].str();

        std::optional<ShelvedPack> pack;
        {
            const auto lock = office_.lock();
            const Caller kiosk = kiosk_caller(req);
            if (core::is_valid_pack_id(id) && core::is_valid_pack_version(version))
                pack = PackCatalogue(office_.db(), office_.feed(), PackShelf::beside(office_.db().path()))
                           .find(kiosk.site_id, id, version);
        }
        // The files never change once published, so they are read without the lock.
        if (!pack) throw not_found("this site's catalogue has no such pack and version; pull the catalogue again");
        auto file = std::make_shared<core::UniqueFd>(::open(pack->file.c_str(), O_RDONLY | O_CLOEXEC));
        struct stat info {};
        if (!file->valid() || ::fstat(file->get(), &info) != 0)
            throw std::runtime_error("the published pack file " + pack->file.string() + " cannot be read: " +
                                     std::strerror(errno));
        const auto size = static_cast<std::uintmax_t>(info.st_size);

        const RangeChoice choice = choose_range(asked, size);
        if (choice.kind == RangeChoice::Kind::Unsatisfiable) {
            answer_error(res, 416, "range_not_satisfiable",
                         "the pack has " + std::to_string(size) + " bytes; the range asked is not inside it: "
                         "start the download again from the beginning");
            res.set_header("Content-Range", "bytes */" + std::to_string(size));
            return;
        }
        if (choice.kind == RangeChoice::Kind::Part) ranges = {choice.range};
        // Status left unset: httplib answers 200, or 206 with Content-Range for the range.
        res.set_header("Accept-Ranges", "bytes");
        res.set_header("ETag", "\"" + pack->sha256 + "\"");
        res.set_content_provider(size, "application/octet-stream", file_provider(std::move(file)));
    }));
}

}  // namespace qiao::backoffice
