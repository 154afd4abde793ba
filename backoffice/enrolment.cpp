#include "backoffice/enrolment.hpp"

#include <algorithm>
#include <cctype>

#include "backoffice/api_error.hpp"
#include "backoffice/secrets.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::backoffice {

namespace {

bool plain_id(const std::string& id) {
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_';
    });
}

std::optional<std::string> site_name(core::Database& db, const std::string& site_id) {
    core::Statement select(db, "SELECT name FROM sites WHERE id = ?");
    select.bind(1, site_id);
    if (!select.step()) return std::nullopt;
    return select.column_text(0);
}

}  // namespace

void Enrolment::add_site(const std::string& site_id, const std::string& name, Clock::time_point now) {
    if (!plain_id(site_id))
        throw bad_request("a site id is 1 to 64 letters, digits, '-' or '_' (found \"" + site_id + "\")");
    if (name.empty()) throw bad_request("a site needs a name people know it by");
    core::Statement upsert(db_,
                           "INSERT INTO sites (id, name, created_at) VALUES (?, ?, ?) "
                           "ON CONFLICT (id) DO UPDATE SET name = excluded.name");
    upsert.bind(1, site_id).bind(2, name).bind(3, core::iso8601_utc(now));
    upsert.run();
}

std::string Enrolment::make_code(const std::string& site_id, std::chrono::minutes valid, Clock::time_point now) {
    if (!site_name(db_, site_id)) throw not_found("there is no site \"" + site_id + "\"; add it first (admin site add)");
    const std::string code = new_enrolment_code();
    core::Statement insert(db_,
                           "INSERT INTO enrolment_codes (code_hash, site_id, created_at, expires_at) VALUES (?, ?, ?, ?)");
    insert.bind(1, sha256_hex(code)).bind(2, site_id).bind(3, core::iso8601_utc(now)).bind(4, core::iso8601_utc(now + valid));
    insert.run();
    return code;
}

EnrolledKiosk Enrolment::redeem(const std::string& typed_code, const std::string& kiosk_name, Clock::time_point now) {
    const std::string code = normalise_enrolment_code(typed_code);
    const ApiError unknown(403, "code_unknown", "this enrolment code is not known here; check it, or make a new one");
    if (code.empty()) throw unknown;

    core::Transaction transaction(db_);
    core::Statement select(db_, "SELECT site_id, expires_at, used_at FROM enrolment_codes WHERE code_hash = ?");
    select.bind(1, sha256_hex(code));
    if (!select.step()) throw unknown;
    const std::string site_id = select.column_text(0);
    const std::string expires_at = select.column_text(1);
    const bool used = !select.column_is_null(2);
    select.reset();
    if (used) throw ApiError(403, "code_used", "this enrolment code was already used; make a new one for this kiosk");
    if (core::iso8601_utc(now) >= expires_at)
        throw ApiError(403, "code_expired", "this enrolment code expired at " + expires_at + "; make a new one");

    EnrolledKiosk kiosk{new_short_id("k-"), site_id, site_name(db_, site_id).value_or(site_id), new_token()};
    core::Statement insert(db_, "INSERT INTO kiosks (id, site_id, name, token_hash, enrolled_at) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, kiosk.kiosk_id)
        .bind(2, site_id)
        .bind(3, kiosk_name.empty() ? kiosk.kiosk_id : kiosk_name)
        .bind(4, sha256_hex(kiosk.token))
        .bind(5, core::iso8601_utc(now));
    insert.run();
    core::Statement spend(db_, "UPDATE enrolment_codes SET used_at = ?, kiosk_id = ? WHERE code_hash = ?");
    spend.bind(1, core::iso8601_utc(now)).bind(2, kiosk.kiosk_id).bind(3, sha256_hex(code));
    spend.run();
    transaction.commit();
    return kiosk;
}

void Enrolment::revoke_kiosk(const std::string& kiosk_id, Clock::time_point now) {
    core::Statement update(db_, "UPDATE kiosks SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
    update.bind(1, core::iso8601_utc(now)).bind(2, kiosk_id);
    update.run();
    core::Statement exists(db_, "SELECT 1 FROM kiosks WHERE id = ?");
    exists.bind(1, kiosk_id);
    if (!exists.step()) throw not_found("there is no kiosk \"" + kiosk_id + "\" (admin kiosks lists them)");
}

StaffToken Enrolment::add_staff(const std::string& site_id, const std::string& name, const std::string& role,
                                Clock::time_point now) {
    if (!site_name(db_, site_id)) throw not_found("there is no site \"" + site_id + "\"; add it first (admin site add)");
    if (role != "volunteer" && role != "manager")
        throw bad_request("a staff role is volunteer or manager (found \"" + role + "\")");
    if (name.empty()) throw bad_request("staff need a name (their first name is what seniors see)");
    StaffToken staff{new_short_id("s-"), new_token()};
    core::Statement insert(db_, "INSERT INTO staff (id, site_id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, staff.staff_id).bind(2, site_id).bind(3, name).bind(4, role).bind(5, sha256_hex(staff.token)).bind(6, core::iso8601_utc(now));
    insert.run();
    return staff;
}

void Enrolment::revoke_staff(const std::string& staff_id, Clock::time_point now) {
    core::Statement exists(db_, "SELECT 1 FROM staff WHERE id = ?");
    exists.bind(1, staff_id);
    if (!exists.step()) throw not_found("there is no staff member \"" + staff_id + "\"");
    exists.reset();
    core::Statement update(db_, "UPDATE staff SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
    update.bind(1, core::iso8601_utc(now)).bind(2, staff_id);
    update.run();
}

Caller Enrolment::authenticate(const std::string& authorization_header) const {
    constexpr std::string_view kBearer = "Bearer ";
    if (!std::string_view(authorization_header).starts_with(kBearer))
        throw ApiError(401, "unauthenticated", "this needs a token: send \"Authorization: Bearer <token>\"");
    const std::string hash = sha256_hex(std::string_view(authorization_header).substr(kBearer.size()));
    const ApiError revoked(401, "token_revoked", "this token was revoked; enrol again or ask the site manager for a new one");

    core::Statement kiosk(db_, "SELECT id, site_id, name, revoked_at FROM kiosks WHERE token_hash = ?");
    kiosk.bind(1, hash);
    if (kiosk.step()) {
        if (!kiosk.column_is_null(3)) throw revoked;
        return {Caller::Kind::Kiosk, kiosk.column_text(0), kiosk.column_text(1), kiosk.column_text(2)};
    }
    core::Statement staff(db_, "SELECT id, site_id, name, role, revoked_at FROM staff WHERE token_hash = ?");
    staff.bind(1, hash);
    if (staff.step()) {
        if (!staff.column_is_null(4)) throw revoked;
        const auto kind = staff.column_text(3) == "manager" ? Caller::Kind::Manager : Caller::Kind::Volunteer;
        return {kind, staff.column_text(0), staff.column_text(1), staff.column_text(2)};
    }
    throw ApiError(401, "unauthenticated", "this token is not known here; enrol the kiosk again");
}

}  // namespace qiao::backoffice
