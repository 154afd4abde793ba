#pragma once
// HoursLedger: the hours volunteers serve at this kiosk, as a time bank keeps them.
// Checking in keeps an open shift in the store (it survives a restart); checking out
// reports the shift to the back office as an "hours_served" outbox entry and keeps the
// kiosk's own copy of the two ledger rows the back office will write (+minutes to
// volunteer:<staff id>, -minutes from site:<site id>), all in ONE transaction with the
// shift's removal: a kiosk killed at any moment has either the open shift or the
// reported hours, never both and never neither.
//
// Minutes are the span rounded to the nearest minute, at least 1 and at most 720: a
// shift left open for longer than 12 hours (a forgotten check-out) counts as 12 hours
// and says so (ServedHours::cut).
#include <optional>
#include <string>

#include "core/booking/wall_time.hpp"
#include "core/outbox/outbox.hpp"
#include "core/storage/database.hpp"

namespace qiao::core {

inline constexpr int kMaxServedMinutes = 12 * 60;

struct ServedHours {
    std::string staff_id;
    std::string kind;  // "shift" or "class"
    WallTime started, ended;  // as reported: ended is cut back with the minutes
    int minutes = 0;
    bool cut = false;      // the span was longer than 12 hours and counts as 12
    std::string entry_id;  // the outbox entry that reports it
};

class HoursLedger {
public:
    HoursLedger(Database& db, Outbox& outbox) : db_(db), outbox_(outbox) {}

    // Opens a shift for an active staff member of this site (std::invalid_argument with a
    // plain message otherwise). Checking in twice changes nothing: the first start stands.
    // Returns when the open shift started.
    WallTime check_in(const std::string& staff_id, WallTime now);
    std::optional<WallTime> open_shift(const std::string& staff_id) const;
    // Closes the open shift (std::invalid_argument when there is none) and reports it,
    // in one transaction. A clock set back before the start counts 1 minute.
    ServedHours check_out(const std::string& staff_id, WallTime now);
    // Reports a class held from started to ended (kind "class"), in one transaction (a
    // savepoint of the caller's, when inside one: ClassRecord uses it so). Needs an
    // active staff member and ended not before started (std::invalid_argument).
    ServedHours record_class(const std::string& staff_id, WallTime started, WallTime ended);

    // What the back office counted for this person (the roster's hours_minutes) plus
    // what this kiosk reported that has not been acknowledged yet (its outbox entry is
    // still waiting). Acknowledged hours are already in the back office's total.
    int own_total_minutes(const std::string& staff_id) const;

private:
    ServedHours report(const std::string& staff_id, const char* kind, WallTime started, WallTime ended);

    Database& db_;
    Outbox& outbox_;
};

// The minutes a span counts for, as above: (minutes, whether it was cut at 12 hours).
std::pair<int, bool> served_minutes(WallTime started, WallTime ended);

}  // namespace qiao::core
