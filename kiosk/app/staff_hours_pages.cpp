// StaffFlow, "my hours": start and end a shift; each shift ended is recorded as two
// matching ledger entries (core::HoursLedger) and sent to the back office, which keeps
// every volunteer's total. A volunteer sees their own total, nobody else's.
#include "app/date_words.hpp"
#include "app/staff_flow.hpp"
#include "core/time/utc_time.hpp"

namespace qiao::app {

FlowReply StaffFlow::open_hours(core::WallTime now) {
    hours_note_.clear();
    build_hours_page(now);
    return FlowReply::to("staff_hours");
}

FlowReply StaffFlow::hours_choice(const std::string& id, core::WallTime now) {
    const std::string& me = session_->account().id;
    try {
        if (id == "staff.hours.check_in") {
            hours_.check_in(me, now);
            hours_note_ = text("staff_hours.started");
        } else if (id == "staff.hours.check_out") {
            const core::ServedHours served = hours_.check_out(me, now);
            hours_note_ = format("staff_hours.recorded", {{"served", minutes_words(served.minutes)}});
            if (served.cut) hours_note_ += " " + text("staff_hours.cut");
        }
    } catch (const std::invalid_argument& e) {
        // Revoked since signing in, or the shift was closed on another screen: say so.
        log_.warning(std::string("staff: hours not recorded: ") + e.what());
        hours_note_ = e.what();
    }
    build_hours_page(now);
    return {};
}

void StaffFlow::build_hours_page(core::WallTime now) {
    const std::string& me = session_->account().id;
    ui::FlowPage& p = pages_["staff_hours"];
    p = {};
    p.heading = session_->account().name;
    p.lines.push_back({text("staff_hours.total"), minutes_words(hours_.own_total_minutes(me)), ""});
    const std::optional<core::WallTime> shift = hours_.open_shift(me);
    if (shift) {
        const LocalMoment at = local_moment(*shift, setup_.utc_offset_minutes);
        const auto so_far = std::chrono::duration_cast<std::chrono::minutes>(now - *shift).count();
        p.lines.push_back({text("staff_hours.on_shift"), DateWords::clock(at.minute) + "  (" + minutes_words(std::max<long long>(0, so_far)) + ")", ""});
        p.actions.push_back({"staff.hours.check_out", ui::Icon::Stop, text("staff_hours.check_out"), "", ui::ButtonStyle::Primary});
    } else {
        p.lines.push_back({text("staff_hours.on_shift"), text("staff_hours.off_shift"), ""});
        p.actions.push_back({"staff.hours.check_in", ui::Icon::Play, text("staff_hours.check_in"), "", ui::ButtonStyle::Primary});
    }
    p.note = hours_note_;
}

}  // namespace qiao::app
