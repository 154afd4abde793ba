#include "core/sync/push_batch.hpp"

#include <sodium.h>

#include <fstream>
#include <iterator>

#include "core/sync/backoffice_reply.hpp"

namespace qiao::core {

namespace {

using json = nlohmann::json;

// A recording is at most 60 s (about 200 KB); a file far larger is not one of ours.
constexpr std::uintmax_t kLargestVoiceFile = 2u << 20;

json voice_of(const OutboxEntry& entry, const std::string& path, Log& log) {
    if (path.empty()) return nullptr;
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        log.warning("help request " + entry.body.value("id", std::string()) +
                    ": its voice message is gone from the kiosk; it is sent without one");
        return nullptr;
    }
    if (size > kLargestVoiceFile) {
        log.warning("help request " + entry.body.value("id", std::string()) + ": its voice message is " +
                    std::to_string(size) + " bytes, too large to be a recording; it is sent without one");
        return nullptr;
    }
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) {
        log.warning("help request " + entry.body.value("id", std::string()) +
                    ": its voice message could not be read; it is sent without one");
        return nullptr;
    }
    std::string base64(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(base64.data(), base64.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    base64.pop_back();  // the terminating NUL sodium writes
    return json{{"format", "ogg-vorbis"}, {"base64", std::move(base64)}};
}

[[noreturn]] void bad_answer(const std::string& why) {
    throw ReplyFormatError("the back office's answer to a push is not what the protocol says: " + why);
}

std::string text_of(const json& object, const char* name, const std::string& where, bool required) {
    const auto it = object.find(name);
    if (it == object.end()) {
        if (required) bad_answer(where + " has no \"" + name + "\"");
        return std::string();
    }
    if (!it->is_string()) bad_answer(where + "." + name + " is not text");
    return it->get<std::string>();
}

}  // namespace

json wire_body(const OutboxEntry& entry, Log& log) {
    json body = entry.body;
    if (entry.kind == "help_request" && body.is_object()) {
        std::string path;
        if (const auto it = body.find("voice_path"); it != body.end()) {
            if (it->is_string()) path = it->get<std::string>();
            body.erase(it);
        }
        body["voice"] = voice_of(entry, path, log);
    }
    return body;
}

PushBatch build_push_batch(const std::vector<OutboxEntry>& candidates, Log& log, std::size_t max_entries,
                           std::size_t max_bytes) {
    PushBatch batch;
    batch.request = json{{"protocol", 1}, {"entries", json::array()}};
    batch.bytes = batch.request.dump().size();  // the envelope

    for (const OutboxEntry& entry : candidates) {
        if (batch.entries.size() >= max_entries) break;
        json wire = {{"id", entry.id}, {"kind", entry.kind}, {"created_at", entry.created_at}, {"body", wire_body(entry, log)}};
        const std::size_t comma = batch.entries.empty() ? 0 : 1;
        const std::size_t size = wire.dump(-1, ' ', false, json::error_handler_t::replace).size() + comma;
        if (!batch.entries.empty() && batch.bytes + size > max_bytes) break;
        batch.bytes += size;
        batch.request["entries"].push_back(std::move(wire));
        batch.entries.push_back(entry);
    }
    return batch;
}

std::vector<EntryResult> parse_push_results(std::string_view body, const std::vector<std::string>& ids) {
    const json answer = json::parse(body, nullptr, false);
    if (answer.is_discarded()) bad_answer("it is not JSON");
    if (!answer.is_object()) bad_answer("it is not a JSON object");
    const auto protocol = answer.find("protocol");
    if (protocol == answer.end() || !protocol->is_number_integer() || protocol->get<long long>() != 1)
        bad_answer("\"protocol\" is not 1");
    const auto results = answer.find("results");
    if (results == answer.end() || !results->is_array()) bad_answer("it has no \"results\" list");
    if (results->size() != ids.size())
        bad_answer(std::to_string(results->size()) + " results for " + std::to_string(ids.size()) + " entries");

    std::vector<EntryResult> parsed;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const json& r = (*results)[i];
        const std::string where = "results[" + std::to_string(i) + "]";
        if (!r.is_object()) bad_answer(where + " is not an object");
        EntryResult result;
        result.id = text_of(r, "id", where, true);
        if (result.id != ids[i]) bad_answer(where + " is for \"" + result.id + "\", not the entry sent there (" + ids[i] + ")");
        const std::string status = text_of(r, "status", where, true);
        if (status == "accepted") {
            result.accepted = true;
            if (const auto it = r.find("already_had"); it != r.end()) {
                if (!it->is_boolean()) bad_answer(where + ".already_had is not true or false");
                result.already_had = it->get<bool>();
            }
        } else if (status == "rejected") {
            result.reason = text_of(r, "reason", where, true);
            result.message = text_of(r, "message", where, false);
        } else {
            bad_answer(where + ".status is \"" + status + "\", not accepted or rejected");
        }
        parsed.push_back(std::move(result));
    }
    return parsed;
}

}  // namespace qiao::core
