#include "ui/screen_registry.hpp"

#include <stdexcept>

#include "ui/flow/flow_screens.hpp"
#include "ui/identity/phone_entry_screen.hpp"
#include "ui/lessons/lesson_done_screen.hpp"
#include "ui/lessons/lesson_list_screen.hpp"
#include "ui/lessons/lesson_step_screen.hpp"
#include "ui/screens/home_screen.hpp"
#include "ui/screens/idle_warning_screen.hpp"
#include "ui/screens/language_screen.hpp"
#include "ui/screens/text_size_screen.hpp"
#include "ui/screens/voice_screen.hpp"
#include "ui/staff/keyboard_screen.hpp"

namespace qiao::ui {

void ScreenRegistry::add(std::unique_ptr<Screen> screen) {
    const std::string id(screen->id());
    if (screens_.count(id)) throw std::logic_error("screen registered twice: " + id);
    screens_.emplace(id, std::move(screen));
}

Screen* ScreenRegistry::find(std::string_view id) const {
    const auto it = screens_.find(id);
    return it == screens_.end() ? nullptr : it->second.get();
}

std::vector<std::string> ScreenRegistry::ids() const {
    std::vector<std::string> out;
    for (const auto& [id, screen] : screens_) out.push_back(id);
    return out;
}

ScreenRegistry make_standard_screens() {
    ScreenRegistry r;
    r.add(std::make_unique<HomeScreen>());
    r.add(std::make_unique<LessonListScreen>());
    r.add(std::make_unique<LessonStepScreen>());
    r.add(std::make_unique<LessonDoneScreen>());
    // Book (约): one thing per screen, service > day > time > who > summary > slip.
    for (const char* id : {"book", "book_day", "book_time", "my_bookings", "book_alternatives"}) r.add(std::make_unique<FlowListScreen>(id, false));
    for (const char* id : {"book_summary", "book_done", "booking_detail", "book_cancel"})
        r.add(std::make_unique<FlowSummaryScreen>(id, false));
    r.add(std::make_unique<PinEntryScreen>());
    // Help (帮): what kind > (scam advice) > say it > how to reach you > sent.
    for (const char* id : {"help", "help_contact", "my_requests"}) r.add(std::make_unique<FlowListScreen>(id, true));
    for (const char* id : {"help_scam", "help_sent", "request_detail"}) r.add(std::make_unique<FlowSummaryScreen>(id, true));
    r.add(std::make_unique<RecordScreen>());
    r.add(std::make_unique<TextSizeScreen>());
    r.add(std::make_unique<LanguageScreen>());
    r.add(std::make_unique<VoiceScreen>());
    r.add(std::make_unique<IdleWarningScreen>());
    r.add(std::make_unique<PhoneEntryScreen>());
    r.add(std::make_unique<PhoneCheckScreen>());
    // Staff mode: signing in is still on the seniors' side (someone may tap "staff" by
    // mistake: they hear what it is and find "back"); everything after is for staff.
    r.add(std::make_unique<FlowListScreen>("staff_sign_in", FlowAudience::SeniorHelp));
    r.add(std::make_unique<PinEntryScreen>("staff_pin", 6, FlowAudience::SeniorHelp));
    for (const char* id : {"staff_home", "staff_help", "staff_help_note", "staff_bookings", "staff_no_show", "staff_rebook", "staff_settings",
                           "staff_setting_value", "staff_class", "staff_attendance", "staff_packs", "staff_pack_sources",
                           "staff_pack_found"})
        r.add(std::make_unique<FlowListScreen>(id, FlowAudience::Staff));
    for (const char* id : {"staff_hours", "staff_health", "staff_help_detail", "staff_booking_detail", "staff_class_run", "staff_class_finish",
                           "staff_class_done", "staff_pack_detail", "staff_pack_check", "staff_health_today"})
        r.add(std::make_unique<FlowSummaryScreen>(id, FlowAudience::Staff));
    r.add(std::make_unique<KeyboardScreen>("staff_keyboard"));
    return r;
}

}  // namespace qiao::ui
