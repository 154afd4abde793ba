#pragma once
// ClassRecord: a class a volunteer held at this kiosk, reported when it ends. Who was
// there is said two ways: the bookings of those who booked (the back office marks them
// attended) and, for walk-ins, their phone numbers, which become the kiosk's salted
// learner ids here and now (the same "phone:<hash>" a senior's lessons use): no number
// is stored or sent. The "class_held" outbox entry and the class hours (an
// "hours_served" entry of kind class, HoursLedger::record_class) are stored in ONE
// transaction, so a class is reported whole or not at all.
#include <string>
#include <vector>

#include "core/booking/wall_time.hpp"
#include "core/outbox/outbox.hpp"
#include "core/staff/hours_ledger.hpp"
#include "core/storage/database.hpp"

namespace qiao::core {

// The back office takes at most this many bookings and as many learners per class.
inline constexpr std::size_t kMaxClassAttendees = 500;

struct ClassFinish {
    std::string staff_id;
    std::string pack_id, lesson_id, pack_version;
    std::string language;  // the language it was taught in, e.g. "zh-CN"
    WallTime started, ended;
    std::vector<std::string> attended_bookings;  // booking ids (of any kiosk of the site)
    std::vector<std::string> walk_in_phones;     // 11-digit mobile numbers, never stored
};

struct ClassSummary {
    std::string class_id;      // the class_held body's id
    std::string entry_id;      // the class_held outbox entry
    int booked_present = 0;    // distinct bookings
    int walk_ins = 0;          // distinct numbers
    int present() const { return booked_present + walk_ins; }
    ServedHours hours;         // minutes, and whether the span was cut at 12 hours
};

class ClassRecord {
public:
    ClassRecord(Database& db, Outbox& outbox) : db_(db), outbox_(outbox) {}

    // Checks everything first (std::invalid_argument with a plain message, nothing
    // stored): an active staff member, the pack and lesson named, ended not before
    // started, at most 500 bookings and 500 walk-ins, every walk-in number a mobile
    // number. Repeated bookings or numbers count once. Makes the kiosk's salt if there
    // is none yet.
    ClassSummary finish(const ClassFinish& finish);

private:
    Database& db_;
    Outbox& outbox_;
};

}  // namespace qiao::core
