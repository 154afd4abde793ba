#pragma once
// Enrolment: who may call the back office. A site manager makes a one-time code on the
// server; a kiosk redeems it once, before it expires, for a device token. Staff get
// tokens from the admin command. Only SHA-256 of codes and tokens is stored; a revoked
// token is refused from the next request on.
#include <chrono>
#include <optional>
#include <string>

#include "core/storage/database.hpp"

namespace qiao::backoffice {

using Clock = std::chrono::system_clock;

struct EnrolledKiosk {
    std::string kiosk_id, site_id, site_name;
    std::string token;  // shown this once
};

struct StaffToken {
    std::string staff_id;
    std::string token;  // shown this once
};

// Who is calling, once their token is known.
struct Caller {
    enum class Kind { Kiosk, Volunteer, Manager };
    Kind kind = Kind::Kiosk;
    std::string id;       // kiosk or staff id
    std::string site_id;
    std::string name;
};

class Enrolment {
public:
    explicit Enrolment(core::Database& db) : db_(db) {}

    // Adds a site, or renames it. id: letters, digits, '-' and '_' (ApiError otherwise).
    void add_site(const std::string& site_id, const std::string& name, Clock::time_point now);
    // A new one-time code for the site, valid for `valid`. ApiError if there is no such site.
    std::string make_code(const std::string& site_id, std::chrono::minutes valid, Clock::time_point now);
    // Redeems a code. ApiError 403 code_unknown / code_used / code_expired.
    EnrolledKiosk redeem(const std::string& typed_code, const std::string& kiosk_name, Clock::time_point now);
    // Refuses the kiosk's token from now on. ApiError 404 for an unknown kiosk.
    void revoke_kiosk(const std::string& kiosk_id, Clock::time_point now);

    StaffToken add_staff(const std::string& site_id, const std::string& name, const std::string& role,
                         Clock::time_point now);
    void revoke_staff(const std::string& staff_id, Clock::time_point now);

    // The caller behind an "Authorization: Bearer ..." header value (the whole value).
    // ApiError 401 unauthenticated / token_revoked.
    Caller authenticate(const std::string& authorization_header) const;

private:
    core::Database& db_;
};

}  // namespace qiao::backoffice
