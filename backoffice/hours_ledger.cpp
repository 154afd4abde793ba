#include "backoffice/hours_ledger.hpp"

#include "backoffice/entry_rejected.hpp"
#include "core/booking/wall_time.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::backoffice {

namespace {

using json = nlohmann::json;

core::WallTime body_time(const json& body, const char* name) {
    const std::string text = body_text(body, name, 40);
    const auto time = core::parse_utc_text(text);
    if (!time) throw EntryRejected("bad_body", std::string("body.") + name + ": not an ISO 8601 UTC time");
    return *time;
}

int served_minutes(const json& body) {
    const auto it = body.find("minutes");
    if (it == body.end() || !it->is_number_integer())
        throw EntryRejected("bad_body", "body.minutes: must be a whole number of minutes");
    const std::int64_t minutes = it->get<std::int64_t>();
    if (minutes < 1 || minutes > kMaxServedMinutes)
        throw EntryRejected("bad_body", "body.minutes: must be 1 to " + std::to_string(kMaxServedMinutes));
    return static_cast<int>(minutes);
}

}  // namespace

void HoursLedger::take(const Caller& kiosk, const std::string& entry_id, const json& body, Clock::time_point now) {
    const std::string staff_id = body_text(body, "staff_id", 64);
    const std::string kind = body_text(body, "kind", 16);
    if (kind != "shift" && kind != "class") throw EntryRejected("bad_body", "body.kind: must be shift or class");
    const core::WallTime started = body_time(body, "started_at");
    const core::WallTime ended = body_time(body, "ended_at");
    const int minutes = served_minutes(body);
    if (ended < started) throw EntryRejected("bad_body", "body.ended_at: before started_at");
    // The kiosk rounds to the nearest minute and records at least one, so a minute more
    // than the times allow is rounding; more than that is hours nobody served. (Less is
    // fine: a shift left open is cut at 12 hours.)
    const auto between = std::chrono::duration_cast<std::chrono::seconds>(ended - started);
    if (std::int64_t{minutes} * 60 > between.count() + 60)
        throw EntryRejected("bad_body", "body.minutes: more than the time between started_at and ended_at");
    // A revoked member's hours still count: a kiosk that was offline sends them late.
    const auto member = roster_.member(staff_id);
    if (!member || member->site_id != kiosk.site_id)
        throw EntryRejected("unknown_subject", "no staff member " + staff_id + " at this site");

    core::Statement insert(db_,
                           "INSERT INTO hours_ledger (entry_id, site_id, account, staff_id, minutes, kind, started_at, "
                           "ended_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const std::string recorded = core::iso8601_utc_ms(now);
    for (const auto& [account, signed_minutes] : {std::pair{volunteer_account(staff_id), minutes},
                                                  std::pair{site_account(kiosk.site_id), -minutes}}) {
        insert.reset();
        insert.bind(1, entry_id).bind(2, kiosk.site_id).bind(3, account).bind(4, staff_id).bind(5, signed_minutes);
        insert.bind(6, kind).bind(7, body["started_at"].get<std::string>()).bind(8, body["ended_at"].get<std::string>());
        insert.bind(9, recorded);
        insert.run();
    }
    roster_.tell_kiosks(staff_id);
}

std::int64_t HoursLedger::balance(const std::string& account) const {
    core::Statement sum(db_, "SELECT COALESCE(SUM(minutes), 0) FROM hours_ledger WHERE account = ?");
    sum.bind(1, account);
    sum.step();
    return sum.column_int(0);
}

}  // namespace qiao::backoffice
