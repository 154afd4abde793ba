#pragma once
// Shared by the pack signing, archive and installer tests: a fresh temporary folder under
// QIAO_TEST_TMP, and tiny lesson packs written at test time.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "core/pack_temp_dir.hpp"

namespace qiao::test {


inline void write_text(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
}

inline std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A small but well-formed pack: pack.json, one lesson, and a (fake) picture in a sub-folder.
inline std::filesystem::path make_tiny_pack(const std::filesystem::path& folder, const std::string& version = "1.0.0",
                                            const std::string& id = "org.qiao.test") {
    write_text(folder / "pack.json",
               R"({"format": 1, "id": ")" + id + R"(", "version": ")" + version +
                   R"(", "publisher": "Test volunteers", "min_app_version": "0.1.0",
  "title": {"zh-CN": "测试", "en": "Test"}, "summary": {"zh-CN": "测试包", "en": "A test pack"},
  "lessons": ["hello"]}
)");
    write_text(folder / "lessons/hello/lesson.json",
               R"({"id": "hello", "title": {"zh-CN": "你好"}, "summary": {"zh-CN": "问好"}, "icon": "chat",
  "minutes": 1, "steps": [{"say": {"zh-CN": "你好 )" + version + R"("}}]}
)");
    write_text(folder / "lessons/hello/images/wave.png", std::string("\x89PNG fake picture bytes ") + version);
    return folder;
}

}  // namespace qiao::test
