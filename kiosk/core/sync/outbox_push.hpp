#pragma once
// OutboxPush: ships the outbox to the back office, oldest first, in batches (at most
// 100 entries or 4 MiB), and does what each per-entry result says:
//   accepted: the service forgets the personal data (BookingService::acknowledged for
//             booking_request/booking_waitlist, HelpDesk::acknowledged for help_request),
//             THEN the entry leaves the outbox: if the kiosk dies in between, the entry is
//             resent and acknowledged again, and no full number outlives the answer.
//   rejected: the entry is never sent again (Outbox::reject keeps a note for staff, with
//             no body); a booking request is marked declined so the senior sees "not
//             booked", a help request "not sent"; their personal data goes first, as above.
// A failed send counts against each entry of the batch (Outbox::note_failure).
#include <cstddef>

#include "core/booking/booking_service.hpp"
#include "core/help/help_desk.hpp"
#include "core/log.hpp"
#include "core/outbox/outbox.hpp"
#include "core/sync/backoffice_api.hpp"
#include "core/sync/push_batch.hpp"
#include "core/sync/sync_step.hpp"

namespace qiao::core {

class OutboxPush {
public:
    OutboxPush(BackofficeApi& api, Outbox& outbox, BookingService& bookings, HelpDesk& help, Log& log)
        : api_(api), outbox_(outbox), bookings_(bookings), help_(help), log_(log) {}

    // Pushes until the outbox is empty, or a push fails (then the round backs off).
    SyncStep push_all();

    // One request of the oldest entries. Done when the answer was applied (or there was
    // nothing to send); empty() tells whether anything is left.
    SyncStep push_once();

    std::size_t batch_limit() const { return max_entries_; }

private:
    // True when the answer was noted (the entry acknowledged or set aside).
    bool apply(const OutboxEntry& entry, const EntryResult& result, std::vector<std::string>& acknowledged,
               StoreChanges& changes);
    void note_failure(const std::vector<OutboxEntry>& entries, const std::string& error);

    BackofficeApi& api_;
    Outbox& outbox_;
    BookingService& bookings_;
    HelpDesk& help_;
    Log& log_;
    // Halved after a 400 or 413 for the whole request, to find the entry at fault (or
    // a size the server takes); doubled again after each push that goes through.
    std::size_t max_entries_ = kPushMaxEntries;
    std::size_t settled_ = 0;  // entries of the last push_once whose answer was noted
};

}  // namespace qiao::core
