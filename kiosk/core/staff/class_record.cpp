#include "core/staff/class_record.hpp"

#include <set>
#include <stdexcept>

#include "core/identity/learner_salt.hpp"
#include "core/identity/phone_number.hpp"
#include "core/storage/settings_store.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::core {

namespace {

[[noreturn]] void refuse(const std::string& why) { throw std::invalid_argument("The class was not recorded: " + why); }

// The back office's bounds on the body's texts (class_held, docs/sync-protocol.md).
void check_text(const std::string& value, const char* what, std::size_t max_bytes, bool required = true) {
    if (required && value.empty()) refuse(std::string(what) + " is missing.");
    if (value.size() > max_bytes) refuse(std::string(what) + " is longer than " + std::to_string(max_bytes) + " characters.");
}

}  // namespace

ClassSummary ClassRecord::finish(const ClassFinish& f) {
    check_text(f.pack_id, "the lesson pack", 128);
    check_text(f.lesson_id, "the lesson", 128);
    check_text(f.pack_version, "the pack's version", 32);
    check_text(f.language, "the language", 16, false);
    if (f.ended < f.started) refuse("it ends before it started; check the kiosk's clock.");
    if (f.attended_bookings.size() > kMaxClassAttendees || f.walk_in_phones.size() > kMaxClassAttendees)
        refuse("a class can list at most " + std::to_string(kMaxClassAttendees) + " bookings and as many walk-ins.");
    std::vector<std::string> bookings;
    std::set<std::string> seen_bookings;
    for (const std::string& id : f.attended_bookings) {
        check_text(id, "a booking's id", 64);
        if (seen_bookings.insert(id).second) bookings.push_back(id);
    }
    for (const std::string& phone : f.walk_in_phones)
        if (!plausible_phone(phone))
            refuse("one walk-in's phone number does not look right (a mobile number has 11 digits and starts with 1).");

    Transaction transaction(db_);
    SettingsStore settings(db_);
    const std::string salt = learner_salt(settings);
    std::set<std::string> learners;  // sorted: the order says nothing about who came when
    for (const std::string& phone : f.walk_in_phones) learners.insert(learner_id_for_phone(phone, salt));

    ClassSummary summary;
    // The hours first: it checks the staff member, and throws before anything is queued.
    summary.hours = HoursLedger(db_, outbox_).record_class(f.staff_id, f.started, f.ended);
    summary.class_id = new_client_id();
    summary.booked_present = static_cast<int>(bookings.size());
    summary.walk_ins = static_cast<int>(learners.size());
    summary.entry_id = outbox_.add("class_held", {{"id", summary.class_id},
                                                  {"staff_id", f.staff_id},
                                                  {"pack_id", f.pack_id},
                                                  {"lesson_id", f.lesson_id},
                                                  {"pack_version", f.pack_version},
                                                  {"language", f.language},
                                                  {"started_at", iso8601_utc(f.started)},
                                                  {"ended_at", iso8601_utc(f.ended)},
                                                  {"attended_bookings", bookings},
                                                  {"learners", std::vector<std::string>(learners.begin(), learners.end())}});
    transaction.commit();
    return summary;
}

}  // namespace qiao::core
