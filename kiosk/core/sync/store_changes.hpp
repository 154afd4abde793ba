#pragma once
// StoreChanges: what a sync round changed in the local store, so the UI thread knows
// what to read again (the timetable into BookingService, the page on screen ...).
namespace qiao::core {

struct StoreChanges {
    bool bookings = false;   // a booking's state, or its number forgotten
    bool help = false;       // a help request's status
    bool timetable = false;  // a new services file
    bool settings = false;   // the site's settings
    bool catalogue = false;  // the pack catalogue or trusted keys
    bool lessons = false;    // a lesson pack was installed: the lesson library must be read again

    bool any() const { return bookings || help || timetable || settings || catalogue || lessons; }
    StoreChanges& operator|=(const StoreChanges& other) {
        bookings |= other.bookings;
        help |= other.help;
        timetable |= other.timetable;
        settings |= other.settings;
        catalogue |= other.catalogue;
        lessons |= other.lessons;
        return *this;
    }
};

}  // namespace qiao::core
