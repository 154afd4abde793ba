// The kiosk's live staff link (core/sync/staff_link) against a real back office on
// loopback: staff screens' calls go with the device token and X-Qiao-Staff, on the link's
// own thread, and come back as typed answers: the help queue (list, claim with a second
// kiosk's volunteer told who has it, note, resolve), a voice message in a 0600 file that
// is forgotten, the day's bookings, attendance, rebook, figures; and every failure a
// stable code: offline within the connect timeout, not enrolled at once, a hung request
// cut short by destruction.
#include <doctest/doctest.h>

#include <httplib.h>
#include <sys/stat.h>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "core/lessons/sodium_text.hpp"
#include "core/outbox/outbox.hpp"
#include "core/sync/staff_link.hpp"
#include "core/time/utc_time.hpp"
#include "support/fault_proxy.hpp"
#include "support/kiosk_api.hpp"
#include "support/kiosk_under_test.hpp"
#include "support/running_backoffice.hpp"
#include "support/temp_dir.hpp"
#include "support/test_services.hpp"

using namespace qiao;
using namespace std::chrono_literals;
using nlohmann::json;
using Clock = std::chrono::system_clock;

namespace {

constexpr char kPhone[] = "13812345678";

std::string in_minutes(int minutes) { return core::iso8601_utc(Clock::now() + std::chrono::minutes(minutes)); }
std::string utc_day_after(int days) { return core::iso8601_utc(Clock::now() + std::chrono::hours(24 * days)).substr(0, 10); }

json help_body(const std::string& respond_by, const std::vector<unsigned char>* voice = nullptr) {
    json body = {{"id", core::new_client_id()}, {"category", "scam"},  {"urgent", false},
                 {"phone", kPhone},             {"at_station", false}, {"created_at", in_minutes(-5)},
                 {"respond_by", respond_by},    {"voice", nullptr}};
    if (voice) body["voice"] = {{"format", "ogg-vorbis"}, {"base64", core::to_base64(voice->data(), voice->size())}};
    return body;
}

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A StaffLink with its answers gathered as they come (on_answer wakes the test, as the
// app's loop would be woken).
class LinkUnderTest {
public:
    explicit LinkUnderTest(const std::filesystem::path& data, std::chrono::milliseconds connect_timeout = 5000ms,
                           std::chrono::milliseconds request_timeout = 15000ms) {
        core::StaffLinkOptions options;
        options.data_dir = data;
        options.app_version = "0.1.0";
        options.connect_timeout = connect_timeout;
        options.request_timeout = request_timeout;
        options.on_answer = [this] {
            std::lock_guard lock(mutex_);
            ++woken_;
            woke_.notify_all();
        };
        link = std::make_unique<core::StaffLink>(options, log);
    }
    // The link (its thread, which calls on_answer) goes before what on_answer touches.
    ~LinkUnderTest() { link.reset(); }

    // Sends and waits for its answer (the UI would go on drawing meanwhile).
    core::StaffAnswer call(core::StaffRequest request, std::chrono::milliseconds limit = 10s) {
        return wait_for(link->send(std::move(request)), limit);
    }

    core::StaffAnswer wait_for(std::uint64_t number, std::chrono::milliseconds limit = 10s) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        for (;;) {
            for (auto& answer : link->take_answers()) taken_[answer.request] = std::move(answer);
            if (auto it = taken_.find(number); it != taken_.end()) {
                core::StaffAnswer answer = std::move(it->second);
                taken_.erase(it);
                return answer;
            }
            std::unique_lock lock(mutex_);
            if (!woke_.wait_until(lock, deadline, [&] { return woken_ > seen_; })) {
                FAIL("no answer to request " << number << " in time");
            }
            seen_ = woken_;
        }
    }

    core::Log log{[](core::LogLevel, std::string_view) {}};
    std::unique_ptr<core::StaffLink> link;

private:
    std::mutex mutex_;
    std::condition_variable woke_;
    int woken_ = 0, seen_ = 0;
    std::map<std::uint64_t, core::StaffAnswer> taken_;
};

// A site with two enrolled kiosks (their stores in folders of their own), a timetable
// of three days with one seat each, and staff.
struct Site {
    testing::TempDir dir{"staff-link"};
    testing::RunningBackoffice server{dir / "bo.db"};
    std::unique_ptr<testing::KioskUnderTest> lobby, upstairs;
    std::string wei, li, manager;

    Site() {
        server.add_site("riverside");
        server.load_services("riverside", testing::services_with_future_slots(3, 1));
        lobby = std::make_unique<testing::KioskUnderTest>(dir / "lobby");
        upstairs = std::make_unique<testing::KioskUnderTest>(dir / "upstairs");
        lobby->enrol(server);
        upstairs->enrol(server);
        wei = staff("Wei Zhang", "volunteer");
        li = staff("Li Na", "volunteer");
        manager = staff("Chen Fang", "manager");
    }
    std::string staff(const std::string& name, const std::string& role) {
        const auto lock = server.server().office().lock();
        return server.server().office().enrolment().add_staff("riverside", name, role, Clock::now()).staff_id;
    }
    // What the lobby kiosk sends by its own sync (here by hand, with its device token).
    testing::KioskApi lobby_api() {
        const auto credentials = core::load_credentials(lobby->data, lobby->settings);
        REQUIRE(credentials);
        return testing::KioskApi(server.port(), credentials->token);
    }
    std::string push(const std::string& kind, const json& body) {
        const auto answer = lobby_api().push(json::array({testing::outbox_entry(kind, body)}));
        REQUIRE(answer.status == 200);
        REQUIRE(answer.json()["results"][0]["status"] == "accepted");
        return body["id"];
    }
};

}  // namespace

TEST_CASE("kiosk staff link: the site's help queue live: list, claim, a second kiosk's volunteer told who has it, note, resolve") {
    Site site;
    const std::string first = site.push("help_request", help_body(in_minutes(60)));
    const std::string later = site.push("help_request", help_body(in_minutes(120)));
    LinkUnderTest lobby(site.lobby->data), upstairs(site.upstairs->data);

    const core::StaffAnswer list = lobby.call(core::StaffRequest::help_list(site.wei));
    REQUIRE_MESSAGE(list.ok(), list.detail);
    CHECK(list.kind == core::StaffRequestKind::HelpList);
    REQUIRE(list.tickets.size() == 2);
    CHECK(list.tickets[0].id == first);  // the earliest respond_by first
    CHECK(list.tickets[1].id == later);
    CHECK(list.tickets[0].phone == kPhone);  // the full number: staff see it
    CHECK(list.tickets[0].status == "open");
    CHECK_FALSE(list.tickets[0].claimed_by);
    CHECK(list.tickets[0].category == "scam");
    CHECK(list.tickets[0].kiosk_name == "Lobby kiosk");
    CHECK(core::parse_utc_time(list.tickets[0].respond_by));

    const core::StaffAnswer claimed = lobby.call(core::StaffRequest::claim(site.wei, first));
    REQUIRE_MESSAGE(claimed.ok(), claimed.detail);
    REQUIRE(claimed.ticket);
    CHECK(claimed.ticket->status == "taken");
    REQUIRE(claimed.ticket->claimed_by);
    CHECK(claimed.ticket->claimed_by->id == site.wei);
    CHECK(claimed.ticket->claimed_by->first_name == "Wei");

    // Li, at the other kiosk, is too late, and is told who has it.
    const core::StaffAnswer too_late = upstairs.call(core::StaffRequest::claim(site.li, first));
    CHECK(too_late.failure == "already_claimed");
    CHECK(too_late.office_error == "already_claimed");
    CHECK(too_late.office_message.find("Wei") != std::string::npos);
    REQUIRE(too_late.claimed_by);
    CHECK(too_late.claimed_by->first_name == "Wei");
    CHECK(too_late.subject_id == first);
    // Her list shows it taken by Wei.
    const core::StaffAnswer her_list = upstairs.call(core::StaffRequest::help_list(site.li));
    REQUIRE(her_list.ok());
    REQUIRE(her_list.tickets.size() == 2);
    bool seen = false;
    for (const auto& t : her_list.tickets)
        if (t.id == first) {
            seen = true;
            CHECK(t.status == "taken");
            REQUIRE(t.claimed_by);
            CHECK(t.claimed_by->first_name == "Wei");
        }
    CHECK(seen);

    // Anyone of the site may add a note; Wei resolves with one.
    const core::StaffAnswer noted = upstairs.call(core::StaffRequest::note(site.li, first, "she called the bank"));
    REQUIRE_MESSAGE(noted.ok(), noted.detail);
    REQUIRE(noted.ticket);
    REQUIRE(noted.ticket->notes.size() == 1);
    CHECK(noted.ticket->notes[0].text == "she called the bank");
    CHECK(noted.ticket->notes[0].by.first_name == "Li");
    const core::StaffAnswer empty_note = upstairs.call(core::StaffRequest::note(site.li, first, ""));
    CHECK(empty_note.failure == "bad_request");
    CHECK_FALSE(empty_note.office_message.empty());

    const core::StaffAnswer li_resolves = upstairs.call(core::StaffRequest::resolve(site.li, first));
    CHECK(li_resolves.failure == "already_claimed");
    const core::StaffAnswer resolved = lobby.call(core::StaffRequest::resolve(site.wei, first, "all sorted"));
    REQUIRE_MESSAGE(resolved.ok(), resolved.detail);
    REQUIRE(resolved.ticket);
    CHECK(resolved.ticket->status == "resolved");
    CHECK_FALSE(resolved.ticket->resolved_at.empty());
    REQUIRE(resolved.ticket->notes.size() == 2);
    CHECK(resolved.ticket->notes[1].text == "all sorted");

    const core::StaffAnswer open_now = lobby.call(core::StaffRequest::help_list(site.wei));
    REQUIRE(open_now.tickets.size() == 1);
    CHECK(open_now.tickets[0].id == later);
    CHECK(lobby.call(core::StaffRequest::help_list(site.wei, true)).tickets.size() == 2);

    const core::StaffAnswer unknown = lobby.call(core::StaffRequest::claim(site.wei, "no-such-request"));
    CHECK(unknown.failure == "not_found");

    const core::StaffLinkStatus status = lobby.link->status();
    CHECK(status.waiting == 0);
    CHECK_FALSE(status.offline);
    CHECK(status.last_reached);
}

TEST_CASE("kiosk staff link: a voice message is downloaded to a 0600 file in the data folder, and forgotten") {
    Site site;
    const std::vector<unsigned char> ogg = {'O', 'g', 'g', 'S', 0, 2, 0xFF, 0x7F, '\r', '\n'};
    const std::string spoken = site.push("help_request", help_body(in_minutes(60), &ogg));
    const std::string silent = site.push("help_request", help_body(in_minutes(90)));
    std::filesystem::path kept;
    {
        LinkUnderTest lobby(site.lobby->data);
        const core::StaffAnswer voice = lobby.call(core::StaffRequest::help_voice(site.wei, spoken));
        REQUIRE_MESSAGE(voice.ok(), voice.detail);
        REQUIRE_FALSE(voice.voice_file.empty());
        CHECK(voice.voice_file.parent_path() == lobby.link->voice_folder());
        CHECK(voice.voice_file.string().rfind(site.lobby->data.string(), 0) == 0);
        CHECK(read_file(voice.voice_file) == std::string(ogg.begin(), ogg.end()));
        struct stat st {};
        REQUIRE(::stat(voice.voice_file.c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
        REQUIRE(::stat(lobby.link->voice_folder().c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0700);

        lobby.link->forget_voice_files();
        CHECK_FALSE(std::filesystem::exists(voice.voice_file));

        const core::StaffAnswer none = lobby.call(core::StaffRequest::help_voice(site.wei, silent));
        CHECK(none.failure == "not_found");
        CHECK(none.voice_file.empty());

        // One more, left for the link's end to remove.
        const core::StaffAnswer again = lobby.call(core::StaffRequest::help_voice(site.wei, spoken));
        REQUIRE(again.ok());
        kept = again.voice_file;
        CHECK(std::filesystem::exists(kept));
    }
    CHECK_FALSE(std::filesystem::exists(kept));

    // What a crash left behind goes when the next link starts.
    const std::filesystem::path folder = site.lobby->data / "staff-voice";
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "help-7.ogg") << "left over";
    LinkUnderTest next(site.lobby->data);
    CHECK_FALSE(std::filesystem::exists(folder / "help-7.ogg"));
}

TEST_CASE("kiosk staff link: the day's bookings, attendance with a reason, and rebook (to a free slot, a full one, a closed booking)") {
    Site site;
    const json first = testing::booking_body("class-1"), blocker = testing::booking_body("class-2");
    site.push("booking_request", first);
    site.push("booking_request", blocker);
    const std::string id = first["id"];
    LinkUnderTest lobby(site.lobby->data);

    const core::StaffAnswer day = lobby.call(core::StaffRequest::day_bookings(site.wei, utc_day_after(1)));
    REQUIRE_MESSAGE(day.ok(), day.detail);
    CHECK(day.date == utc_day_after(1));
    REQUIRE(day.bookings.size() == 1);
    CHECK(day.bookings[0].id == id);
    CHECK(day.bookings[0].state == "confirmed");
    CHECK(day.bookings[0].slot_id == "class-1");
    CHECK(day.bookings[0].phone == kPhone);
    CHECK(day.bookings[0].phone_masked == "138****5678");
    CHECK(day.bookings[0].starts_at == utc_day_after(1) + "T10:00:00Z");
    CHECK(lobby.call(core::StaffRequest::day_bookings(site.wei)).ok());  // today (UTC): none, but fine
    CHECK(lobby.call(core::StaffRequest::day_bookings(site.wei, "2026-02-30")).failure == "bad_request");

    // class-2 has its one seat taken: the back office offers the later one.
    const core::StaffAnswer full = lobby.call(core::StaffRequest::rebook(site.wei, id, "class-2"));
    CHECK(full.failure == "slot_full");
    CHECK(full.office_error == "slot_full");
    CHECK(full.alternatives == std::vector<std::string>{"class-3"});
    const core::StaffAnswer moved = lobby.call(core::StaffRequest::rebook(site.wei, id, "class-3"));
    REQUIRE_MESSAGE(moved.ok(), moved.detail);
    REQUIRE(moved.booking);
    CHECK(moved.booking->id == id);
    CHECK(moved.booking->code == first["code"]);
    CHECK(moved.booking->slot_id == "class-3");
    CHECK(moved.booking->state == "confirmed");
    CHECK(moved.booking->starts_at == utc_day_after(3) + "T10:00:00Z");
    CHECK(lobby.call(core::StaffRequest::rebook(site.wei, id, "no-such-slot")).failure == "bad_request");

    const core::StaffAnswer no_show =
        lobby.call(core::StaffRequest::attendance(site.wei, id, "no_show", "phoned: she was ill"));
    REQUIRE_MESSAGE(no_show.ok(), no_show.detail);
    REQUIRE(no_show.booking);
    CHECK(no_show.booking->state == "no_show");
    CHECK(no_show.booking->reason == "phoned: she was ill");
    const core::StaffAnswer attended = lobby.call(core::StaffRequest::attendance(site.wei, id, "attended"));
    REQUIRE(attended.ok());
    CHECK(attended.booking->state == "attended");
    // An attended booking is not moved; a made-up outcome is never sent.
    CHECK(lobby.call(core::StaffRequest::rebook(site.wei, id, "class-1")).failure == "conflict");
    const core::StaffAnswer odd = lobby.call(core::StaffRequest::attendance(site.wei, id, "maybe"));
    CHECK(odd.failure == "bad_request");
    CHECK(odd.office_error.empty());  // refused here, before sending
    CHECK(lobby.call(core::StaffRequest::attendance(site.wei, "no-such-booking", "attended")).failure == "not_found");
}

TEST_CASE("kiosk staff link: figures for a site manager, while a volunteer, a revoked or an unknown staff member is forbidden") {
    Site site;
    LinkUnderTest lobby(site.lobby->data);
    const core::StaffAnswer figures = lobby.call(core::StaffRequest::figures(site.manager));
    REQUIRE_MESSAGE(figures.ok(), figures.detail);
    CHECK(figures.figures["protocol"] == 1);
    CHECK(figures.figures["sites"].is_array());
    const core::StaffAnswer volunteer = lobby.call(core::StaffRequest::figures(site.wei));
    CHECK(volunteer.failure == "forbidden");
    CHECK_FALSE(volunteer.office_message.empty());

    {
        const auto lock = site.server.server().office().lock();
        site.server.server().office().roster().revoke(site.li, Clock::now());
    }
    CHECK(lobby.call(core::StaffRequest::help_list(site.li)).failure == "forbidden");
    CHECK(lobby.call(core::StaffRequest::help_list("s-nobody")).failure == "forbidden");
    // A request without a staff member, or with an id that could not go in a header, is not sent.
    const core::StaffAnswer nobody = lobby.call(core::StaffRequest::help_list(""));
    CHECK(nobody.failure == "bad_request");
    CHECK(lobby.call(core::StaffRequest::help_list("s-1\r\nX-Evil: 1")).failure == "bad_request");
    CHECK(lobby.call(core::StaffRequest::claim(site.wei, "")).failure == "bad_request");
}

TEST_CASE("kiosk staff link: a stopped back office is offline within the connect timeout, and not enrolled is answered at once") {
    testing::TempDir dir("staff-link-offline");
    auto server = std::make_unique<testing::RunningBackoffice>(dir / "bo.db");
    server->add_site("riverside");
    testing::KioskUnderTest kiosk(dir / "kiosk");
    kiosk.enrol(*server);
    server.reset();  // the back office stops: its port refuses

    {
        LinkUnderTest link(kiosk.data, 2000ms);
        const auto start = std::chrono::steady_clock::now();
        const core::StaffAnswer answer = link.call(core::StaffRequest::help_list("s-any"), 5s);
        CHECK(std::chrono::steady_clock::now() - start < 2500ms);
        CHECK(answer.failure == "offline");
        CHECK_FALSE(answer.detail.empty());
        CHECK(link.link->status().offline);
        CHECK_FALSE(link.link->status().last_reached);
    }

    // A kiosk never enrolled (its store exists), and a folder without even a store.
    testing::KioskUnderTest fresh(dir / "fresh");
    for (const std::filesystem::path& data : {fresh.data, dir / "empty"}) {
        LinkUnderTest link(data);
        const auto start = std::chrono::steady_clock::now();
        const std::uint64_t a = link.link->send(core::StaffRequest::help_list("s-any"));
        const std::uint64_t b = link.link->send(core::StaffRequest::claim("s-any", "h-1"));
        CHECK(link.wait_for(a, 2s).failure == "not_enrolled");
        CHECK(link.wait_for(b, 2s).failure == "not_enrolled");
        CHECK(std::chrono::steady_clock::now() - start < 1s);
        CHECK(link.link->status().waiting == 0);
    }
    CHECK_FALSE(std::filesystem::exists(dir / "empty" / "qiao.db"));  // it only looks
}

TEST_CASE("kiosk staff link: destroyed while the back office hangs, it cuts the request short and returns promptly") {
    Site site;
    testing::FaultProxy proxy(site.server.port());
    proxy.set_fault(testing::Fault::Slow);
    proxy.set_delay(60s);
    site.lobby->settings.set(core::sync_keys::kUrl, proxy.url());  // the link reads the address anew each time

    auto link = std::make_unique<LinkUnderTest>(site.lobby->data, 5000ms, 60000ms);
    const std::uint64_t hung = link->link->send(core::StaffRequest::help_list(site.wei));
    link->link->send(core::StaffRequest::day_bookings(site.wei));  // queued behind it: dropped
    for (int i = 0; i < 500 && proxy.requests_seen() == 0; ++i) std::this_thread::sleep_for(10ms);
    REQUIRE(proxy.requests_seen() == 1);
    CHECK(link->link->status().waiting == 2);
    CHECK(link->link->take_answers().empty());  // the UI's calls never wait for it

    const auto start = std::chrono::steady_clock::now();
    link.reset();
    CHECK(std::chrono::steady_clock::now() - start < 3s);
    CHECK(proxy.requests_seen() == 1);
    (void)hung;
}

TEST_CASE("kiosk staff link: the http client's extra headers go out, and one with a line break is never sent") {
    httplib::Server local;
    std::string staff, authorization;
    int requests = 0;
    local.Get("/echo", [&](const httplib::Request& req, httplib::Response& res) {
        ++requests;
        staff = req.get_header_value("X-Qiao-Staff");
        authorization = req.get_header_value("Authorization");
        res.set_content(R"({"protocol":1})", "application/json");
    });
    const int port = local.bind_to_any_port("127.0.0.1");
    REQUIRE(port > 0);
    std::thread thread([&] { local.listen_after_bind(); });
    for (int i = 0; i < 500 && !local.is_running(); ++i) std::this_thread::sleep_for(2ms);
    const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/echo";

    {
        core::HttpClient client;  // gone before the server stops: its kept-alive connection with it
        const core::HttpReply reply = client.get(url, "device-token", {{"X-Qiao-Staff", "s-1a2b3c4d"}});
        CHECK(reply.status == 200);
        CHECK(staff == "s-1a2b3c4d");
        CHECK(authorization == "Bearer device-token");
        // The old callers' requests are as before: no extra header.
        CHECK(client.get(url, "device-token").status == 200);
        CHECK(staff.empty());
        CHECK(requests == 2);

        for (const core::HttpHeaders& bad : {core::HttpHeaders{{"X-Qiao-Staff", "s-1\r\nX-Evil: yes"}},
                                             core::HttpHeaders{{"X-Qiao-Staff", std::string("s-1\0x", 5)}},
                                             core::HttpHeaders{{"Bad Name", "v"}}, core::HttpHeaders{{"", "v"}}}) {
            const core::HttpReply refused = client.post_json(url, "{}", "device-token", bad);
            CHECK_FALSE(refused.answered());
            CHECK(refused.transport_error.find("not sent") != std::string::npos);
        }
        CHECK(requests == 2);
    }
    local.stop();
    thread.join();
}
