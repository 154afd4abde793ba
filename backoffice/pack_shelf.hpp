#pragma once
// PackShelf: the folder of published lesson packs beside the back office's database,
// "<db>.packs/<sha256>.qpack". A file is named by its contents, so it never changes once
// there and downloads read it without the data lock; two sites publishing the same pack
// share one file. A pack arrives under a temporary name, hashed (SHA-256) while it is
// copied and flushed to disk, and takes its final name by a durable rename only after it
// was checked: a power cut never leaves a half-written file under a published name.
#include <cstdint>
#include <filesystem>
#include <string>

namespace qiao::backoffice {

// A file or folder on the shelf that is removed (with what is inside) when this goes,
// unless it was given its place for good.
class ShelfTemporary {
public:
    explicit ShelfTemporary(std::filesystem::path path) : path_(std::move(path)) {}
    ~ShelfTemporary();
    ShelfTemporary(ShelfTemporary&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
    ShelfTemporary(const ShelfTemporary&) = delete;
    ShelfTemporary& operator=(const ShelfTemporary&) = delete;
    ShelfTemporary& operator=(ShelfTemporary&&) = delete;

    const std::filesystem::path& path() const { return path_; }
    void release() { path_.clear(); }  // it is not temporary any more

private:
    std::filesystem::path path_;
};

struct IncomingPack {
    ShelfTemporary file;
    std::string sha256;  // 64 lowercase hex digits
    std::uintmax_t size = 0;
};

class PackShelf {
public:
    explicit PackShelf(std::filesystem::path dir) : dir_(std::move(dir)) {}
    // The shelf of the back office whose database is db_file.
    static PackShelf beside(const std::filesystem::path& db_file);

    // Copies source onto the shelf under a temporary name, hashing it on the way, and
    // flushes it to disk. Throws std::runtime_error naming the file (not readable, not a
    // file, over max_bytes, disk full).
    IncomingPack receive(const std::filesystem::path& source, std::uintmax_t max_bytes) const;
    // Gives an incoming pack its published name "<sha256>.qpack" durably, and returns it.
    std::string keep(IncomingPack& incoming) const;

    // A new empty folder on the shelf to unpack into.
    ShelfTemporary scratch_folder() const;

    std::filesystem::path path_of(const std::string& file_name) const { return dir_ / file_name; }
    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
};

}  // namespace qiao::backoffice
