#include "backoffice/back_office.hpp"

#include "backoffice/server_schema.hpp"

namespace qiao::backoffice {

namespace {

core::Database open_migrated(const std::filesystem::path& file) {
    core::Database db = core::Database::open(file);
    migrate_server_schema(db);
    return db;
}

}  // namespace

BackOffice::BackOffice(const std::filesystem::path& db_file) : db_(open_migrated(db_file)) {}

}  // namespace qiao::backoffice
