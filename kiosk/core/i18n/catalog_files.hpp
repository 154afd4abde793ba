#pragma once
// The two kinds of file a catalog is read from, parsed from text. Catalog::load
// uses these; tests and the fuzzer call them directly so they need no files.
// Both throw CatalogError whose message starts with file_name.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n/catalog.hpp"

namespace qiao::core::catalog_files {

// languages.json: an array of {"code", "native_name", "fallback", "voice"} objects.
// Checks each entry's shape only; how the languages relate is Catalog's to check.
std::vector<LanguageInfo> parse_languages(std::string_view json_text, std::string_view file_name);

// <code>.json: one flat object of "key": "text" pairs, each text valid UTF-8.
std::map<std::string, std::string> parse_texts(std::string_view json_text, std::string_view file_name);

// True when text is well-formed UTF-8 (no overlong forms, surrogates or bytes past U+10FFFF).
bool is_valid_utf8(std::string_view text);

}  // namespace qiao::core::catalog_files
