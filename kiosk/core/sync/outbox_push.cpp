#include "core/sync/outbox_push.hpp"

#include <algorithm>
#include <chrono>

#include "core/sync/backoffice_reply.hpp"

namespace qiao::core {

namespace {

constexpr const char* kPushPath = "/api/v1/sync/push";

bool is_booking_request(const std::string& kind) { return kind == "booking_request" || kind == "booking_waitlist"; }

std::string subject_id(const OutboxEntry& entry) {
    const auto it = entry.body.is_object() ? entry.body.find("id") : entry.body.end();
    return it != entry.body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

SyncStep OutboxPush::push_all() {
    SyncStep total;
    while (true) {
        if (outbox_.depth() == 0) return total;
        const std::size_t limit_before = max_entries_;
        SyncStep step = push_once();
        total.changes |= step.changes;
        if (!step.done()) {
            step.changes = total.changes;
            return step;
        }
        // Each turn must settle an entry or shrink the batch; else the same batch would go
        // round and round (its entries' acknowledgements keep failing in the store). Not
        // the outbox's depth: on a busy kiosk new entries arrive while a batch is out.
        if (settled_ == 0 && max_entries_ >= limit_before) {
            total.outcome = SyncStep::Outcome::Failed;
            total.error = "push: the back office has the entries, but the kiosk could not note it (see the log)";
            return total;
        }
    }
}

SyncStep OutboxPush::push_once() {
    SyncStep step;
    settled_ = 0;
    const std::vector<OutboxEntry> candidates = outbox_.next_batch(max_entries_);
    if (candidates.empty()) return step;
    const PushBatch batch = build_push_batch(candidates, log_, max_entries_, kPushMaxBytes);
    std::vector<std::string> ids;
    for (const OutboxEntry& entry : batch.entries) ids.push_back(entry.id);

    const HttpReply reply = api_.post(kPushPath, batch.request);
    switch (verdict_of(reply)) {
    case ReplyVerdict::Success: break;
    case ReplyVerdict::Unauthenticated:
        step.outcome = SyncStep::Outcome::Unauthenticated;
        step.error = describe_failure("push", reply);
        return step;
    case ReplyVerdict::RequestRefused: {
        // The request itself was refused (400, 413) and nothing of it applied. Halve the
        // batch until the entry at fault goes alone; that one is never sent again.
        const std::string why = describe_failure("push", reply);
        if (batch.entries.size() > 1) {
            max_entries_ = std::max<std::size_t>(1, batch.entries.size() / 2);
            log_.warning(why + "; trying again with at most " + std::to_string(max_entries_) + " entries");
            return step;
        }
        const OutboxEntry& entry = batch.entries.front();
        const std::string code = reply.status == 413 ? "too_large" : "bad_request";
        std::vector<std::string> none;
        settled_ += apply(entry, EntryResult{entry.id, false, false, code, why}, none, step.changes);
        return step;
    }
    case ReplyVerdict::RetryLater:
    case ReplyVerdict::Refused:
        step.outcome = reply.stopped ? SyncStep::Outcome::Stopped : SyncStep::Outcome::Failed;
        step.error = describe_failure("push", reply);
        if (!reply.stopped) note_failure(batch.entries, step.error);
        return step;
    }

    std::vector<EntryResult> results;
    try {
        results = parse_push_results(reply.body, ids);
    } catch (const ReplyFormatError& e) {
        step.outcome = SyncStep::Outcome::Failed;
        step.error = std::string("push: ") + e.what();
        note_failure(batch.entries, step.error);
        return step;
    }
    // The whole answer is noted in one transaction (one fsync, not one per entry); each
    // entry's own writes are a savepoint inside it, so one that fails is undone alone.
    try {
        Transaction noting(outbox_.db());
        std::vector<std::string> acknowledged;
        for (std::size_t i = 0; i < batch.entries.size(); ++i)
            settled_ += apply(batch.entries[i], results[i], acknowledged, step.changes);
        // After every service forgot its data.
        outbox_.acknowledge(acknowledged);
        noting.commit();
    } catch (const StorageError& e) {
        // Nothing of the answer was kept: the entries are sent again, and the back office
        // answers the same (it has them).
        settled_ = 0;
        step.outcome = SyncStep::Outcome::Failed;
        step.error = std::string("push: the back office has the entries, but the kiosk could not note it: ") + e.what();
        return step;
    }
    max_entries_ = std::min(kPushMaxEntries, max_entries_ * 2);  // grow back after a halving
    return step;
}

bool OutboxPush::apply(const OutboxEntry& entry, const EntryResult& result, std::vector<std::string>& acknowledged,
                       StoreChanges& changes) {
    const std::string subject = subject_id(entry);
    try {
        if (result.accepted) {
            if (is_booking_request(entry.kind) && !subject.empty()) {
                bookings_.acknowledged(subject);
                changes.bookings = true;
            } else if (entry.kind == "help_request" && !subject.empty()) {
                help_.acknowledged(subject);
                changes.help = true;
            }
            acknowledged.push_back(entry.id);
            return true;
        }
        log_.warning("the back office refused " + entry.kind + " entry " + entry.id + " for good (" + result.reason +
                     (result.message.empty() ? "" : ": " + result.message) + "); it is kept as a sync problem for staff");
        if (is_booking_request(entry.kind) && !subject.empty()) {
            try {
                // The senior sees "not booked"; the catalog words the reason.
                bookings_.apply_update({{"kind", "booking"}, {"id", subject}, {"state", "declined"}, {"reason", "not_accepted"}},
                                       std::chrono::system_clock::now());
            } catch (const BookingError& e) {
                log_.warning(std::string("booking ") + subject + " is left as it was: " + e.what());
            }
            bookings_.acknowledged(subject);  // the number will never be needed: it goes
            changes.bookings = true;
        } else if (entry.kind == "help_request" && !subject.empty()) {
            help_.refused(subject);
            changes.help = true;
        }
        outbox_.reject(entry.id, result.reason, result.message);
        return true;
    } catch (const std::exception& e) {
        // The store failed: the entry stays and is sent again; its answer will not change.
        log_.error("the answer for " + entry.kind + " entry " + entry.id + " could not be noted: " + e.what());
        note_failure({entry}, std::string("could not note the back office's answer: ") + e.what());
        return false;
    }
}

void OutboxPush::note_failure(const std::vector<OutboxEntry>& entries, const std::string& error) {
    for (const OutboxEntry& entry : entries) {
        try {
            outbox_.note_failure(entry.id, error);
        } catch (const std::exception& e) {
            log_.error(std::string("could not note a failed send: ") + e.what());
            return;
        }
    }
}

}  // namespace qiao::core
