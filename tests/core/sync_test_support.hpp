#pragma once
// What the sync unit tests share: a back office faked in memory (it records every
// request and answers what the test says), and a store with the services the sync
// worker uses, over one in-memory connection.
#include <doctest/doctest.h>

#include <deque>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/booking_test_support.hpp"
#include "core/help/help_desk.hpp"
#include "core/log.hpp"
#include "core/storage/settings_store.hpp"
#include "core/storage/touch_stats.hpp"
#include "core/sync/backoffice_api.hpp"
#include "core/sync/sync_stores.hpp"

namespace qiao::test {

struct SeenRequest {
    std::string method;  // "POST" or "GET"
    std::string path;    // with the query
    nlohmann::json body;
};

// Answers each request with `handler`, or with the next queued reply, or 500.
class FakeBackoffice final : public core::BackofficeApi {
public:
    using Handler = std::function<core::HttpReply(const SeenRequest&)>;

    core::HttpReply post(std::string_view path, const nlohmann::json& body) override {
        return answer({"POST", std::string(path), body});
    }
    core::HttpReply get(std::string_view path) override { return answer({"GET", std::string(path), nullptr}); }
    // A download is seen as "DOWNLOAD"; `downloader` writes the file (404 without one).
    core::HttpReply download(std::string_view path, const std::filesystem::path& file) override {
        seen.push_back({"DOWNLOAD", std::string(path), nullptr});
        if (downloader) return downloader(std::string(path), file);
        return core::HttpReply{404, R"({"error":"not_found","message":"no such pack"})", "", false};
    }

    void queue(long status, std::string body) { replies.push_back(core::HttpReply{status, std::move(body), "", false}); }
    void queue_json(long status, const nlohmann::json& body) { queue(status, body.dump()); }

    Handler handler;
    std::function<core::HttpReply(const std::string& path, const std::filesystem::path& file)> downloader;
    std::deque<core::HttpReply> replies;
    std::vector<SeenRequest> seen;

private:
    core::HttpReply answer(SeenRequest request) {
        seen.push_back(request);
        if (handler) return handler(seen.back());
        if (replies.empty()) return core::HttpReply{500, R"({"error":"internal","message":"no reply queued"})", "", false};
        core::HttpReply reply = std::move(replies.front());
        replies.pop_front();
        return reply;
    }
};

inline core::HttpReply json_reply(long status, const nlohmann::json& body) { return {status, body.dump(), "", false}; }

// The answer a good back office gives to a push: every entry accepted.
inline nlohmann::json accept_all(const nlohmann::json& push) {
    nlohmann::json results = nlohmann::json::array();
    for (const auto& entry : push["entries"]) results.push_back({{"id", entry["id"]}, {"status", "accepted"}});
    return {{"protocol", 1}, {"results", results}};
}

// An in-memory store with the small timetable, and every service the sync steps need.
struct SyncDesk : BookingDesk {
    core::HelpDesk help{store.db(), outbox};
    core::SettingsStore settings{store.db()};
    core::TouchStats touches{store.db()};
    core::SyncStores stores{store.db(), outbox, bookings, help, settings, touches};
    core::Log log{[](core::LogLevel, std::string_view) {}};

    SyncDesk() { log.keep_lines(true); }

    // A booking of the weekly Wednesday class (requested), with its outbox entry.
    core::Booking book(const std::string& phone = "13812345678") {
        return bookings.request({weekly_id(2), phone, false}, kMonday10);
    }
    core::HelpRequest ask_for_help(const std::string& voice_path = {}, const std::string& phone = "13812345678") {
        core::HelpRequestDraft draft;
        draft.category = core::HelpCategory::Scam;
        draft.phone_digits = phone;
        draft.voice_path = voice_path;
        return help.submit(draft, kMonday10, kMonday10 + std::chrono::minutes(30));
    }
    bool logged(const std::string& words) const {
        for (const std::string& line : log.lines())
            if (line.find(words) != std::string::npos) return true;
        return false;
    }
};

}  // namespace qiao::test
