#include "core/help/help_desk.hpp"

#include <ctime>
#include <set>
#include <filesystem>
#include <string_view>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/identity/learner_salt.hpp"
#include "core/text/enum_names.hpp"
#include "core/time/utc_time.hpp"
#include "core/identity/phone_number.hpp"
#include "core/storage/settings_store.hpp"

namespace qiao::core {

namespace {

static constexpr char kOutboxKind[] = "help_request";
static constexpr char kFeedbackKind[] = "help_feedback";
static constexpr char kWaitingToSend[] = "waiting_to_send";
static constexpr char kTaken[] = "taken";
static constexpr char kResolved[] = "resolved";
static constexpr std::size_t kFirstNameMaxChars = 12;

static constexpr char kInsertSql[] =
    "INSERT INTO help_requests (id, category, urgent, contact_phone, contact_masked, contact_hash, at_station, "
    "voice_path, status, created_at, respond_by, volunteer_first_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')";
// The columns read_request() reads, in its order; a WHERE clause follows.
static constexpr std::string_view kSelectRequests =
    "SELECT id, category, urgent, contact_masked, at_station, voice_path, status, created_at, respond_by, "
    "volunteer_first_name, satisfaction FROM help_requests ";
// "My requests" shows the newest fifty: enough for any senior, and one screen's worth
// of work however long a number's history grows.
static constexpr std::string_view kByHash = "WHERE contact_hash = ? ORDER BY created_at DESC, id LIMIT 50";
static constexpr std::string_view kById = "WHERE id = ?";
static constexpr char kStatusSql[] = "SELECT status, volunteer_first_name, satisfaction FROM help_requests WHERE id = ?";
static constexpr char kUpdateSql[] = "UPDATE help_requests SET status = ?, volunteer_first_name = ? WHERE id = ?";
static constexpr char kSatisfactionSql[] = "UPDATE help_requests SET satisfaction = ? WHERE id = ?";
static constexpr char kVoicePathSql[] = "SELECT voice_path FROM help_requests WHERE id = ?";
static constexpr char kForgetSql[] =
    "UPDATE help_requests SET contact_phone = '', voice_path = '', "
    "status = CASE status WHEN 'waiting_to_send' THEN 'sent' ELSE status END WHERE id = ?";
// The back office refused the request for good: it will never reach a volunteer.
static constexpr char kForgetRefusedSql[] =
    "UPDATE help_requests SET contact_phone = '', voice_path = '', "
    "status = CASE status WHEN 'waiting_to_send' THEN 'not_sent' ELSE status END WHERE id = ?";

constexpr EnumName<HelpCategory> kCategoryNames[] = {
    {HelpCategory::PhoneOrApp, "phone_or_app"}, {HelpCategory::Scam, "scam"},   {HelpCategory::Health, "health"},
    {HelpCategory::DailyLife, "daily_life"},    {HelpCategory::Other, "other"},
};

HelpRequest read_request(const Statement& row) {
    HelpRequest request;
    request.id = row.column_text(0);
    request.category = parse_help_category(row.column_text(1));
    request.urgent = row.column_int(2) != 0;
    request.contact_masked = row.column_text(3);
    request.at_station = row.column_int(4) != 0;
    request.has_voice = !row.column_text(5).empty();
    request.status = row.column_text(6);
    request.created_at = row.column_text(7);
    request.respond_by = row.column_text(8);
    request.volunteer_first_name = row.column_text(9);
    request.satisfaction = row.column_text(10);
    return request;
}

// The one voice path submit() keeps: the file must be there, or the sync worker would
// retry forever for a file that will not come, and the request with it.
std::string voice_path_to_keep(const std::string& path) {
    if (path.empty()) return path;
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec) ? path : std::string();
}

bool is_space_at(const std::string& text, std::size_t i, std::size_t& width) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
        width = 1;
        return true;
    }
    if (text.compare(i, 3, "\xE3\x80\x80") == 0) {  // U+3000 IDEOGRAPHIC SPACE, as a Chinese keyboard types it
        width = 3;
        return true;
    }
    return false;
}

// The first word of what the back office sent, at most kFirstNameMaxChars characters
// (UTF-8 code points, never a split one), without control characters: the screen shows
// it large, and the kiosk keeps no more of a volunteer's name than it needs.
std::string first_name_only(const std::string& name) {
    std::size_t i = 0;
    std::size_t width = 0;
    while (i < name.size() && is_space_at(name, i, width)) i += width;
    std::string out;
    std::size_t chars = 0;
    while (i < name.size() && !is_space_at(name, i, width)) {
        const auto c = static_cast<unsigned char>(name[i]);
        const bool continuation = (c & 0xC0) == 0x80;
        if (!continuation) {
            if (chars == kFirstNameMaxChars) break;
            ++chars;
        }
        if (c >= 0x20 && c != 0x7F) out.push_back(name[i]);
        ++i;
    }
    return out;
}

int status_rank(std::string_view status) {
    if (status == kResolved) return 2;
    if (status == kTaken) return 1;
    return 0;  // waiting_to_send, sent
}

std::string text_field(const nlohmann::json& update, const char* key) {
    const auto it = update.find(key);
    if (it == update.end() || it->is_null()) return {};
    if (!it->is_string()) throw HelpError(std::string("help update: \"") + key + "\" must be text");
    return it->get<std::string>();
}

}  // namespace

std::string_view to_string(HelpCategory category) { return name_of(kCategoryNames, category); }

HelpCategory parse_help_category(std::string_view text) {
    if (const auto category = value_of(kCategoryNames, text)) return *category;
    throw HelpError("unknown kind of help \"" + std::string(text) + "\"");
}


std::string HelpDesk::contact_hash(std::string_view digits) const {
    const auto salt = existing_learner_salt(SettingsStore(db_));
    // No salt yet means no request was ever stored under a number: nothing can match.
    if (!salt) return std::string();
    return learner_id_for_phone(digits, *salt);
}

HelpRequest HelpDesk::submit(const HelpRequestDraft& draft, WallTime now, WallTime respond_by) {
    const bool has_phone = !draft.phone_digits.empty();
    if (has_phone && !plausible_phone(draft.phone_digits)) {
        throw HelpError("That phone number does not look right. A mobile number has 11 digits and starts with 1.");
    }
    if (!has_phone && !draft.at_station) {
        throw HelpError(
            "Please tell us how to reach you: your phone number, or \"I'm here at the station now\".");
    }
    if (respond_by < now) throw std::invalid_argument("help desk: the response deadline must not be before now");
    const std::string voice_path = voice_path_to_keep(draft.voice_path);

    HelpRequest request;
    request.id = new_client_id();
    request.category = draft.category;
    request.urgent = draft.category == HelpCategory::Scam;  // scams go to the top
    request.contact_masked = has_phone ? mask_phone(draft.phone_digits) : std::string();
    request.at_station = draft.at_station;
    request.has_voice = !voice_path.empty();
    request.status = kWaitingToSend;
    request.created_at = iso8601_utc(now);
    request.respond_by = iso8601_utc(respond_by);

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
        .bind(8, voice_path)
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
        {"voice_path", voice_path},
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

    Statement statement(db_, std::string(kSelectRequests) + std::string(kByHash));
    statement.bind(1, hash);
    while (statement.step()) requests.push_back(read_request(statement));
    return requests;
}

std::optional<HelpRequest> HelpDesk::find(const std::string& id) const {
    Statement statement(db_, std::string(kSelectRequests) + std::string(kById));
    statement.bind(1, id);
    if (!statement.step()) return std::nullopt;
    return read_request(statement);
}

void HelpDesk::acknowledged(const std::string& request_id) { forget_personal_data(request_id, kForgetSql); }

void HelpDesk::refused(const std::string& request_id) { forget_personal_data(request_id, kForgetRefusedSql); }

void HelpDesk::forget_personal_data(const std::string& request_id, const char* forget_sql) {
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
    Statement forget(db_, forget_sql);
    forget.bind(1, request_id);
    forget.run();
    transaction.commit();
}

void HelpDesk::apply_update(const nlohmann::json& update) {
    if (!update.is_object()) throw HelpError("help update: expected an object, got " + update.dump());
    const std::string kind = text_field(update, "kind");
    if (kind != "help") throw HelpError("help update: kind \"" + kind + "\" is not \"help\"");
    const std::string id = text_field(update, "id");
    if (id.empty()) throw HelpError("help update: it names no request (\"id\" is missing)");
    const std::string status = text_field(update, "status");
    if (status != kTaken && status != kResolved) {
        throw HelpError("help update for " + id + ": unknown status \"" + status + "\" (expected taken or resolved)");
    }
    const std::string name = first_name_only(text_field(update, "volunteer_first_name"));

    Transaction transaction(db_);
    Statement select(db_, kStatusSql);
    select.bind(1, id);
    if (!select.step()) throw HelpError("help update: no request " + id + " was made at this kiosk");
    const std::string old_status = select.column_text(0);
    const std::string old_name = select.column_text(1);
    select.reset();

    // Updates may arrive out of order (a resend after a cut connection): never go back.
    const std::string new_status = status_rank(status) >= status_rank(old_status) ? status : old_status;
    Statement write(db_, kUpdateSql);
    write.bind(1, new_status).bind(2, name.empty() ? old_name : name).bind(3, id);
    write.run();
    transaction.commit();
}

void HelpDesk::record_satisfaction(const std::string& id, bool helped, WallTime now) {
    Transaction transaction(db_);
    Statement select(db_, kStatusSql);
    select.bind(1, id);
    if (!select.step()) throw HelpError("no help request " + id + " was made at this kiosk");
    const std::string status = select.column_text(0);
    const std::string satisfaction = select.column_text(2);
    select.reset();
    if (status != kResolved) {
        throw HelpError("help request " + id + " is not resolved yet (" + status +
                        "): ask whether it helped once a volunteer has finished");
    }
    if (!satisfaction.empty()) return;  // the first answer stands; the transaction rolls back

    Statement write(db_, kSatisfactionSql);
    write.bind(1, helped ? "helped" : "not_helped").bind(2, id);
    write.run();
    const std::string answered_at = iso8601_utc(now);
    outbox_.add(kFeedbackKind, {{"id", id}, {"helped", helped}, {"answered_at", answered_at}});
    transaction.commit();
}

int HelpDesk::delete_unsent_recordings(const std::filesystem::path& folder) {
    std::set<std::filesystem::path> kept;
    Statement held(db_, "SELECT voice_path FROM help_requests WHERE voice_path != ''");
    while (held.step()) kept.insert(std::filesystem::path(held.column_text(0)).lexically_normal());
    int deleted = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        const auto path = entry.path().lexically_normal();
        if (!entry.is_regular_file(ec) || kept.count(path)) continue;
        if (std::filesystem::remove(path, ec)) ++deleted;
    }
    return deleted;
}

}  // namespace qiao::core
