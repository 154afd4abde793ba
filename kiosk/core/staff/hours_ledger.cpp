#include "core/staff/hours_ledger.hpp"

#include <stdexcept>

#include "core/staff/staff_roster.hpp"
#include "core/storage/settings_store.hpp"
#include "core/sync/sync_credentials.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::core {

namespace {

static constexpr char kOpenShiftSql[] = "SELECT started_at FROM staff_shifts WHERE staff_id = ?";
static constexpr char kCheckInSql[] = "INSERT OR IGNORE INTO staff_shifts (staff_id, started_at) VALUES (?, ?)";
static constexpr char kCloseShiftSql[] = "DELETE FROM staff_shifts WHERE staff_id = ?";
static constexpr char kLedgerRowSql[] =
    "INSERT INTO hours_ledger (entry_id, account, staff_id, minutes, kind, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
// Rows whose entry is still in the outbox: not yet in the back office's total. (A
// rejected entry leaves the outbox too: the back office never counted it, nor does this.)
static constexpr char kWaitingMinutesSql[] =
    "SELECT COALESCE(SUM(minutes), 0) FROM hours_ledger WHERE account = ? AND entry_id IN (SELECT id FROM outbox)";

std::string volunteer_account(const std::string& staff_id) { return "volunteer:" + staff_id; }

StaffAccount active_staff(Database& db, const std::string& staff_id) {
    const auto account = StaffRoster(db).find(staff_id);
    if (!account || !account->active)
        throw std::invalid_argument("There is no active staff member " + staff_id.substr(0, kStaffIdMaxBytes) +
                                    " at this site on this kiosk; ask the site manager, or let the kiosk sync first.");
    return *account;
}

// Times go out to the second (the back office's ISO 8601 UTC); the span is measured on
// those seconds, so the minutes never exceed what the reported times allow.
WallTime whole_second(WallTime t) { return std::chrono::floor<std::chrono::seconds>(t); }

}  // namespace

std::pair<int, bool> served_minutes(WallTime started, WallTime ended) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(ended - started).count();
    if (seconds > std::int64_t{kMaxServedMinutes} * 60) return {kMaxServedMinutes, true};
    const auto minutes = static_cast<int>((std::max<std::int64_t>(0, seconds) + 30) / 60);
    return {std::clamp(minutes, 1, kMaxServedMinutes), false};
}

WallTime HoursLedger::check_in(const std::string& staff_id, WallTime now) {
    Transaction transaction(db_);
    active_staff(db_, staff_id);
    Statement insert(db_, kCheckInSql);
    insert.bind(1, staff_id).bind(2, iso8601_utc(whole_second(now)));
    insert.run();
    const auto started = open_shift(staff_id);
    transaction.commit();
    return started.value_or(whole_second(now));
}

std::optional<WallTime> HoursLedger::open_shift(const std::string& staff_id) const {
    Statement select(db_, kOpenShiftSql);
    select.bind(1, staff_id);
    if (!select.step()) return std::nullopt;
    // Written by check_in; a damaged value reads as "now" would be a lie, so as the epoch:
    // the check-out then counts the 12-hour most, and says it was cut.
    return parse_utc_text(select.column_text(0)).value_or(WallTime{});
}

ServedHours HoursLedger::check_out(const std::string& staff_id, WallTime now) {
    Transaction transaction(db_);
    const auto started = open_shift(staff_id);
    if (!started)
        throw std::invalid_argument("Staff member " + staff_id.substr(0, kStaffIdMaxBytes) +
                                    " is not checked in on this kiosk, so there is no shift to check out of.");
    ServedHours served = report(staff_id, "shift", *started, now);
    Statement close(db_, kCloseShiftSql);
    close.bind(1, staff_id);
    close.run();
    transaction.commit();
    return served;
}

ServedHours HoursLedger::record_class(const std::string& staff_id, WallTime started, WallTime ended) {
    if (ended < started) throw std::invalid_argument("A class cannot end before it started; check the kiosk's clock.");
    Transaction transaction(db_);
    active_staff(db_, staff_id);
    ServedHours served = report(staff_id, "class", started, ended);
    transaction.commit();
    return served;
}

ServedHours HoursLedger::report(const std::string& staff_id, const char* kind, WallTime started, WallTime ended) {
    ServedHours served;
    served.staff_id = staff_id;
    served.kind = kind;
    served.started = whole_second(started);
    // The back office refuses an end before the start: a clock set back ends at the start.
    served.ended = std::max(served.started, whole_second(ended));
    std::tie(served.minutes, served.cut) = served_minutes(served.started, served.ended);
    if (served.cut) served.ended = served.started + std::chrono::minutes(kMaxServedMinutes);
    const std::string started_at = iso8601_utc(served.started);
    const std::string ended_at = iso8601_utc(served.ended);
    served.entry_id = outbox_.add("hours_served", {{"staff_id", staff_id},
                                                   {"kind", kind},
                                                   {"started_at", started_at},
                                                   {"ended_at", ended_at},
                                                   {"minutes", served.minutes}});
    const std::string site_id = SettingsStore(db_).get(sync_keys::kSiteId).value_or("");
    for (const auto& [account, minutes] : {std::pair{volunteer_account(staff_id), served.minutes},
                                           std::pair{"site:" + site_id, -served.minutes}}) {
        Statement row(db_, kLedgerRowSql);
        row.bind(1, served.entry_id).bind(2, account).bind(3, staff_id).bind(4, minutes).bind(5, kind);
        row.bind(6, started_at).bind(7, ended_at);
        row.run();
    }
    return served;
}

int HoursLedger::own_total_minutes(const std::string& staff_id) const {
    const auto account = StaffRoster(db_).find(staff_id);
    Statement waiting(db_, kWaitingMinutesSql);
    waiting.bind(1, volunteer_account(staff_id));
    waiting.step();
    return (account ? account->hours_minutes : 0) + static_cast<int>(waiting.column_int(0));
}

}  // namespace qiao::core
