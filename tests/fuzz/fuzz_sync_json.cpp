// libFuzzer target for the sync protocol's JSON, on the back office's side: whatever a
// kiosk (or anyone holding a token) sends to POST /api/v1/sync/push goes through
// EntryIntake::push, as the route does, against a real BackOffice in memory with a
// site, a kiosk and a timetable of small slots. Built by tests/fuzz/CMakeLists.txt and
// run for a bounded time by scripts/run-fuzz.sh SECONDS sync_json (CTest: fuzz/sync_json).
//
// Besides "no crash, no sanitizer report", it checks what the protocol promises: a push
// is either refused whole (ApiError, 400 or 413) or answered with one result per entry,
// in order, each accepted or rejected with a reason; a rejected or refused push stores
// no booking; no slot ever holds more confirmed bookings than its capacity; and the
// hours ledger always balances.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "backoffice/api_error.hpp"
#include "backoffice/back_office.hpp"

namespace {

using qiao::backoffice::BackOffice;
using qiao::backoffice::Caller;
using qiao::backoffice::Clock;

[[noreturn]] void broken(const std::string& what, const std::string& input) {
    std::fprintf(stderr, "sync push broke its promise: %s\ninput: %s\n", what.c_str(), input.substr(0, 2000).c_str());
    std::abort();
}

std::string future_timetable() {
    // Slots a day and two days ahead of the fuzzer's clock, capacity 2 and 1.
    using namespace std::chrono;
    const year_month_day d1{floor<days>(system_clock::now()) + days(1)}, d2{floor<days>(system_clock::now()) + days(2)};
    char a[16], b[16];
    std::snprintf(a, sizeof a, "%04d-%02u-%02u", int(d1.year()), unsigned(d1.month()), unsigned(d1.day()));
    std::snprintf(b, sizeof b, "%04d-%02u-%02u", int(d2.year()), unsigned(d2.month()), unsigned(d2.day()));
    return std::string(R"({"format":1,"utc_offset":"+00:00","services":[{"id":"phone-class","kind":"class",)"
                       R"("name":{"zh-CN":"课"},"rules":{"min_notice_minutes":0}}],"slots":[)"
                       R"({"id":"s1","service":"phone-class","start":")") + a + R"(T10:00","end":")" + a +
           R"(T11:00","place":{"zh-CN":"楼"},"capacity":2},{"id":"s2","service":"phone-class","start":")" + b +
           R"(T10:00","end":")" + b + R"(T11:00","place":{"zh-CN":"楼"},"capacity":1}]})";
}

struct Office {
    BackOffice office{":memory:"};
    Caller kiosk;
    Office() {
        office.enrolment().add_site("fuzz", "Fuzz site", Clock::now());
        office.timetables().load("fuzz", future_timetable(), "fuzz timetable", Clock::now());
        const auto code = office.enrolment().make_code("fuzz", std::chrono::hours(1), Clock::now());
        const auto enrolled = office.enrolment().redeem(code, "fuzz kiosk", Clock::now());
        kiosk = office.enrolment().authenticate("Bearer " + enrolled.token);
        // A volunteer with an id the fuzzer can find (sync.dict has no random ids), so
        // hours_served and class_held get past "no such staff member".
        office.db().exec("INSERT INTO staff (id, site_id, name, role, token_hash, created_at) "
                         "VALUES ('s-fuzz', 'fuzz', 'Fuzz Volunteer', 'volunteer', 'not a hash', '2026-01-01T00:00:00Z')");
    }
};

std::int64_t count(BackOffice& office, const char* sql) {
    qiao::core::Statement select(office.db(), sql);
    select.step();
    return select.column_int(0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Office* fixture = new Office();  // one office for the whole run, as a server has
    const std::string input(reinterpret_cast<const char*>(data), size);
    const nlohmann::json request = nlohmann::json::parse(input, nullptr, false);
    if (request.is_discarded()) return 0;  // the route answers 400 before the intake sees it

    BackOffice& office = fixture->office;
    const std::int64_t bookings_before = count(office, "SELECT COUNT(*) FROM bookings");
    nlohmann::json answer;
    try {
        answer = office.intake().push(fixture->kiosk, request, Clock::now());
    } catch (const qiao::backoffice::ApiError& e) {
        if (e.status() != 400 && e.status() != 413) broken("refused with HTTP " + std::to_string(e.status()), input);
        if (count(office, "SELECT COUNT(*) FROM bookings") != bookings_before) broken("a refused push stored bookings", input);
        return 0;
    }
    const auto& entries = request["entries"];
    const auto& results = answer["results"];
    if (!results.is_array() || results.size() != entries.size()) broken("not one result per entry", input);
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto& result = results[i];
        if (result["id"] != entries[i]["id"]) broken("results out of order", input);
        const std::string status = result.value("status", "");
        if (status == "rejected") {
            if (result.value("reason", "").empty() || result.value("message", "").empty())
                broken("a rejection without its reason", input);
        } else if (status != "accepted") {
            broken("a result that is neither accepted nor rejected", input);
        }
    }
    if (count(office, "SELECT COUNT(*) FROM bookings WHERE slot_id = 's1' AND state = 'confirmed'") > 2 ||
        count(office, "SELECT COUNT(*) FROM bookings WHERE slot_id = 's2' AND state = 'confirmed'") > 1)
        broken("a slot holds more confirmed bookings than seats", input);
    // Hours are double entry: the ledger, and each entry's pair of rows, sum to 0.
    if (count(office, "SELECT COALESCE(SUM(minutes), 0) FROM hours_ledger") != 0 ||
        count(office, "SELECT COUNT(*) FROM (SELECT entry_id FROM hours_ledger GROUP BY entry_id "
                      "HAVING SUM(minutes) != 0 OR COUNT(*) != 2)") != 0)
        broken("the hours ledger does not balance", input);
    // The feed a kiosk would pull still reads.
    (void)office.feed().read(fixture->kiosk.site_id, fixture->kiosk.id, 0, 500);
    return 0;
}
