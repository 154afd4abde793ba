#include "backoffice/staff_roster.hpp"

#include "backoffice/api_error.hpp"
#include "backoffice/hours_ledger.hpp"
#include "core/staff/staff_pin_hash.hpp"

namespace qiao::backoffice {

namespace {

// The members' columns; member_row() reads them in order.
constexpr char kMemberColumns[] =
    "SELECT s.id, s.site_id, s.name, s.role, s.pin_hash, s.revoked_at IS NULL, "
    "(SELECT COALESCE(SUM(l.minutes), 0) FROM hours_ledger l WHERE l.account = 'volunteer:' || s.id) FROM staff s ";

StaffMember member_row(const core::Statement& row) {
    StaffMember member;
    member.id = row.column_text(0);
    member.site_id = row.column_text(1);
    member.name = row.column_text(2);
    member.role = row.column_text(3);
    member.pin_hash = row.column_text(4);
    member.active = row.column_int(5) != 0;
    member.hours_minutes = row.column_int(6);
    return member;
}

// ApiError 400 for a PIN that is not 6 digits. The message never repeats what was typed.
void check_pin(const std::string& pin) {
    if (!core::is_valid_staff_pin(pin))
        throw bad_request("a staff PIN is exactly " + std::to_string(core::kStaffPinDigits) +
                          " digits (0-9); nothing was changed");
}

std::string pin_hash_of(const std::string& pin) {
    check_pin(pin);
    return core::hash_staff_pin(pin);
}

}  // namespace

nlohmann::json staff_change(const StaffMember& member) {
    return {{"kind", "staff"},
            {"id", member.id},
            {"name", member.name},
            {"role", member.role},
            {"pin_hash", member.active ? member.pin_hash : std::string()},
            {"active", member.active},
            {"hours_minutes", member.hours_minutes}};
}

StaffToken StaffRoster::add(const std::string& site_id, const std::string& name, const std::string& role,
                            const std::optional<std::string>& pin, Clock::time_point now) {
    const std::string hash = pin ? pin_hash_of(*pin) : std::string();
    core::Transaction transaction(db_);
    const StaffToken staff = enrolment_.add_staff(site_id, name, role, now);
    core::Statement update(db_, "UPDATE staff SET pin_hash = ? WHERE id = ?");
    update.bind(1, hash).bind(2, staff.staff_id);
    update.run();
    tell_kiosks(staff.staff_id);
    transaction.commit();
    return staff;
}

void StaffRoster::set_pin(const std::string& staff_id, const std::string& pin) {
    const auto may_have_pin = [&] {
        const auto found = member(staff_id);
        if (!found) throw not_found("there is no staff member \"" + staff_id + "\" (admin staff list shows them)");
        if (!found->active)
            throw ApiError(409, "conflict", "staff member " + staff_id + " was revoked; add them again to give them a PIN");
    };
    check_pin(pin);
    may_have_pin();  // before the slow hash, so a mistyped id costs nothing
    const std::string hash = pin_hash_of(pin);
    core::Transaction transaction(db_);
    may_have_pin();  // again: the admin command and the server are two processes
    core::Statement update(db_, "UPDATE staff SET pin_hash = ? WHERE id = ?");
    update.bind(1, hash).bind(2, staff_id);
    update.run();
    tell_kiosks(staff_id);
    transaction.commit();
}

void StaffRoster::revoke(const std::string& staff_id, Clock::time_point now) {
    core::Transaction transaction(db_);
    enrolment_.revoke_staff(staff_id, now);
    // Kept only while it can be used: a revoked member's hash is of no use to anyone.
    core::Statement forget(db_, "UPDATE staff SET pin_hash = '' WHERE id = ?");
    forget.bind(1, staff_id);
    forget.run();
    tell_kiosks(staff_id);
    transaction.commit();
}

void StaffRoster::tell_kiosks(const std::string& staff_id) {
    const auto found = member(staff_id);
    if (!found) return;
    feed_.publish(found->site_id, "", "staff", found->id, staff_change(*found));
}

std::optional<StaffMember> StaffRoster::member(const std::string& staff_id) const {
    core::Statement select(db_, std::string(kMemberColumns) + "WHERE s.id = ?");
    select.bind(1, staff_id);
    if (!select.step()) return std::nullopt;
    return member_row(select);
}

std::vector<StaffMember> StaffRoster::members(const std::string& site_id) const {
    core::Statement select(db_, std::string(kMemberColumns) + "WHERE ? IN ('', s.site_id) ORDER BY s.site_id, s.name, s.id");
    select.bind(1, site_id);
    std::vector<StaffMember> members;
    while (select.step()) members.push_back(member_row(select));
    return members;
}

Caller StaffRoster::acting_for(const Caller& kiosk, const std::string& staff_id) const {
    // Unknown and another site's staff get the same words, so ids of other sites do not leak.
    const auto found = staff_id.empty() || staff_id.size() > 64 ? std::nullopt : member(staff_id);
    if (!found || found->site_id != kiosk.site_id)
        throw forbidden("X-Qiao-Staff names no staff member of this kiosk's site; sign in again on the kiosk");
    if (!found->active)
        throw forbidden("staff member " + staff_id + " was revoked; they can no longer act through a kiosk");
    const auto kind = found->role == "manager" ? Caller::Kind::Manager : Caller::Kind::Volunteer;
    return {kind, found->id, found->site_id, found->name};
}

}  // namespace qiao::backoffice
