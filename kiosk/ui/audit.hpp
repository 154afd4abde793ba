#pragma once
// Audit: measures one drawn frame against the rules of the screen (DESIGN.md):
// smallest control, smallest gap between neighbouring controls, smallest text, lowest
// text contrast, text that did not fit and controls that overlap or leave the window.
#include <string>
#include <vector>

#include "ui/theme.hpp"
#include "ui/widget_record.hpp"

namespace qiao::ui {

struct AuditFigures {
    float smallest_control_h = 0;   std::string smallest_control_id;
    float smallest_control_w = 0;
    float smallest_gap = 0;         std::string smallest_gap_between;
    float smallest_text_px = 0;     std::string smallest_text_id;
    double lowest_contrast = 0;     std::string lowest_contrast_id;
    int controls = 0;
    std::vector<std::string> problems;  // each rule broken, in plain words with the widget ids
};

// Against the seniors' rules (every screen a visitor can reach).
AuditFigures audit_frame(const FrameRecords& records, const Metrics& metrics, int window_w, int window_h);
// Against other rules: staff_rules(metrics) for the staff screens.
AuditFigures audit_frame(const FrameRecords& records, const AuditRules& rules, int window_w, int window_h);

}  // namespace qiao::ui
