#pragma once
// The booking slip: what a senior takes away after booking (what, when, where, the
// booking code and a QR code of it), and the interface to whatever puts it on paper.
// The confirmation screen shows the same slip; a site with a printer also prints it.
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::core {

struct SlipLine {
    std::string label;  // "时间"
    std::string value;  // "12月1日 星期二 09:30-10:30"
};

struct Slip {
    std::string title;
    std::vector<SlipLine> lines;
    std::string code;     // the short booking code, printed very large; names the slip's file
    std::string qr_text;  // what the QR code holds; no QR code when empty
    std::string footer;
    std::string code_label;  // the words over the code ("预约码"); nothing when empty
};

// Why a slip was not printed, written for the staff who look after the site.
class PrintError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class SlipPrinter {
public:
    virtual ~SlipPrinter() = default;
    // Throws PrintError with a message for staff.
    virtual void print(const Slip& slip) = 0;
    // What prints, for the site health page and the log ("PNG files in /var/...").
    virtual std::string describe() const = 0;
};

// Breaks text into lines no wider than width, as measure (the drawn width of a piece of
// text) says, the way Chinese is set: between any two Chinese characters, at spaces, but
// never before closing punctuation (，。）》 ...) nor after opening punctuation (（《 ...);
// a Latin word or number breaks only at spaces, '-' or '/', unless it alone is wider than
// a line. "\n" starts a new line. Invalid UTF-8 becomes U+FFFD, so the lines can always be
// drawn. Every printer breaks lines the same way, so this sits here and not in one of them.
std::vector<std::string> break_lines(std::string_view text, double width,
                                     const std::function<double(std::string_view)>& measure);

}  // namespace qiao::core
