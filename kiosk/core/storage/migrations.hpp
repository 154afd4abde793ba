#pragma once
// The local store's schema, as numbered steps. A fresh store runs them all; an old
// one runs the ones it has not seen, one transaction each (the step and its
// user_version bump commit together). Never edit a step that has shipped: add one.
#include <cstdint>
#include <filesystem>

#include "core/storage/database.hpp"

namespace qiao::core {

// The schema version this build writes.
int latest_schema_version();

// Brings the database up to latest_schema_version(). Throws StorageError when the
// database was written by a newer Qiao (its version is higher than this build
// knows): that file must not be touched, and the message says so.
void migrate(Database& db);

// PRAGMA application_id of every Qiao store: "QIAO" in ASCII.
inline constexpr std::int32_t kQiaoApplicationId = 0x5149414F;

// Throws the StorageError migrate() throws when a store with this user_version and
// application_id must not be used by this build (newer schema, or another program's
// database); `where` names the file in the message. LocalStore calls it on the file
// header before opening, because opening switches the journal to WAL, which writes.
void check_store_identity(std::int64_t user_version, std::int64_t application_id,
                          const std::filesystem::path& where);

}  // namespace qiao::core
