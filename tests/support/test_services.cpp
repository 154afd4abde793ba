#include "support/test_services.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

namespace qiao::testing {

std::string services_with_future_slots(int slots, int capacity) {
    using namespace std::chrono;
    nlohmann::json file = {
        {"format", 1},
        {"utc_offset", "+00:00"},
        {"services",
         {{{"id", "phone-class"},
           {"kind", "class"},
           {"name", {{"zh-CN", "智能手机课堂"}, {"en", "Smartphone class"}}},
           {"rules", {{"min_notice_minutes", 0}, {"max_days_ahead", 60}}}}}},
        {"slots", nlohmann::json::array()}};
    const year_month_day today{floor<days>(system_clock::now())};
    for (int i = 1; i <= slots; ++i) {
        const year_month_day day{sys_days(today) + days(i)};
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                      static_cast<unsigned>(day.day()));
        file["slots"].push_back({{"id", "class-" + std::to_string(i)},
                                 {"service", "phone-class"},
                                 {"start", std::string(date) + "T10:00"},
                                 {"end", std::string(date) + "T11:00"},
                                 {"place", {{"zh-CN", "二楼活动室"}, {"en", "Room 2"}}},
                                 {"capacity", capacity}});
    }
    return file.dump(2);
}

}  // namespace qiao::testing
