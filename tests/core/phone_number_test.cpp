#include <doctest/doctest.h>

#include "core/identity/phone_number.hpp"

using namespace qiao::core;

TEST_CASE("phone numbers: plausible, masked, grouped and said digit by digit") {
    CHECK(plausible_phone("13812345678"));
    CHECK_FALSE(plausible_phone("1381234567"));   // ten digits
    CHECK_FALSE(plausible_phone("23812345678"));  // not a mobile number
    CHECK_FALSE(plausible_phone("1381234567x"));
    CHECK(mask_phone("13812345678") == "138****5678");
    CHECK(mask_phone("12345") == "1***5");
    CHECK(grouped_phone("13812345678") == "138 1234 5678");
    CHECK(grouped_phone("1381") == "138 1");
    CHECK(spoken_phone("13812345678", "，") == "1 3 8，1 2 3 4，5 6 7 8");
}

TEST_CASE("a learner id is a salted hash: stable for one kiosk, never the number itself") {
    const std::string a = learner_id_for_phone("13812345678", "salt-one");
    CHECK(a == learner_id_for_phone("13812345678", "salt-one"));
    CHECK(a != learner_id_for_phone("13812345679", "salt-one"));
    CHECK(a != learner_id_for_phone("13812345678", "salt-two"));
    CHECK(a.rfind("phone:", 0) == 0);
    CHECK(a.find("13812345678") == std::string::npos);
    CHECK(new_learner_salt() != new_learner_salt());
}
