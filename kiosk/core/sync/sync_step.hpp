#pragma once
// SyncStep: how one part of a sync round (push, pull, heartbeat) ended.
#include <string>

#include "core/sync/store_changes.hpp"

namespace qiao::core {

struct SyncStep {
    enum class Outcome {
        Done,             // everything there was to do is done
        Failed,           // stopped at a failure; retry with back-off (error says why)
        Unauthenticated,  // 401: the token is unknown or revoked; stop until enrolled again
        Stopped,          // the worker is stopping
    };
    Outcome outcome = Outcome::Done;
    std::string error;     // plain words, for staff and the log
    StoreChanges changes;  // what it changed in the store, even when it failed later

    bool done() const { return outcome == Outcome::Done; }
};

}  // namespace qiao::core
