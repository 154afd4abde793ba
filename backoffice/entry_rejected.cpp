#include "backoffice/entry_rejected.hpp"

namespace qiao::backoffice {

namespace {

[[noreturn]] void bad_body(const char* name, const std::string& what) {
    throw EntryRejected("bad_body", std::string("body.") + name + ": " + what);
}

}  // namespace

std::string body_optional_text(const nlohmann::json& body, const char* name, std::size_t max_size) {
    const auto it = body.find(name);
    if (it == body.end() || it->is_null()) return {};
    if (!it->is_string()) bad_body(name, "must be text");
    const std::string& text = it->get_ref<const std::string&>();
    if (text.size() > max_size) bad_body(name, "longer than " + std::to_string(max_size) + " bytes");
    return text;
}

std::string body_text(const nlohmann::json& body, const char* name, std::size_t max_size) {
    std::string text = body_optional_text(body, name, max_size);
    if (text.empty()) bad_body(name, "missing");
    return text;
}

bool body_bool(const nlohmann::json& body, const char* name) {
    const auto it = body.find(name);
    if (it == body.end()) return false;
    if (!it->is_boolean()) bad_body(name, "must be true or false");
    return it->get<bool>();
}

}  // namespace qiao::backoffice
