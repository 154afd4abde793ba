#include "core/identity/phone_pins.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>

#include "core/identity/learner_salt.hpp"
#include "core/identity/phone_number.hpp"
#include "core/storage/settings_store.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::core {

namespace {

static constexpr char kSelectSql[] = "SELECT pin_hash, failures, locked_until FROM phone_pins WHERE contact_hash = ?";
static constexpr char kSetSql[] =
    "INSERT OR REPLACE INTO phone_pins (contact_hash, pin_hash, failures, locked_until) VALUES (?, ?, 0, '')";
static constexpr char kFailuresSql[] = "UPDATE phone_pins SET failures = ?, locked_until = ? WHERE contact_hash = ?";
static constexpr char kDeleteSql[] = "DELETE FROM phone_pins WHERE contact_hash = ?";

bool four_digits(const std::string& pin) {
    return pin.size() == 4 && std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// BLAKE2b of the PIN keyed by a key made from the kiosk's salt and the number's hash:
// the same PIN on two numbers, or on two kiosks, hashes differently.
std::string pin_hash(const std::string& pin, const std::string& salt, const std::string& contact_hash) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
    std::array<unsigned char, crypto_generichash_KEYBYTES> key{};
    const std::string key_input = salt + ":" + contact_hash;
    crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(key_input.data()),
                       key_input.size(), nullptr, 0);
    std::array<unsigned char, 32> hash{};
    crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(pin.data()), pin.size(),
                       key.data(), key.size());
    std::string hex(hash.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
    hex.pop_back();
    return hex;
}

bool same_hash(const std::string& a, const std::string& b) {
    // Constant time, out of habit: how long a compare takes tells nothing.
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

struct StoredPin {
    std::string pin_hash;
    int failures = 0;
    std::optional<WallTime> locked_until;
};

std::optional<StoredPin> stored_pin(Database& db, const std::string& contact_hash) {
    Statement select(db, kSelectSql);
    select.bind(1, contact_hash);
    if (!select.step()) return std::nullopt;
    StoredPin pin;
    pin.pin_hash = select.column_text(0);
    pin.failures = static_cast<int>(select.column_int(1));
    pin.locked_until = parse_utc_text(select.column_text(2));  // '' when not locked
    return pin;
}

void store_failures(Database& db, const std::string& contact_hash, int failures, const std::string& locked_until) {
    Statement update(db, kFailuresSql);
    update.bind(1, failures).bind(2, locked_until).bind(3, contact_hash);
    update.run();
}

}  // namespace

bool PhonePins::has_pin(const std::string& phone_digits) const {
    const auto salt = existing_learner_salt(SettingsStore(db_));
    if (!salt) return false;  // no salt: no number was ever stored, so no PIN either
    return stored_pin(db_, learner_id_for_phone(phone_digits, *salt)).has_value();
}

void PhonePins::set_pin(const std::string& phone_digits, const std::string& pin) {
    if (!four_digits(pin)) throw std::invalid_argument("A PIN is exactly 4 digits, like 3 0 7 1.");
    if (!plausible_phone(phone_digits)) {
        throw std::invalid_argument("That phone number does not look right. A mobile number has 11 digits and starts with 1.");
    }
    Transaction transaction(db_);
    SettingsStore settings(db_);
    const std::string salt = learner_salt(settings);
    const std::string contact_hash = learner_id_for_phone(phone_digits, salt);
    Statement store(db_, kSetSql);
    store.bind(1, contact_hash).bind(2, pin_hash(pin, salt, contact_hash));
    store.run();
    transaction.commit();
}

PinCheck PhonePins::check(const std::string& phone_digits, const std::string& pin, WallTime now) {
    const auto salt = existing_learner_salt(SettingsStore(db_));
    if (!salt) return PinCheck::Wrong;
    const std::string contact_hash = learner_id_for_phone(phone_digits, *salt);
    Transaction transaction(db_);
    const auto stored = stored_pin(db_, contact_hash);
    if (!stored) return PinCheck::Wrong;
    int failures = stored->failures;
    if (stored->locked_until) {
        if (now < *stored->locked_until) return PinCheck::Locked;
        failures = 0;  // the lock has run out: a fresh start of five tries
    }
    if (four_digits(pin) && same_hash(pin_hash(pin, *salt, contact_hash), stored->pin_hash)) {
        store_failures(db_, contact_hash, 0, "");
        transaction.commit();
        return PinCheck::Right;
    }
    ++failures;
    const bool lock = failures >= kPinMaxWrongTries;
    store_failures(db_, contact_hash, failures, lock ? iso8601_utc_ms(now + kPinLockTime) : std::string());
    transaction.commit();
    return lock ? PinCheck::Locked : PinCheck::Wrong;
}

void PhonePins::remove_pin(const std::string& phone_digits) {
    const auto salt = existing_learner_salt(SettingsStore(db_));
    if (!salt) return;
    Statement erase(db_, kDeleteSql);
    erase.bind(1, learner_id_for_phone(phone_digits, *salt));
    erase.run();
}

}  // namespace qiao::core
