#include "core/help/help_desk.hpp"

#include <ctime>
#include <filesystem>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/identity/learner_salt.hpp"
#include "core/time/utc_time.hpp"
#include "core/identity/phone_number.hpp"
#include "core/storage/settings_store.hpp"

namespace qiao::core {

namespace {

static constexpr char kOutboxKind[] = "help_request";
static constexpr char kWaitingToSend[] = "waiting_to_send";

static constexpr char kInsertSql[] =
    "INSERT INTO help_requests (id, category, urgent, contact_phone, contact_masked, contact_hash, at_station, "
    "voice_path, status, created_at, respond_by, volunteer_first_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')";
static constexpr char kByHashSql[] =
    "SELECT id, category, urgent, contact_masked, at_station, voice_path, status, created_at, respond_by, "
    "volunteer_first_name FROM help_requests WHERE contact_hash = ? ORDER BY created_at DESC, id";
static constexpr char kVoicePathSql[] = "SELECT voice_path FROM help_requests WHERE id = ?";
static constexpr char kForgetSql[] =
    "UPDATE help_requests SET contact_phone = '', voice_path = '', "
    "status = CASE status WHEN 'waiting_to_send' THEN 'sent' ELSE status END WHERE id = ?";

struct CategoryName {
    HelpCategory category;
    std::string_view name;
};

constexpr CategoryName kCategoryNames[] = {
    {HelpCategory::PhoneOrApp, "phone_or_app"}, {HelpCategory::Scam, "scam"},   {HelpCategory::Health, "health"},
    {HelpCategory::DailyLife, "daily_life"},    {HelpCategory::Other, "other"},
};

}  // namespace

std::string_view to_string(HelpCategory category) {
    for (const CategoryName& entry : kCategoryNames) {
        if (entry.category == category) return entry.name;
    }
    return "other";  // unreachable for a valid enum value
}

HelpCategory parse_help_category(std::string_view text) {
    for (const CategoryName& entry : kCategoryNames) {
        if (entry.name == text) return entry.category;
    }
    throw HelpError("unknown kind of help \"" + std::string(text) + "\"");
}


std::string HelpDesk::contact_hash(std::string_view digits) const {
    const auto salt = existing_learner_salt(SettingsStore(db_));
    // No salt yet means no request was ever stored under a number: nothing can match.
    if (!salt) return std::string();
    return learner_id_for_phone(digits, *salt);
}

HelpRequest HelpDesk::submit(const HelpRequestDraft& draft, std::chrono::system_clock::time_point now,
                             std::chrono::minutes response_deadline) {
    const bool has_phone = !draft.phone_digits.empty();
    if (has_phone && !plausible_phone(draft.phone_digits)) {
        throw HelpError("That phone number does not look right. A mobile number has 11 digits and starts with 1.");
    }
    if (!has_phone && !draft.at_station) {
        throw HelpError(
            "Please tell us how to reach you: your phone number, or \"I'm here at the station now\".");
    }
    if (response_deadline.count() <= 0) throw std::invalid_argument("help desk: the response deadline must be positive");

    HelpRequest request;
    request.id = new_client_id();
    request.category = draft.category;
    request.urgent = draft.category == HelpCategory::Scam;  // scams go to the top
    request.contact_masked = has_phone ? mask_phone(draft.phone_digits) : std::string();
    request.at_station = draft.at_station;
    request.has_voice = !draft.voice_path.empty();
    request.status = kWaitingToSend;
    request.created_at = iso8601_utc(now);
    request.respond_by = iso8601_utc(now + response_deadline);

    Transaction transaction(db_);
    std::string hash;
    if (has_phone) {
        // Made inside the transaction, as the kiosk does on first use, so a salt is
        // never stored without the request that needed it, nor the other way round.
        SettingsStore settings(db_);
        hash = learner_id_for_phone(draft.phone_digits, learner_salt(settings));
    }

    Statement insert(db_, kInsertSql);
    insert.bind(1, request.id)
        .bind(2, to_string(request.category))
        .bind(3, request.urgent ? 1 : 0)
        .bind(4, draft.phone_digits)
        .bind(5, request.contact_masked)
        .bind(6, hash)
        .bind(7, request.at_station ? 1 : 0)
        .bind(8, draft.voice_path)
        .bind(9, request.status)
        .bind(10, request.created_at)
        .bind(11, request.respond_by);
    insert.run();

    // The back office needs the full number to call back; it leaves the kiosk with
    // this entry and is cleared from the row once acknowledged.
    const nlohmann::json body = {
        {"id", request.id},
        {"category", std::string(to_string(request.category))},
        {"urgent", request.urgent},
        {"phone", draft.phone_digits},
        {"at_station", request.at_station},
        {"voice_path", draft.voice_path},
        {"created_at", request.created_at},
        {"respond_by", request.respond_by},
    };
    outbox_.add(kOutboxKind, body);
    transaction.commit();
    return request;
}

std::vector<HelpRequest> HelpDesk::requests_for_phone(const std::string& digits) const {
    std::vector<HelpRequest> requests;
    // At-station requests have no hash (''); an empty or bad number must not find them.
    if (!plausible_phone(digits)) return requests;
    const std::string hash = contact_hash(digits);
    if (hash.empty()) return requests;

    Statement statement(db_, kByHashSql);
    statement.bind(1, hash);
    while (statement.step()) {
        HelpRequest request;
        request.id = statement.column_text(0);
        request.category = parse_help_category(statement.column_text(1));
        request.urgent = statement.column_int(2) != 0;
        request.contact_masked = statement.column_text(3);
        request.at_station = statement.column_int(4) != 0;
        request.has_voice = !statement.column_text(5).empty();
        request.status = statement.column_text(6);
        request.created_at = statement.column_text(7);
        request.respond_by = statement.column_text(8);
        request.volunteer_first_name = statement.column_text(9);
        requests.push_back(std::move(request));
    }
    return requests;
}

void HelpDesk::acknowledged(const std::string& request_id) {
    Transaction transaction(db_);
    Statement select(db_, kVoicePathSql);
    select.bind(1, request_id);
    if (!select.step()) return;  // unknown id: nothing held, the transaction rolls back
    const std::string voice_path = select.column_text(0);
    select.reset();

    // The file goes first: if the store then fails, the row still names a missing file
    // (and the next acknowledgement clears it) rather than forgetting a file that stays.
    if (!voice_path.empty()) {
        std::error_code ec;
        std::filesystem::remove(voice_path, ec);  // already gone is fine: false, no error
        if (ec) {
            throw StorageError("could not delete the voice message " + voice_path + ": " + ec.message());
        }
    }
    Statement forget(db_, kForgetSql);
    forget.bind(1, request_id);
    forget.run();
    transaction.commit();
}

}  // namespace qiao::core
