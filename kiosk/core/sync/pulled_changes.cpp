#include "core/sync/pulled_changes.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <stdexcept>
#include <string>

#include "core/booking/schedule.hpp"
#include "core/config/kiosk_config.hpp"
#include "core/staff/staff_roster.hpp"
#include "core/sync/backoffice_reply.hpp"
#include "core/sync/sync_credentials.hpp"

namespace qiao::core {

namespace {

using json = nlohmann::json;

// docs/configuration.md: the keys that belong to the site rather than to this machine.
constexpr std::array<std::string_view, 13> kSiteKeys = {
    "language",      "text_size",           "voice",          "speech_rate", "idle_timeout",
    "idle_warning",  "pack_max_mb",         "opening_hours",  "open_days",   "utc_offset",
    "help_response_minutes", "help_urgent_minutes", "check_in_window_minutes",
};

[[noreturn]] void bad_page(const std::string& why) {
    throw ReplyFormatError("the back office's answer to a pull is not what the protocol says: " + why);
}

struct Page {
    std::vector<json> changes;
    std::int64_t next_after = 0;
    bool more = false;
};

// The page's frame is read strictly (a bad one is retried whole); each change's data is
// checked by whoever applies it (a bad one is skipped).
Page read_page(const std::string& body) {
    const json answer = json::parse(body, nullptr, false);
    if (answer.is_discarded() || !answer.is_object()) bad_page("it is not a JSON object");
    const auto protocol = answer.find("protocol");
    if (protocol == answer.end() || !protocol->is_number_integer() || protocol->get<long long>() != 1)
        bad_page("\"protocol\" is not 1");
    const auto changes = answer.find("changes");
    if (changes == answer.end() || !changes->is_array()) bad_page("it has no \"changes\" list");
    const auto next_after = answer.find("next_after");
    if (next_after == answer.end() || !next_after->is_number_integer()) bad_page("\"next_after\" is not a whole number");
    const auto more = answer.find("more");
    if (more == answer.end() || !more->is_boolean()) bad_page("\"more\" is not true or false");
    Page page;
    page.next_after = next_after->get<std::int64_t>();
    page.more = more->get<bool>();
    std::int64_t previous = -1;
    for (const json& change : *changes) {
        const auto seq = change.is_object() ? change.find("seq") : change.end();
        if (seq == change.end() || !seq->is_number_integer()) bad_page("a change has no whole-number \"seq\"");
        if (seq->get<std::int64_t>() <= previous) bad_page("the changes are not in order of \"seq\"");
        previous = seq->get<std::int64_t>();
        page.changes.push_back(change);
    }
    if (!page.changes.empty() && page.next_after < previous) bad_page("\"next_after\" is before the last change");
    return page;
}

std::string setting_text(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_boolean()) return value.get<bool>() ? "on" : "off";
    if (value.is_number_integer()) return std::to_string(value.get<long long>());
    return value.dump();  // refused by the check below
}

}  // namespace

bool site_may_set(std::string_view key) { return std::find(kSiteKeys.begin(), kSiteKeys.end(), key) != kSiteKeys.end(); }

std::int64_t PulledChanges::cursor() const {
    const auto text = stores_.settings.get(sync_keys::kCursor);
    if (!text) return 0;
    try {
        return std::max<std::int64_t>(0, std::stoll(*text));
    } catch (const std::exception&) {
        return 0;  // a damaged mark: the back office sends what is true now again
    }
}

void PulledChanges::store_cursor(std::int64_t seq) { stores_.settings.set(sync_keys::kCursor, std::to_string(seq)); }

SyncStep PulledChanges::pull_all() {
    SyncStep step;
    while (true) {
        const std::int64_t after = cursor();
        const HttpReply reply =
            api_.get("/api/v1/sync/pull?after=" + std::to_string(after) + "&limit=" + std::to_string(page_size_));
        const ReplyVerdict verdict = verdict_of(reply);
        if (verdict != ReplyVerdict::Success) {
            step.outcome = reply.stopped                               ? SyncStep::Outcome::Stopped
                           : verdict == ReplyVerdict::Unauthenticated ? SyncStep::Outcome::Unauthenticated
                                                                      : SyncStep::Outcome::Failed;
            step.error = describe_failure("pull", reply);
            return step;
        }
        Page page;
        try {
            page = read_page(reply.body);
        } catch (const ReplyFormatError& e) {
            step.outcome = SyncStep::Outcome::Failed;
            step.error = std::string("pull: ") + e.what();
            return step;
        }
        // A page is applied in one transaction with the cursor that follows it: one fsync
        // per page, not two per change, and a kill leaves both or neither. Each change's
        // own transaction is a savepoint inside it, so a change that is refused is undone
        // alone.
        try {
            Transaction page_transaction(stores_.db);
            for (const json& change : page.changes) {
                const std::int64_t seq = change["seq"].get<std::int64_t>();
                if (seq <= after) continue;  // already applied (a server that repeats itself)
                apply(change, step.changes);
                store_cursor(seq);
            }
            if (page.next_after > cursor()) store_cursor(page.next_after);
            page_transaction.commit();
        } catch (const StorageError& e) {
            step.outcome = SyncStep::Outcome::Failed;
            step.error = std::string("pull: the kiosk's store failed while applying a change: ") + e.what();
            return step;
        }
        if (!page.more) return step;
        if (cursor() <= after) {
            // "more", yet nothing moved on: asking again would get the same page forever.
            step.outcome = SyncStep::Outcome::Failed;
            step.error = "pull: the back office says there is more but its page did not move on from " + std::to_string(after);
            return step;
        }
    }
}

bool PulledChanges::apply(const json& change, StoreChanges& changes) {
    const std::string seq = change.contains("seq") ? change["seq"].dump() : "?";
    const auto kind_it = change.find("kind");
    const auto data_it = change.find("data");
    if (kind_it == change.end() || !kind_it->is_string() || data_it == change.end() || !data_it->is_object()) {
        log_.warning("pulled change " + seq + " has no kind or no data; skipped");
        return false;
    }
    const std::string kind = kind_it->get<std::string>();
    const json& data = *data_it;
    const auto now = std::chrono::system_clock::now();
    try {
        if (kind == "booking") {
            stores_.bookings.apply_update(data, now);
            changes.bookings = true;
        } else if (kind == "help") {
            stores_.help.apply_update(data);
            changes.help = true;
        } else if (kind == "services") {
            const auto file = data.find("services_file");
            if (file == data.end() || !(file->is_object() || file->is_string()))
                throw ScheduleError("the back office's services change", {{"services_file", "missing, or not a services file"}});
            const std::string text = file->is_string() ? file->get<std::string>() : file->dump();
            stores_.bookings.load_schedule(parse_schedule(text, "the back office's services file"), "backoffice", now);
            changes.timetable = true;
        } else if (kind == "settings") {
            if (!apply_settings(data)) {
                log_.warning("pulled change " + seq + " (settings) has no \"settings\" object; skipped");
                return false;
            }
            changes.settings = true;
        } else if (kind == "staff") {
            // Read from the store at every look (staff_roster.hpp): nothing to tell the UI.
            StaffRoster(stores_.db).apply(data, now);
        } else if (kind == "pack_catalogue" || kind == "trusted_keys") {
            const char* list = kind == "pack_catalogue" ? "packs" : "keys";
            const auto it = data.find(list);
            if (it == data.end() || !it->is_array()) {
                log_.warning("pulled change " + seq + " (" + kind + ") has no \"" + list + "\" list; skipped");
                return false;
            }
            stores_.settings.set(kind == "pack_catalogue" ? sync_keys::kPackCatalogue : sync_keys::kTrustedKeys, data.dump());
            changes.catalogue = true;
        } else {
            log_.info("pulled change " + seq + " is of a kind this kiosk does not know (\"" + kind + "\"); skipped");
            return false;
        }
    } catch (const BookingError& e) {
        log_.warning("pulled change " + seq + " (booking) skipped: " + e.what());
        return false;
    } catch (const HelpError& e) {
        log_.warning("pulled change " + seq + " (help) skipped: " + e.what());
        return false;
    } catch (const std::invalid_argument& e) {
        // StaffRoster's refusal of a bad staff change; the account stays as it was.
        log_.warning("pulled change " + seq + " (" + kind + ") skipped: " + e.what());
        return false;
    } catch (const ScheduleError& e) {
        std::string problems;
        for (const ScheduleProblem& p : e.problems()) problems += "; " + p.where + ": " + p.what;
        log_.warning("pulled change " + seq + " (services) skipped, the timetable in use is unchanged: " + e.what() + problems);
        return false;
    }
    return true;
}

bool PulledChanges::apply_settings(const json& data) {
    const auto settings = data.find("settings");
    if (settings == data.end() || !settings->is_object()) return false;
    Transaction transaction(stores_.db);
    for (const auto& [key, value] : settings->items()) {
        if (!site_may_set(key)) {
            log_.warning("the back office's setting \"" + key + "\" is not one a site may set on a kiosk; ignored");
            continue;
        }
        const std::string text = setting_text(value);
        // Checked as the config file is, so a stored value never stops the kiosk later.
        try {
            if (text.find_first_of("\"\n\r") != std::string::npos) throw ConfigError("it holds a quote or a line break");
            (void)parse_config(key + " = \"" + text + "\"\n", "the back office's settings");
        } catch (const ConfigError& e) {
            log_.warning("the back office's setting \"" + key + "\" is not allowed; ignored: " + e.what());
            continue;
        }
        stores_.settings.set(key, text);
    }
    transaction.commit();
    return true;
}

}  // namespace qiao::core
