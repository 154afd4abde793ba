// StaffFlow, running a class: the volunteer picks a lesson and shows it on the big
// screen, which follows their "next" and "back" with the voice (the seniors' own lesson
// screen, driven by the volunteer). Attendance is the day's bookings to tick, and walk-ins
// added by their phone number (never shown in full, never stored: it becomes a salted
// learner id). Finishing the class records attendance, a lesson completion for everyone
// present, and the volunteer's hours, in one transaction (core::ClassRecord).
#include <algorithm>
#include <cstdlib>

#include "app/date_words.hpp"
#include "app/lesson_player.hpp"
#include "app/staff_flow.hpp"
#include "core/identity/phone_number.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::app {

namespace {

// A volunteer in front of a class talks more than they tap: staff mode stays open longer.
constexpr std::chrono::minutes kClassIdleLimit{30};

}  // namespace

FlowReply StaffFlow::open_class(core::WallTime now) {
    part_ = Part::Class;
    if (class_) {
        build_class_pages(now);
        return FlowReply::to("staff_class_run");
    }
    build_class_pages(now);
    return FlowReply::to("staff_class");
}

FlowReply StaffFlow::class_choice(const std::string& id, core::WallTime now) {
    if (id.rfind("staff.class.lesson.", 0) == 0 && !class_) {
        // "staff.class.lesson.<pack>/<lesson>"
        const std::string ids = id.substr(19);
        const auto slash = ids.find('/');
        if (slash == std::string::npos) return {};
        const core::LessonPack* pack = lessons_.library().find_pack(ids.substr(0, slash));
        if (!pack || !lessons_.library().find_lesson(pack->id, ids.substr(slash + 1))) return {};
        class_.emplace();
        class_->pack_id = pack->id;
        class_->pack_version = pack->version;
        class_->lesson_id = ids.substr(slash + 1);
        class_->started = now;
        renew_session(kClassIdleLimit);
        class_note_.clear();
        // The day's bookings, to tick who came (the same list as "today's bookings").
        open_bookings(now);
        part_ = Part::Class;
        build_class_pages(now);
        FlowReply r;
        r.restart = std::vector<std::string>{"staff_home", "staff_class_run"};
        return r;
    }
    if (!class_) return {};
    if (id == "staff.class.show") {
        show_lesson_ = true;  // the kiosk opens the lesson on the big screen
        return {};
    }
    if (id == "staff.class.attendance") {
        build_class_pages(now);
        return FlowReply::to("staff_attendance");
    }
    if (id.rfind("staff.class.present.", 0) == 0) {
        // Named by place in the list (1 is the first), as tours see them.
        const std::size_t n = std::strtoul(id.c_str() + 20, nullptr, 10);
        if (n < 1 || n > attendance_ids_.size()) return {};
        const std::string booking = attendance_ids_[n - 1];
        auto& present = class_->attended_bookings;
        const auto it = std::find(present.begin(), present.end(), booking);
        if (it == present.end()) present.push_back(booking);
        else present.erase(it);
        build_class_pages(now);
        return {};
    }
    if (id.rfind("staff.class.walk_in.", 0) == 0) {
        // Tapping a walk-in takes them off the list again (added by mistake).
        const std::size_t n = std::strtoul(id.c_str() + 20, nullptr, 10);
        if (n < class_->walk_in_phones.size()) class_->walk_in_phones.erase(class_->walk_in_phones.begin() + static_cast<std::ptrdiff_t>(n));
        build_class_pages(now);
        return {};
    }
    if (id == "staff.class.add_walk_in") {
        adding_walk_in_ = true;
        return FlowReply::to("phone_entry");
    }
    if (id == "staff.class.finish") {
        build_class_pages(now);
        return FlowReply::to("staff_class_finish");
    }
    if (id == "staff.class.finish_yes") {
        core::ClassFinish finish;
        finish.staff_id = session_->account().id;
        finish.pack_id = class_->pack_id;
        finish.lesson_id = class_->lesson_id;
        finish.pack_version = class_->pack_version;
        finish.language = lang_;
        finish.started = class_->started;
        finish.ended = now;
        finish.attended_bookings = class_->attended_bookings;
        finish.walk_in_phones = class_->walk_in_phones;
        const core::ClassSummary done = class_record_.finish(finish);
        class_note_ = format("staff_class.recorded", {{"present", std::to_string(done.present())}, {"served", minutes_words(done.hours.minutes)}});
        log_.info("staff: class of " + class_->lesson_id + " finished by " + finish.staff_id + ", " + std::to_string(done.present()) + " present");
        class_.reset();
        renew_session(setup_.idle_limit);
        build_class_pages(now);
        FlowReply r;
        r.restart = std::vector<std::string>{"staff_home", "staff_class_done"};
        return r;
    }
    return {};
}

FlowReply StaffFlow::walk_in_given(const std::string& digits, core::WallTime now) {
    adding_walk_in_ = false;
    if (class_ && std::find(class_->walk_in_phones.begin(), class_->walk_in_phones.end(), digits) == class_->walk_in_phones.end())
        class_->walk_in_phones.push_back(digits);
    touched();
    build_class_pages(now);
    return FlowReply::to("staff_attendance");
}

void StaffFlow::build_class_pages(core::WallTime now) {
    ui::FlowPage& pick = pages_["staff_class"];
    pick = {};
    pick.keep_captions = true;
    pick.heading = text("staff_class.heading");
    for (const core::LessonPack& pack : lessons_.library().packs())
        for (const core::Lesson& lesson : pack.lessons)
            pick.items.push_back({"staff.class.lesson." + pack.id + "/" + lesson.id, ui::Icon::Learn, lesson.title.in(lang_),
                                  pack.title.in(lang_)});

    ui::FlowPage& done = pages_["staff_class_done"];
    done = {};
    done.heading = class_note_;
    done.hide_back = true;

    ui::FlowPage& run = pages_["staff_class_run"];
    run = {};
    ui::FlowPage& attendance = pages_["staff_attendance"];
    attendance = {};
    attendance.keep_captions = true;
    ui::FlowPage& finish = pages_["staff_class_finish"];
    finish = {};
    if (!class_) return;
    const core::Lesson* lesson = lessons_.library().find_lesson(class_->pack_id, class_->lesson_id);
    const std::string title = lesson ? lesson->title.in(lang_) : class_->lesson_id;
    const std::size_t present = class_->attended_bookings.size() + class_->walk_in_phones.size();
    run.hide_back = true;
    run.lines.push_back({text("staff_class.lesson"), title, ""});
    run.lines.push_back({text("staff_class.started"), DateWords::clock(local_moment(class_->started, setup_.utc_offset_minutes).minute) + "  (" +
                                                          minutes_words(std::max<long long>(0, std::chrono::duration_cast<std::chrono::minutes>(now - class_->started).count())) + ")",
                         ""});
    run.lines.push_back({text("staff_class.present"), std::to_string(present), ""});
    run.actions.push_back({"staff.class.show", ui::Icon::Learn, text("staff_class.show"), "", ui::ButtonStyle::Primary});
    run.actions.push_back({"staff.class.attendance", ui::Icon::Check, text("staff_class.attendance")});
    run.actions.push_back({"staff.class.finish", ui::Icon::Stop, text("staff_class.finish")});

    attendance.heading = format("staff_attendance.heading", {{"n", std::to_string(present)}});
    if (booking_lists_waiting_ > 0 && day_bookings_.empty()) attendance.heading += " " + text("staff.asking");
    attendance_ids_.clear();
    for (const core::DayBooking& b : day_bookings_) {
        if (b.state != "confirmed" && b.state != "checked_in" && b.state != "attended") continue;
        attendance_ids_.push_back(b.id);
        const bool here = std::find(class_->attended_bookings.begin(), class_->attended_bookings.end(), b.id) != class_->attended_bookings.end();
        const auto at = core::parse_utc_time(b.starts_at);
        ui::FlowItem item{"staff.class.present." + std::to_string(attendance_ids_.size()), here ? ui::Icon::Check : ui::Icon::None, b.phone_masked,
                          (at ? DateWords::clock(local_moment(*at, setup_.utc_offset_minutes).minute) + " " : std::string()) + service_title(b.service_id)};
        item.selected = here;
        if (here) item.style = ui::ButtonStyle::Selected;
        attendance.items.push_back(std::move(item));
    }
    for (std::size_t i = 0; i < class_->walk_in_phones.size(); ++i) {
        ui::FlowItem item{"staff.class.walk_in." + std::to_string(i), ui::Icon::Check, core::mask_phone(class_->walk_in_phones[i]),
                          text("staff_attendance.walk_in")};
        item.selected = true;
        item.style = ui::ButtonStyle::Selected;
        attendance.items.push_back(std::move(item));
    }
    attendance.bar.push_back({"staff.class.add_walk_in", ui::Icon::Phone, text("staff_attendance.add_walk_in")});

    finish.heading = format("staff_class_finish.heading", {{"lesson", title}, {"n", std::to_string(present)}});
    finish.actions.push_back({"staff.class.finish_yes", ui::Icon::Check, text("staff_class_finish.yes"), "", ui::ButtonStyle::Primary});
}

}  // namespace qiao::app
