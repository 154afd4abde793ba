// Nothing lost, nothing twice: a kiosk's core (qiao-sync-drill, the real services and
// the real sync worker) is SIGKILLed at random instants while it books, asks for help
// and syncs, 200 times, and restarted; the back office (the real program) is killed
// mid-batch and restarted now and then too. At the end every booking and help request
// the kiosk stored is on the server exactly once, the kiosk's outbox is empty, no voice
// message is left on the kiosk, and both sides agree on every booking's state.
#include <doctest/doctest.h>

#include <signal.h>

#include <chrono>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "core/storage/database.hpp"
#include "support/child_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_services.hpp"

using namespace qiao;

namespace {

std::map<std::string, std::string> id_to_text(const std::filesystem::path& db_file, const std::string& sql) {
    core::Database db = core::Database::open(db_file);
    core::Statement select(db, sql);
    std::map<std::string, std::string> rows;
    while (select.step()) rows[select.column_text(0)] = select.column_text(1);
    return rows;
}

std::int64_t number(const std::filesystem::path& db_file, const std::string& sql) {
    core::Database db = core::Database::open(db_file);
    core::Statement select(db, sql);
    select.step();
    return select.column_int(0);
}

}  // namespace

TEST_CASE("kill the kiosk 200 times while it books, asks for help and syncs: every entry reaches the server once") {
    testing::TempDir dir("kill-kiosk");
    const std::string server_db = (dir / "bo.db").string();
    const std::filesystem::path kiosk_dir = dir / "kiosk";
    const std::filesystem::path services = dir / "services.json";
    std::ofstream(services) << testing::services_with_future_slots(6, 4);

    testing::BackofficeProcess server(QIAO_BACKOFFICE_PROGRAM, server_db);
    server.admin({"site", "add", "drill", "Drill site"});
    server.admin({"services", "--site", "drill", services.string()});
    const std::string code = server.admin({"enrolment-code", "--site", "drill"});
    const std::string drill = QIAO_SYNC_DRILL;
    REQUIRE(testing::run_program({drill, "--data-dir", kiosk_dir.string(), "--enroll", server.url(), code}) == 0);
    REQUIRE(testing::run_program({drill, "--data-dir", kiosk_dir.string(), "--services", services.string()}) == 0);

    std::mt19937 random(20261127);
    int server_restarts = 0;
    for (int round = 0; round < 200; ++round) {
        testing::ChildProcess kiosk({drill, "--data-dir", kiosk_dir.string(), "--busy"});
        std::this_thread::sleep_for(std::chrono::milliseconds(10 + random() % 250));
        if (round % 40 == 20) {
            // The server dies mid-batch, while this kiosk is pushing to it.
            server.kill_hard();
            std::this_thread::sleep_for(std::chrono::milliseconds(random() % 200));
            server.restart();
            ++server_restarts;
        }
        kiosk.kill(SIGKILL);
        CHECK(kiosk.wait() == 128 + SIGKILL);  // it was still busy: killed, not crashed
    }
    REQUIRE(testing::run_program({drill, "--data-dir", kiosk_dir.string(), "--drain", "90"}) == 0);

    const std::filesystem::path kiosk_db = kiosk_dir / "qiao.db";
    const auto kiosk_bookings = id_to_text(kiosk_db, "SELECT id, state FROM bookings");
    const auto kiosk_help = id_to_text(kiosk_db, "SELECT id, status FROM help_requests");
    const auto server_bookings = id_to_text(server_db, "SELECT id, state FROM bookings");
    const auto server_help = id_to_text(server_db, "SELECT id, status FROM help_requests");
    MESSAGE(kiosk_bookings.size() << " bookings and " << kiosk_help.size() << " help requests made, "
                                  << server_restarts << " server restarts");
    CHECK(kiosk_bookings.size() > 100);
    CHECK(kiosk_help.size() > 100);
    CHECK(number(kiosk_db, "SELECT COUNT(*) FROM outbox") == 0);

    // Exactly once: the same ids on both sides (the server's ids are its primary keys).
    std::set<std::string> kiosk_ids, server_ids;
    for (const auto& [id, state] : kiosk_bookings) kiosk_ids.insert(id);
    for (const auto& [id, state] : server_bookings) server_ids.insert(id);
    CHECK(kiosk_ids == server_ids);
    kiosk_ids.clear(), server_ids.clear();
    for (const auto& [id, status] : kiosk_help) kiosk_ids.insert(id);
    for (const auto& [id, status] : server_help) server_ids.insert(id);
    CHECK(kiosk_ids == server_ids);
    CHECK(number(server_db, "SELECT COUNT(*) FROM received_entries WHERE status = 'rejected'") == 0);

    // Converged: the kiosk shows what the server decided.
    int disagreements = 0;
    for (const auto& [id, state] : kiosk_bookings) disagreements += server_bookings.at(id) != state;
    CHECK(disagreements == 0);
    // No seat given twice, whatever was killed when.
    CHECK(number(server_db, "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM bookings WHERE state = 'confirmed' GROUP BY slot_id)") <= 4);
    // Personal data left the kiosk once the server had it.
    CHECK(number(kiosk_db, "SELECT COUNT(*) FROM help_requests WHERE contact_phone != '' OR voice_path != ''") == 0);
    int voice_files = 0;
    for ([[maybe_unused]] const auto& f : std::filesystem::directory_iterator(kiosk_dir / "voice")) ++voice_files;
    CHECK(voice_files == 0);
}
