#pragma once
// SyncStores: the sync worker's services over ITS OWN connection to the store (never
// the UI's: a SQLite connection belongs to one thread). The sync steps take them
// together; tests build them over an in-memory store.
#include "core/booking/booking_service.hpp"
#include "core/help/help_desk.hpp"
#include "core/outbox/outbox.hpp"
#include "core/storage/database.hpp"
#include "core/storage/settings_store.hpp"
#include "core/storage/touch_stats.hpp"

namespace qiao::core {

struct SyncStores {
    Database& db;
    Outbox& outbox;
    BookingService& bookings;
    HelpDesk& help;
    SettingsStore& settings;
    TouchStats& touches;
};

}  // namespace qiao::core
