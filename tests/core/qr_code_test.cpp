// The QR code on a booking slip: the right size for its text, the three finder patterns
// a phone looks for, and a plain error for text no QR code can hold.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "core/print/qr_code.hpp"

using qiao::core::QrCode;

namespace {

// The 7x7 finder pattern with its top left module at (x, y): a dark ring, a light ring,
// a dark 3x3 centre, and the light separator around it.
void check_finder(const QrCode& qr, int x, int y) {
    for (int dy = -1; dy <= 7; ++dy)
        for (int dx = -1; dx <= 7; ++dx) {
            const int ring = std::max(std::max(-dx, dx - 6), std::max(-dy, dy - 6));  // >0 outside
            const int depth = std::min(std::min(dx, 6 - dx), std::min(dy, 6 - dy));   // 0 on the outer ring
            bool want_dark = false;
            if (ring <= 0) want_dark = depth != 1;
            INFO("finder at " << x << "," << y << " module " << dx << "," << dy);
            CHECK(qr.dark(x + dx, y + dy) == want_dark);
        }
}

}  // namespace

TEST_CASE("the code grows with its text and keeps its finder patterns at three corners") {
    int last = 0;
    for (const std::string& text : {std::string("K7F3Q2"), std::string("https://qiao.example/b/K7F3Q2"),
                                    std::string("预约：智能手机入门课 12月1日 09:30 幸福里社区服务中心 K7F3Q2"),
                                    std::string(300, 'x')}) {
        INFO(text);
        const QrCode qr = QrCode::encode(text);
        CHECK(qr.size() >= 21);
        CHECK((qr.size() - 17) % 4 == 0);  // versions 1-40: 21, 25, ... 177 modules
        CHECK(qr.size() >= last);
        last = qr.size();
        check_finder(qr, 0, 0);
        check_finder(qr, qr.size() - 7, 0);
        check_finder(qr, 0, qr.size() - 7);
    }
    CHECK(QrCode::encode(std::string(300, 'x')).size() > QrCode::encode("K7F3Q2").size());
}

TEST_CASE("outside the symbol every module is light (the quiet zone)") {
    const QrCode qr = QrCode::encode("K7F3Q2");
    CHECK_FALSE(qr.dark(-1, 0));
    CHECK_FALSE(qr.dark(0, -1));
    CHECK_FALSE(qr.dark(qr.size(), 0));
    CHECK_FALSE(qr.dark(0, qr.size()));
    CHECK(qr.dark(0, 0));
}

TEST_CASE("text no QR code can hold is refused with a plain message") {
    const std::string huge(10000, 'a');
    CHECK_THROWS_WITH_AS(QrCode::encode(huge), doctest::Contains("too long for a QR code"), std::runtime_error);
    CHECK_THROWS_AS(QrCode::encode(""), std::runtime_error);
    CHECK_THROWS_AS(QrCode::encode(std::string("a\0b", 3)), std::runtime_error);
}
