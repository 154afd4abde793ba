#pragma once
// EntryRejected: an outbox entry the back office will never accept as it is (a body
// without a field it needs, a booking it has never heard of). The push answers
// "rejected" with the reason for that entry alone; the rest of the batch goes on.
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace qiao::backoffice {

class EntryRejected : public std::runtime_error {
public:
    EntryRejected(std::string reason, const std::string& message) : std::runtime_error(message), reason_(std::move(reason)) {}
    const std::string& reason() const { return reason_; }  // unknown_kind, bad_body, unknown_subject

private:
    std::string reason_;
};

// Fields of an entry's body, or EntryRejected("bad_body", "body.<name>: ...").
std::string body_text(const nlohmann::json& body, const char* name, std::size_t max_size = 256);
std::string body_optional_text(const nlohmann::json& body, const char* name, std::size_t max_size = 256);
bool body_bool(const nlohmann::json& body, const char* name);

}  // namespace qiao::backoffice
