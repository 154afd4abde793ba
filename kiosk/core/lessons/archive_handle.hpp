#pragma once
// Owning handles for libarchive objects, so that every early return or exception frees them.
#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace qiao::core {

struct ArchiveReadFree {
    void operator()(struct archive* a) const { archive_read_free(a); }  // also closes
};
struct ArchiveWriteFree {
    void operator()(struct archive* a) const { archive_write_free(a); }  // also closes (flushes)
};
struct ArchiveEntryFree {
    void operator()(struct archive_entry* e) const { archive_entry_free(e); }
};

using ArchiveReader = std::unique_ptr<struct archive, ArchiveReadFree>;
using ArchiveWriter = std::unique_ptr<struct archive, ArchiveWriteFree>;
using ArchiveEntry = std::unique_ptr<struct archive_entry, ArchiveEntryFree>;

}  // namespace qiao::core
