#pragma once
// Outbox: what the kiosk still owes the back office. A core service writes its row and
// its outbox entry in one Transaction (DESIGN.md, "How data flows"); the sync worker
// ships entries oldest first and deletes an entry only once the back office has
// acknowledged its id. Each id is made here, at random, so the back office can apply
// an entry exactly once however often a killed worker resends it.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/storage/database.hpp"

namespace qiao::core {

struct OutboxEntry {
    std::string id;
    std::string kind;  // what the body is, e.g. "help_request"
    nlohmann::json body;
    std::string created_at;  // ISO 8601 UTC, milliseconds
    int attempts = 0;        // failed sends so far
    std::string last_error;  // why the last send failed; "" if none
};

class Outbox {
public:
    explicit Outbox(Database& db) : db_(db) {}

    // Queues one entry and returns its new id (32 hex digits). Opens no transaction of
    // its own: call it inside the caller's Transaction, so the entry and the row it
    // reports are stored together or not at all.
    std::string add(std::string_view kind, const nlohmann::json& body);

    // Up to max entries, oldest first.
    std::vector<OutboxEntry> next_batch(std::size_t max) const;

    // The back office has these ids: delete them. Unknown ids are ignored (an entry
    // acknowledged twice, after a resend, is no error).
    void acknowledge(const std::vector<std::string>& ids);

    // A send of this entry failed: count it and keep the reason, for staff and back-off.
    void note_failure(const std::string& id, std::string_view error);

    // How many entries wait to be sent.
    std::size_t depth() const;

private:
    Database& db_;
};

// 32 hex digits from libsodium's randombytes: the ids the kiosk gives what it creates.
std::string new_client_id();



}  // namespace qiao::core
