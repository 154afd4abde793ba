#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/outbox/outbox.hpp"
#include "core/storage/local_store.hpp"

using qiao::core::LocalStore;
using qiao::core::Outbox;
using qiao::core::OutboxEntry;
using qiao::core::Transaction;

namespace {

std::string add_one(LocalStore& store, Outbox& outbox, const std::string& kind, const nlohmann::json& body) {
    Transaction transaction(store.db());
    std::string id = outbox.add(kind, body);
    transaction.commit();
    return id;
}

}  // namespace

TEST_CASE("Outbox: add() gives a fresh 32-hex id and stores kind, body and zero attempts") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    CHECK(outbox.depth() == 0);

    const std::string id = add_one(store, outbox, "help_request", {{"id", "r1"}, {"urgent", true}});
    CHECK(std::regex_match(id, std::regex("[0-9a-f]{32}")));
    CHECK(outbox.depth() == 1);

    const std::vector<OutboxEntry> batch = outbox.next_batch(10);
    REQUIRE(batch.size() == 1);
    CHECK(batch[0].id == id);
    CHECK(batch[0].kind == "help_request");
    CHECK(batch[0].body == nlohmann::json{{"id", "r1"}, {"urgent", true}});
    CHECK(std::regex_match(batch[0].created_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
    CHECK(batch[0].attempts == 0);
    CHECK(batch[0].last_error.empty());
}

TEST_CASE("Outbox: ids are never reused") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    std::set<std::string> ids;
    for (int i = 0; i < 200; ++i) ids.insert(add_one(store, outbox, "k", i));
    CHECK(ids.size() == 200);
}

TEST_CASE("Outbox: add() outside a transaction is refused and stores nothing") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    CHECK_THROWS_AS(outbox.add("k", nlohmann::json::object()), std::logic_error);
    CHECK_THROWS_AS(add_one(store, outbox, "", nlohmann::json::object()), std::invalid_argument);
    CHECK(outbox.depth() == 0);
}

TEST_CASE("Outbox: an entry added in a transaction that is rolled back is gone") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    {
        Transaction transaction(store.db());
        outbox.add("k", 1);
    }  // no commit
    CHECK(outbox.depth() == 0);
}

TEST_CASE("Outbox: next_batch() is oldest first and honours its limit") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    std::vector<std::string> ids;
    // Many in the same millisecond: the order must still be the order they were added.
    for (int i = 0; i < 50; ++i) ids.push_back(add_one(store, outbox, "k", {{"n", i}}));

    const auto first = outbox.next_batch(3);
    REQUIRE(first.size() == 3);
    CHECK(first[0].id == ids[0]);
    CHECK(first[1].id == ids[1]);
    CHECK(first[2].id == ids[2]);
    CHECK(first[2].body["n"] == 2);

    const auto all = outbox.next_batch(1000);
    REQUIRE(all.size() == 50);
    for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i].id == ids[i]);
    CHECK(outbox.next_batch(0).empty());
}

TEST_CASE("Outbox: acknowledge() deletes exactly those ids, unknown and repeated ids are fine") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    const std::string a = add_one(store, outbox, "k", 1);
    const std::string b = add_one(store, outbox, "k", 2);
    const std::string c = add_one(store, outbox, "k", 3);

    outbox.acknowledge({a, c, "not-an-id"});
    CHECK(outbox.depth() == 1);
    REQUIRE(outbox.next_batch(10).size() == 1);
    CHECK(outbox.next_batch(10)[0].id == b);

    outbox.acknowledge({a});  // acknowledged again after a resend
    outbox.acknowledge({});
    CHECK(outbox.depth() == 1);

    // Added after a delete: still after b.
    const std::string d = add_one(store, outbox, "k", 4);
    const auto batch = outbox.next_batch(10);
    REQUIRE(batch.size() == 2);
    CHECK(batch[0].id == b);
    CHECK(batch[1].id == d);
}

TEST_CASE("Outbox: note_failure() counts attempts and keeps the last reason") {
    LocalStore store = LocalStore::open_in_memory();
    Outbox outbox(store.db());
    const std::string a = add_one(store, outbox, "k", 1);
    const std::string b = add_one(store, outbox, "k", 2);

    outbox.note_failure(a, "network down");
    outbox.note_failure(a, "HTTP 503");
    outbox.note_failure("unknown", "ignored");

    const auto batch = outbox.next_batch(10);
    REQUIRE(batch.size() == 2);
    CHECK(batch[0].id == a);
    CHECK(batch[0].attempts == 2);
    CHECK(batch[0].last_error == "HTTP 503");
    CHECK(batch[1].id == b);
    CHECK(batch[1].attempts == 0);
    CHECK(batch[1].last_error.empty());
    CHECK(outbox.depth() == 2);  // a failure keeps the entry
}
