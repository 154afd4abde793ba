#pragma once
// The back office's schema, as numbered steps (the kiosk store's habit, migrations.cpp):
// a fresh file runs them all, an old one the ones it has not seen, one transaction each.
// Never edit a step that has shipped: add one.
#include <cstdint>

#include "core/storage/database.hpp"

namespace qiao::backoffice {

// PRAGMA application_id of a back office file: "QBOF" in ASCII, so a kiosk store given
// as --db is refused rather than filled with server tables.
inline constexpr std::int32_t kBackofficeApplicationId = 0x51424F46;

int latest_server_schema_version();

// Brings the file up to date. Throws core::StorageError naming the file when it belongs
// to another program or was written by a newer qiao-backoffice.
void migrate_server_schema(core::Database& db);

}  // namespace qiao::backoffice
