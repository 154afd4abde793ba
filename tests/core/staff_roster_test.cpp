#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "core/staff_test_support.hpp"

using namespace qiao::core;
using nlohmann::json;
using qiao::test::kMonday10;
using qiao::test::staff_change;
using qiao::test::staff_pin_hash;
using qiao::test::StaffDesk;

namespace {

std::string refusal(StaffRoster& roster, const json& change) {
    try {
        roster.apply(change, kMonday10);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    FAIL("the change should have been refused: " << change.dump());
    return "";
}

}  // namespace

TEST_CASE("staff roster: a pulled change is stored, and those with a PIN are offered by name") {
    StaffDesk desk;
    const auto wang = desk.roster.find("s-wang");
    REQUIRE(wang.has_value());
    CHECK(wang->name == "Wang Wei");
    CHECK(wang->role == StaffRole::Volunteer);
    CHECK_FALSE(wang->is_manager());
    CHECK(wang->pin_hash == staff_pin_hash());
    CHECK(wang->active);
    CHECK(wang->hours_minutes == 135);
    CHECK(desk.roster.find("s-chen")->is_manager());
    CHECK_FALSE(desk.roster.find("s-nobody").has_value());

    // Zhao Min has no PIN yet: known, but not on the sign-in list.
    const auto signable = desk.roster.signable();
    REQUIRE(signable.size() == 3);
    CHECK(signable[0].name == "Chen Jie");
    CHECK(signable[1].name == "Li Na");
    CHECK(signable[2].name == "Wang Wei");
    CHECK(desk.roster.all().size() == 4);
}

TEST_CASE("staff roster: a later change replaces the account, the same change again changes nothing") {
    StaffDesk desk;
    desk.roster.apply(staff_change("s-wang", "Wang Wei", "manager", staff_pin_hash(), true, 200), kMonday10);
    desk.roster.apply(staff_change("s-wang", "Wang Wei", "manager", staff_pin_hash(), true, 200), kMonday10);
    CHECK(desk.count("SELECT COUNT(*) FROM staff_accounts WHERE id = 's-wang'") == 1);
    CHECK(desk.roster.find("s-wang")->is_manager());
    CHECK(desk.roster.find("s-wang")->hours_minutes == 200);
}

TEST_CASE("staff roster: a revoked account leaves the sign-in list and keeps no PIN hash") {
    StaffDesk desk;
    // Even a faulty feed that still carries the hash for a revoked account.
    desk.roster.apply(staff_change("s-li", "Li Na", "volunteer", staff_pin_hash(), false, 30), kMonday10);
    const auto li = desk.roster.find("s-li");
    REQUIRE(li.has_value());
    CHECK_FALSE(li->active);
    CHECK(li->pin_hash.empty());
    CHECK_FALSE(li->can_sign_in());
    CHECK(desk.roster.signable().size() == 2);
}

TEST_CASE("staff roster: a change with a bad field is refused with a plain message, the account unchanged") {
    StaffDesk desk;
    StaffRoster& roster = desk.roster;
    json change = staff_change("s-wang", "Wang Wei");

    CHECK(refusal(roster, json::array()) == "staff change refused: it is not a JSON object");
    json no_role = change;
    no_role.erase("role");
    CHECK(refusal(roster, no_role) == "staff change refused: it has no \"role\"");

    json no_id = change;
    no_id.erase("id");
    CHECK(refusal(roster, no_id) == "staff change refused: it has no \"id\"");
    json wrong_kind = change;
    wrong_kind["kind"] = "booking";
    CHECK(refusal(roster, wrong_kind) == "staff change refused: its kind is not \"staff\"");
    json spaced_id = change;
    spaced_id["id"] = "s wang";
    CHECK(refusal(roster, spaced_id).find("\"id\" is not a staff id") != std::string::npos);
    json empty_name = change;
    empty_name["name"] = "  ";
    CHECK(refusal(roster, empty_name) == "staff change refused: \"name\" for staff s-wang is empty, too long or holds a line break");
    json boss = change;
    boss["role"] = "boss";
    CHECK(refusal(roster, boss) == "staff change refused: \"role\" for staff s-wang is \"boss\", not volunteer or manager");
    json weak_hash = change;
    weak_hash["pin_hash"] = "246810";  // a PIN where its hash belongs: never taken
    CHECK(refusal(roster, weak_hash) == "staff change refused: \"pin_hash\" for staff s-wang is not an argon2id hash");
    json other_hash = change;
    other_hash["pin_hash"] = "$argon2i$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA";
    CHECK(refusal(roster, other_hash).find("not an argon2id hash") != std::string::npos);
    json text_active = change;
    text_active["active"] = "yes";
    CHECK(refusal(roster, text_active) == "staff change refused: \"active\" for staff s-wang is not true or false");
    json negative_hours = change;
    negative_hours["hours_minutes"] = -5;
    CHECK(refusal(roster, negative_hours) ==
          "staff change refused: \"hours_minutes\" for staff s-wang is not a whole number of minutes from 0");
    json fractional_hours = change;
    fractional_hours["hours_minutes"] = 1.5;
    CHECK(refusal(roster, fractional_hours).find("\"hours_minutes\"") != std::string::npos);

    // Wang Wei is as he was.
    const auto wang = desk.roster.find("s-wang");
    CHECK(wang->hours_minutes == 135);
    CHECK(wang->role == StaffRole::Volunteer);
    CHECK(wang->pin_hash == staff_pin_hash());
}
