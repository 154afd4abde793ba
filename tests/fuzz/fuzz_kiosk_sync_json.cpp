// libFuzzer target for the sync protocol's JSON, on the kiosk's side: what a back office
// (or anything posing as one) answers to a push and to a pull. Built by
// tests/fuzz/CMakeLists.txt and run for a bounded time by
// scripts/run-fuzz.sh SECONDS kiosk_sync_json (CTest: fuzz/kiosk_sync_json).
//
// The input's first byte chooses the path; the rest is what the back office answered:
//
//   even first byte ('0'): a push answer. The first line after it is the ids of the
//       entries sent, comma-separated ("" is no entries, "a," is "a" and ""); the rest,
//       after the '\n', is the body of the 200 answer, read by parse_push_results
//       (core/sync/push_batch.hpp). It either throws ReplyFormatError
//       (core/sync/backoffice_reply.hpp) or returns exactly one result per id, in order,
//       each naming its id, accepted or rejected as the body says (and only an accepted
//       one "already had"). Anything else thrown is a broken promise.
//   odd first byte ('1'): a pull page. The rest is the body of the 200 answer to the
//       first GET /api/v1/sync/pull; a fake BackofficeApi answers any later pull with an
//       empty page. PulledChanges::pull_all (core/sync/pulled_changes.hpp) runs over an
//       in-memory kiosk store holding a timetable, one booking (id b000...0001,
//       "requested") and one help request (id c000...0001, "waiting_to_send"), both
//       queued in the outbox, and the pull cursor at 10; every input starts from that
//       same store (copied back from a pristine one with SQLite's backup API, which is
//       much quicker than making and migrating a store each time). It must not throw (failures are a Failed step with its words); the cursor
//       never goes back, stays put when the pull failed, and reaches the page's
//       "next_after" when it was done; the store passes PRAGMA quick_check, still reads
//       (the booking, the help request, the timetable, as a kiosk starting again would),
//       every site setting stored reads as the config file would, the pulled catalogue
//       and keys are kept as objects with their list, and the pull queued nothing to send.
//
// Seeds: tests/fuzz/corpus-kiosk-sync/ (a '0' or '1', then the JSON); dict:
// tests/fuzz/kiosk-sync.dict.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "core/booking/booking_service.hpp"
#include "core/booking/schedule.hpp"
#include "core/config/kiosk_config.hpp"
#include "core/help/help_desk.hpp"
#include "core/log.hpp"
#include "core/outbox/outbox.hpp"
#include "core/storage/local_store.hpp"
#include "core/storage/settings_store.hpp"
#include "core/storage/touch_stats.hpp"
#include "core/sync/backoffice_api.hpp"
#include "core/sync/backoffice_reply.hpp"
#include "core/sync/pulled_changes.hpp"
#include "core/sync/push_batch.hpp"
#include "core/sync/sync_credentials.hpp"
#include "core/sync/sync_stores.hpp"

namespace {

using json = nlohmann::json;
namespace core = qiao::core;

constexpr const char* kBookingId = "b0000000000000000000000000000001";
constexpr const char* kHelpId = "c0000000000000000000000000000001";
constexpr std::int64_t kStartCursor = 10;
constexpr const char* kEmptyPage = R"({"protocol": 1, "changes": [], "next_after": 0, "more": false})";

[[noreturn]] void broken(const std::string& what, std::string_view input) {
    std::fprintf(stderr, "the kiosk's sync broke its promise: %s\ninput: %.*s\n", what.c_str(),
                 static_cast<int>(std::min<std::size_t>(input.size(), 2000)), input.data());
    std::abort();
}

// ---- (1) the push answer ----

std::vector<std::string> split_ids(std::string_view line) {
    std::vector<std::string> ids;
    if (line.empty()) return ids;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        ids.emplace_back(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return ids;
}

void fuzz_push_answer(std::string_view input) {
    const std::size_t newline = input.find('\n');
    const std::string_view line = newline == std::string_view::npos ? input : input.substr(0, newline);
    const std::string_view body = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
    const std::vector<std::string> ids = split_ids(line);

    std::vector<core::EntryResult> results;
    try {
        results = core::parse_push_results(body, ids);
    } catch (const core::ReplyFormatError& e) {
        if (std::string_view(e.what()).empty()) broken("a ReplyFormatError without words", input);
        return;
    } catch (const std::exception& e) {
        broken(std::string("parse_push_results threw something else: ") + e.what(), input);
    }

    // Believed: then it is exactly what the header promises, and what the body says.
    if (results.size() != ids.size()) broken("not one result per entry", input);
    const json answer = json::parse(body, nullptr, false);
    if (!answer.is_object() || answer.value("protocol", json()) != json(1)) broken("believed an answer without protocol 1", input);
    const json& listed = answer["results"];
    if (!listed.is_array() || listed.size() != ids.size()) broken("believed a results list of another length", input);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const core::EntryResult& r = results[i];
        if (r.id != ids[i]) broken("result " + std::to_string(i) + " is for another entry", input);
        const json& sent = listed[i];
        if (!sent.is_object() || sent.value("id", json()) != json(ids[i])) broken("believed a result for another id", input);
        const json status = sent.value("status", json());
        if (r.accepted) {
            if (status != json("accepted")) broken("accepted what the body did not accept", input);
            if (!r.reason.empty() || !r.message.empty()) broken("an accepted entry with a rejection's reason", input);
        } else {
            if (status != json("rejected")) broken("rejected what the body did not reject", input);
            if (r.already_had) broken("a rejected entry the back office 'already had'", input);
        }
    }
}

// ---- (2) the pull page ----

// A small timetable: one class on Wednesday 2 December 2026, 15:00-16:00 at +08:00.
constexpr const char* kServices = R"({
  "format": 1, "utc_offset": "+08:00",
  "services": [{"id": "phone-class", "kind": "class", "name": {"zh-CN": "智能手机课堂", "en": "Smartphone class"},
                "rules": {"min_notice_minutes": 60, "max_days_ahead": 14}}],
  "slots": [{"id": "talk-1", "service": "phone-class", "start": "2026-12-02T15:00", "end": "2026-12-02T16:00",
             "place": {"zh-CN": "一楼礼堂", "en": "Hall"}, "capacity": 3}]})";

// Monday 2026-11-30, 10:00 at +08:00.
const core::WallTime kNow = std::chrono::system_clock::from_time_t(1796004000);

class OnePageBackoffice final : public core::BackofficeApi {
public:
    explicit OnePageBackoffice(std::string page) : page_(std::move(page)) {}

    core::HttpReply post(std::string_view, const json&) override { return not_found(); }
    core::HttpReply get(std::string_view path) override {
        ++gets;
        if (std::string_view(path).rfind("/api/v1/sync/pull?after=", 0) != 0) return not_found();
        if (gets == 1) return core::HttpReply{200, page_, "", false};
        return core::HttpReply{200, kEmptyPage, "", false};
    }
    core::HttpReply download(std::string_view, const std::filesystem::path&) override { return not_found(); }

    int gets = 0;

private:
    static core::HttpReply not_found() { return {404, R"({"error":"not_found","message":"no such path"})", "", false}; }
    std::string page_;
};

struct Kiosk {
    core::LocalStore store = core::LocalStore::open_in_memory();
    core::Outbox outbox{store.db()};
    core::BookingService bookings{store.db(), outbox};
    core::HelpDesk help{store.db(), outbox};
    core::SettingsStore settings{store.db()};
    core::TouchStats touches{store.db()};
    core::SyncStores stores{store.db(), outbox, bookings, help, settings, touches};

    Kiosk() {
        bookings.load_schedule(core::parse_schedule(kServices, "fuzz services"), "fuzz", kNow);
        const core::Booking booking = bookings.request({"talk-1", "13812345678", false}, kNow);
        rename("bookings", booking.id, kBookingId);
        core::HelpRequestDraft draft;
        draft.category = core::HelpCategory::Scam;
        draft.phone_digits = "13812345678";
        const core::HelpRequest request = help.submit(draft, kNow, kNow + std::chrono::minutes(30));
        rename("help_requests", request.id, kHelpId);
        settings.set(core::sync_keys::kCursor, std::to_string(kStartCursor));
    }

    void rename(const std::string& table, const std::string& from, const char* to) {
        core::Statement update(store.db(), "UPDATE " + table + " SET id = ? WHERE id = ?");
        update.bind(1, to).bind(2, from);
        update.run();
    }
};

void check_store(Kiosk& kiosk, std::string_view input) {
    const std::string check = kiosk.store.db().quick_check();
    if (check != "ok") broken("the store fails PRAGMA quick_check: " + check, input);
    if (!kiosk.bookings.find(kBookingId)) broken("the booking is gone", input);
    if (!kiosk.help.find(kHelpId)) broken("the help request is gone", input);
    if (kiosk.outbox.depth() != 2) broken("the pull queued or dropped outbox entries", input);
    // A kiosk starting again reads the stored timetable: what was stored was checked.
    core::BookingService again(kiosk.store.db(), kiosk.outbox);
    if (!again.schedule()) broken("the stored timetable no longer reads: " + again.schedule_problem(), input);
    for (const auto& [key, value] : kiosk.settings.all()) {
        if (key == core::sync_keys::kPackCatalogue || key == core::sync_keys::kTrustedKeys) {
            const json kept = json::parse(value, nullptr, false);
            const char* list = key == core::sync_keys::kPackCatalogue ? "packs" : "keys";
            if (!kept.is_object() || !kept.contains(list) || !kept[list].is_array())
                broken("kept " + key + " without its list", input);
            continue;
        }
        if (!core::site_may_set(key)) continue;
        try {
            (void)core::parse_config(key + " = \"" + value + "\"\n", "the stored settings");
        } catch (const core::ConfigError& e) {
            broken("stored a setting the config file would refuse: " + key + ": " + e.what(), input);
        }
    }
}

// Copies every page of `from` over `to` (both open, no statement running on `to`).
void copy_store(core::Database& from, core::Database& to) {
    sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (!backup) {
        std::fprintf(stderr, "fuzz fixture: the store could not be copied: %s\n", sqlite3_errmsg(to.handle()));
        std::abort();
    }
    const int stepped = sqlite3_backup_step(backup, -1);
    const int finished = sqlite3_backup_finish(backup);
    if (stepped != SQLITE_DONE || finished != SQLITE_OK) {
        std::fprintf(stderr, "fuzz fixture: the store could not be copied: %s\n", sqlite3_errstr(stepped));
        std::abort();
    }
}

struct PullFixture {
    Kiosk kiosk;
    core::Database pristine = core::Database::open(":memory:");
    PullFixture() { copy_store(kiosk.store.db(), pristine); }
    // The store as it was before the first input; the services read it again.
    Kiosk& fresh() {
        copy_store(pristine, kiosk.store.db());
        kiosk.bookings.reload_schedule();
        return kiosk;
    }
};

void fuzz_pull_page(std::string_view input) {
    static PullFixture* fixture = new PullFixture();  // one for the whole run
    Kiosk& kiosk = fixture->fresh();
    core::Log log{[](core::LogLevel, std::string_view) {}};
    OnePageBackoffice api{std::string(input)};
    core::PulledChanges pull(api, kiosk.stores, log, 200);
    const std::int64_t before = pull.cursor();
    if (before != kStartCursor) broken("the fixture's cursor did not read back", input);
    if (kiosk.bookings.find(kBookingId)->state != core::BookingState::Requested ||
        kiosk.help.find(kHelpId)->status != "waiting_to_send" || !kiosk.bookings.schedule())
        broken("the fixture was not reset", input);

    core::SyncStep step;
    try {
        step = pull.pull_all();
    } catch (const std::exception& e) {
        broken(std::string("pull_all threw: ") + e.what(), input);
    }
    const std::int64_t after = pull.cursor();
    if (after < before) broken("the cursor went back from " + std::to_string(before) + " to " + std::to_string(after), input);
    switch (step.outcome) {
    case core::SyncStep::Outcome::Done: {
        if (!step.error.empty()) broken("a done pull with an error: " + step.error, input);
        const json page = json::parse(input, nullptr, false);
        const std::int64_t next_after = page["next_after"].get<std::int64_t>();
        if (after < next_after) broken("the cursor stopped before the page's next_after", input);
        for (const json& change : page["changes"])
            if (after < change["seq"].get<std::int64_t>()) broken("the cursor stopped before a change applied", input);
        if (api.gets > 2) broken("asked again after an empty last page", input);
        break;
    }
    case core::SyncStep::Outcome::Failed:
        if (step.error.rfind("pull: ", 0) != 0) broken("a failed pull without its plain words: " + step.error, input);
        if (after != before) broken("a failed pull moved the cursor", input);
        break;
    default:
        broken("a 200 answer ended the pull as unauthenticated or stopped", input);
    }
    check_store(kiosk, input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (data[0] % 2 == 0) {
        fuzz_push_answer(input);
    } else {
        fuzz_pull_page(input);
    }
    return 0;
}
