#pragma once
// BackOffice: the back office's data and the services that keep it, without HTTP, so
// the server, the admin command and tests share one way in. Not thread-safe by itself:
// the server holds `lock()` around each request (SQLite work takes well under a
// millisecond; the write transaction is what enforces capacity anyway).
#include <filesystem>
#include <mutex>

#include "backoffice/booking_desk.hpp"
#include "backoffice/change_feed.hpp"
#include "backoffice/class_intake.hpp"
#include "backoffice/enrolment.hpp"
#include "backoffice/entry_intake.hpp"
#include "backoffice/help_intake.hpp"
#include "backoffice/hours_ledger.hpp"
#include "backoffice/site_timetables.hpp"
#include "backoffice/staff_roster.hpp"
#include "backoffice/volunteer_desk.hpp"

namespace qiao::backoffice {

class BackOffice {
public:
    // Opens (or makes) the file and brings its schema up to date. Throws
    // core::StorageError naming the file.
    explicit BackOffice(const std::filesystem::path& db_file);
    BackOffice(const BackOffice&) = delete;
    BackOffice& operator=(const BackOffice&) = delete;

    std::unique_lock<std::mutex> lock() { return std::unique_lock<std::mutex>(mutex_); }

    core::Database& db() { return db_; }
    Enrolment& enrolment() { return enrolment_; }
    ChangeFeed& feed() { return feed_; }
    SiteTimetables& timetables() { return timetables_; }
    BookingDesk& bookings() { return bookings_; }
    HelpIntake& help() { return help_; }
    StaffRoster& roster() { return roster_; }
    HoursLedger& hours() { return hours_; }
    EntryIntake& intake() { return intake_; }
    VolunteerDesk& volunteers() { return volunteers_; }

private:
    std::mutex mutex_;
    core::Database db_;
    Enrolment enrolment_{db_};
    ChangeFeed feed_{db_};
    SiteTimetables timetables_{db_, feed_};
    BookingDesk bookings_{db_, feed_, timetables_};
    HelpIntake help_{db_};
    StaffRoster roster_{db_, enrolment_, feed_};
    HoursLedger hours_{db_, roster_};
    ClassIntake classes_{db_, bookings_, roster_};
    EntryIntake intake_{db_, bookings_, help_, hours_, classes_};
    VolunteerDesk volunteers_{db_, feed_, bookings_};
};

}  // namespace qiao::backoffice
