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

// An entry the back office refused for good, as kept for staff (no body).
struct SyncProblem {
    std::string entry_id;
    std::string kind;
    std::string reason;   // "bad_body", "unknown_kind", "unknown_subject", "too_large"
    std::string message;  // the back office's words, digit runs masked
    std::string created_at;
    std::string noted_at;
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

    // The store it writes to (a caller that notes several answers in one transaction).
    Database& db() const { return db_; }

    // How many entries wait to be sent.
    std::size_t depth() const;

    // The back office refused this entry for good ("rejected"): it must never be sent
    // again. In one transaction the entry leaves the outbox and a note for staff is kept
    // in sync_problems: its id, kind, the back office's reason and message (long digit
    // runs masked), never its body, which may carry a phone number. Unknown ids do nothing.
    void reject(const std::string& id, std::string_view reason, std::string_view message);

    // The notes reject() kept, oldest first, and how many there are.
    std::vector<SyncProblem> problems() const;
    std::size_t problem_count() const;

private:
    Database& db_;
};

// 32 hex digits from libsodium's randombytes: the ids the kiosk gives what it creates.
std::string new_client_id();



}  // namespace qiao::core
