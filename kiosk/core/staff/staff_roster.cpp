#include "core/staff/staff_roster.hpp"

#include <stdexcept>

#include "core/time/utc_time.hpp"

namespace qiao::core {

namespace {

using json = nlohmann::json;

static constexpr char kColumns[] = "id, name, role, pin_hash, active, hours_minutes";
static constexpr char kUpsertSql[] =
    "INSERT INTO staff_accounts (id, name, role, pin_hash, active, hours_minutes, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash, "
    "active = excluded.active, hours_minutes = excluded.hours_minutes, updated_at = excluded.updated_at";
// A hash string from crypto_pwhash_str is under 128 bytes; anything longer is not one.
constexpr std::size_t kPinHashMaxBytes = 127;

[[noreturn]] void refuse(const std::string& why) { throw std::invalid_argument("staff change refused: " + why); }

const json& field(const json& change, const char* name) {
    const auto it = change.find(name);
    if (it == change.end()) refuse(std::string("it has no \"") + name + "\"");
    return *it;
}

std::string text_field(const json& change, const char* name) {
    const json& value = field(change, name);
    if (!value.is_string()) refuse(std::string("\"") + name + "\" is not text");
    return value.get<std::string>();
}

bool has_control_characters(const std::string& text) {
    for (const unsigned char c : text)
        if (c < 0x20 || c == 0x7f) return true;
    return false;
}

StaffAccount read_change(const json& change) {
    if (!change.is_object()) refuse("it is not a JSON object");
    if (const auto kind = change.find("kind"); kind != change.end() && (!kind->is_string() || *kind != "staff"))
        refuse("its kind is not \"staff\"");
    StaffAccount account;
    account.id = text_field(change, "id");
    if (account.id.empty() || account.id.size() > kStaffIdMaxBytes ||
        account.id.find_first_of(" \t") != std::string::npos || has_control_characters(account.id))
        refuse("\"id\" is not a staff id (1 to " + std::to_string(kStaffIdMaxBytes) + " characters, no spaces)");
    const std::string about = " for staff " + account.id;
    account.name = text_field(change, "name");
    if (account.name.find_first_not_of(' ') == std::string::npos || account.name.size() > kStaffNameMaxBytes ||
        has_control_characters(account.name))
        refuse("\"name\"" + about + " is empty, too long or holds a line break");
    const std::string role = text_field(change, "role");
    const auto parsed = parse_staff_role(role);
    if (!parsed) refuse("\"role\"" + about + " is \"" + role.substr(0, 32) + "\", not volunteer or manager");
    account.role = *parsed;
    account.pin_hash = text_field(change, "pin_hash");
    // Only what hash_staff_pin makes: a kiosk never checks a PIN against anything weaker.
    if (!account.pin_hash.empty() &&
        (account.pin_hash.rfind("$argon2id$", 0) != 0 || account.pin_hash.size() > kPinHashMaxBytes ||
         has_control_characters(account.pin_hash)))
        refuse("\"pin_hash\"" + about + " is not an argon2id hash");
    const json& active = field(change, "active");
    if (!active.is_boolean()) refuse("\"active\"" + about + " is not true or false");
    account.active = active.get<bool>();
    const json& hours = field(change, "hours_minutes");
    if (!hours.is_number_integer() || hours.get<long long>() < 0 || hours.get<long long>() > kStaffHoursMaxMinutes)
        refuse("\"hours_minutes\"" + about + " is not a whole number of minutes from 0");
    account.hours_minutes = static_cast<int>(hours.get<long long>());
    // Revoked means no sign-in here, even if a faulty feed still carried the hash.
    if (!account.active) account.pin_hash.clear();
    return account;
}

StaffAccount read_row(const Statement& row) {
    StaffAccount account;
    account.id = row.column_text(0);
    account.name = row.column_text(1);
    // Written by apply() from a checked role; a damaged value reads as the lesser role.
    account.role = parse_staff_role(row.column_text(2)).value_or(StaffRole::Volunteer);
    account.pin_hash = row.column_text(3);
    account.active = row.column_int(4) != 0;
    account.hours_minutes = static_cast<int>(row.column_int(5));
    return account;
}

}  // namespace

void StaffRoster::apply(const json& change, WallTime now) {
    const StaffAccount account = read_change(change);
    Statement upsert(db_, kUpsertSql);
    upsert.bind(1, account.id)
        .bind(2, account.name)
        .bind(3, to_string(account.role))
        .bind(4, account.pin_hash)
        .bind(5, account.active ? 1 : 0)
        .bind(6, account.hours_minutes)
        .bind(7, iso8601_utc(now));
    upsert.run();
}

std::vector<StaffAccount> StaffRoster::signable() const {
    std::vector<StaffAccount> accounts;
    Statement select(db_, std::string("SELECT ") + kColumns +
                              " FROM staff_accounts WHERE active = 1 AND pin_hash <> '' ORDER BY name, id");
    while (select.step()) accounts.push_back(read_row(select));
    return accounts;
}

std::vector<StaffAccount> StaffRoster::all() const {
    std::vector<StaffAccount> accounts;
    Statement select(db_, std::string("SELECT ") + kColumns + " FROM staff_accounts ORDER BY name, id");
    while (select.step()) accounts.push_back(read_row(select));
    return accounts;
}

std::optional<StaffAccount> StaffRoster::find(const std::string& id) const {
    Statement select(db_, std::string("SELECT ") + kColumns + " FROM staff_accounts WHERE id = ?");
    select.bind(1, id);
    if (!select.step()) return std::nullopt;
    return read_row(select);
}

}  // namespace qiao::core
