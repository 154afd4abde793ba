#include "ui/audit.hpp"

#include <cfloat>
#include <sstream>

#include "ui/contrast.hpp"

namespace qiao::ui {

AuditFigures audit_frame(const FrameRecords& records, const Metrics& m, int window_w, int window_h) {
    return audit_frame(records, senior_rules(m), window_w, window_h);
}

AuditFigures audit_frame(const FrameRecords& records, const AuditRules& rules, int window_w, int window_h) {
    AuditFigures f;
    f.smallest_control_h = FLT_MAX;
    f.smallest_control_w = FLT_MAX;
    f.smallest_gap = FLT_MAX;
    f.smallest_text_px = FLT_MAX;
    f.lowest_contrast = 1e9;
    auto problem = [&](const std::string& what) { f.problems.push_back(what); };

    std::vector<const WidgetRecord*> controls;
    for (const auto& r : records) {
        if (r.text_px > 0 && !r.practice && r.text_px < f.smallest_text_px) {
            f.smallest_text_px = r.text_px;
            f.smallest_text_id = r.id;
        }
        if (r.text_px > 0) {
            const double c = contrast_ratio(r.colours.text, r.colours.background);
            if (c < f.lowest_contrast) {
                f.lowest_contrast = c;
                f.lowest_contrast_id = r.id;
            }
        }
        if (r.overflows) problem(r.id + ": its text does not fit in its place");
        if (!r.control || r.practice) continue;
        controls.push_back(&r);
        if (r.rect.h < f.smallest_control_h) {
            f.smallest_control_h = r.rect.h;
            f.smallest_control_id = r.id;
        }
        f.smallest_control_w = std::min(f.smallest_control_w, r.rect.w);
        if (r.rect.x < -0.5f || r.rect.y < -0.5f || r.rect.right() > static_cast<float>(window_w) + 0.5f ||
            r.rect.bottom() > static_cast<float>(window_h) + 0.5f)
            problem(r.id + ": reaches outside the window");
    }
    // A simulated phone's places to tap must be on its screen, not cut off below it.
    if (const WidgetRecord* phone = find_widget(records, "phone.screen"))
        for (const auto& r : records)
            if (r.practice && &r != phone &&
                (r.rect.y < phone->rect.y - 0.5f || r.rect.bottom() > phone->rect.bottom() + 0.5f))
                problem(r.id + ": is not wholly on the simulated phone's screen");
    f.controls = static_cast<int>(controls.size());
    for (std::size_t i = 0; i < controls.size(); ++i)
        for (std::size_t j = i + 1; j < controls.size(); ++j) {
            const float g = core::gap_between(controls[i]->rect, controls[j]->rect);
            if (controls[i]->rect.overlaps(controls[j]->rect)) problem(controls[i]->id + " overlaps " + controls[j]->id);
            if (g < f.smallest_gap) {
                f.smallest_gap = g;
                f.smallest_gap_between = controls[i]->id + " / " + controls[j]->id;
            }
        }

    std::ostringstream s;
    if (f.controls > 0 && f.smallest_control_h + 0.5f < rules.control_h) {
        s << f.smallest_control_id << ": " << f.smallest_control_h << " px tall, the rule is " << rules.control_h;
        problem(s.str());
        s.str("");
    }
    if (f.controls > 0 && f.smallest_control_w + 0.5f < rules.control_h) {
        s << "a control is " << f.smallest_control_w << " px wide, the rule is " << rules.control_h;
        problem(s.str());
        s.str("");
    }
    if (f.controls > 1 && f.smallest_gap + 0.5f < rules.gap) {
        s << f.smallest_gap_between << ": " << f.smallest_gap << " px apart, the rule is " << rules.gap;
        problem(s.str());
        s.str("");
    }
    if (f.smallest_text_px != FLT_MAX && f.smallest_text_px + 0.5f < rules.body_px) {
        s << f.smallest_text_id << ": text " << f.smallest_text_px << " px, the rule is " << rules.body_px;
        problem(s.str());
        s.str("");
    }
    if (f.lowest_contrast < rules.contrast) {
        s << f.lowest_contrast_id << ": contrast " << f.lowest_contrast << ":1, the rule is " << rules.contrast << ":1";
        problem(s.str());
    }
    if (f.controls == 0) f.smallest_control_h = f.smallest_control_w = 0;
    if (f.controls < 2) f.smallest_gap = 0;
    if (f.smallest_text_px == FLT_MAX) f.smallest_text_px = 0;
    return f;
}

}  // namespace qiao::ui
