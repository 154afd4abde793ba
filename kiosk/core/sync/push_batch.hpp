#pragma once
// A push request and its answer (docs/sync-protocol.md, "POST /api/v1/sync/push"):
// which outbox entries go in one request, what each looks like on the wire, and the
// strict reading of the per-entry results.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/outbox/outbox.hpp"

namespace qiao::core {

inline constexpr std::size_t kPushMaxEntries = 100;
inline constexpr std::size_t kPushMaxBytes = 4u << 20;  // the server takes 8 MiB; half leaves room

struct PushBatch {
    std::vector<OutboxEntry> entries;  // the ones in the request, oldest first
    nlohmann::json request;            // {"protocol": 1, "entries": [...]}
    std::size_t bytes = 0;             // the request's size as JSON text
};

// The body as the back office gets it. A "help_request" carries its recording as
// "voice": null or {"format": "ogg-vorbis", "base64": ...}, read from the file its
// local "voice_path" names; the path itself never leaves the kiosk. A recording that
// is gone is sent as null (and logged): the request must go without it.
nlohmann::json wire_body(const OutboxEntry& entry, Log& log);

// Up to max_entries of `candidates` (oldest first) whose request stays within max_bytes;
// the first entry always goes, so one big entry cannot stop the queue.
PushBatch build_push_batch(const std::vector<OutboxEntry>& candidates, Log& log,
                           std::size_t max_entries = kPushMaxEntries, std::size_t max_bytes = kPushMaxBytes);

struct EntryResult {
    std::string id;
    bool accepted = false;     // else rejected
    bool already_had = false;  // accepted earlier; this was a resend
    std::string reason;        // rejected: "bad_body", "unknown_kind", "unknown_subject"
    std::string message;       // rejected: the back office's words
};

// Reads a 200 answer to a push of `ids`: exactly one result per entry, in the same
// order, each naming its entry's id, "accepted" or "rejected". Anything else throws
// ReplyFormatError: nothing of such an answer is believed, and the batch is resent.
std::vector<EntryResult> parse_push_results(std::string_view body, const std::vector<std::string>& ids);

}  // namespace qiao::core
