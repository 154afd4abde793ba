// The booking slip on paper: a Chinese slip printed to PNG and PDF, looked at pixel by
// pixel (inside the page, QR code where it belongs) and, where zbarimg is installed,
// its QR code read back the way a phone would.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cairo.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

#include "app/slip_printers.hpp"
#include "core/i18n/catalog.hpp"
#include "ui/font_set.hpp"

using namespace qiao;
namespace fs = std::filesystem;

namespace {

// A fresh folder under QIAO_TEST_TMP for one test, removed afterwards.
class SlipTempDir {
public:
    explicit SlipTempDir(const std::string& name) {
        static std::atomic<int> counter{0};
        path_ = fs::path(QIAO_TEST_TMP) / "ui" / ("slip-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~SlipTempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    SlipTempDir(const SlipTempDir&) = delete;
    SlipTempDir& operator=(const SlipTempDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

core::Slip chinese_slip() {
    core::Slip slip;
    slip.title = "预约成功：智能手机入门课";
    slip.lines = {{"活动", "智能手机入门课（第一讲）：学会用微信和家人视频通话"},
                  {"时间", "12月1日 星期二 09:30-10:30"},
                  {"地点", "幸福里社区服务中心 二楼 3号活动室"},
                  {"老师", "王芳（志愿者）"}};
    slip.code = "K7F3Q2";
    slip.code_label = "预约码";
    slip.qr_text = "https://qiao.example/b/K7F3Q2";
    slip.footer = "请提前10分钟到场。不能来时，请到服务台或拨打 021-5555 0123 取消，把座位留给别人。";
    return slip;
}

std::unique_ptr<core::SlipPrinter> printer_for(const std::string& spec) {
    const ui::FontFile font = ui::find_cjk_font();
    return app::make_slip_printer(spec, font.path, font.face_index);
}

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};

// A PNG as rows of grey levels (0 black .. 255 white).
struct Grey {
    int width = 0, height = 0;
    std::vector<unsigned char> pixels;
    unsigned char at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
    // How many pixels of the rectangle are darker than mid grey.
    int dark_in(int x0, int y0, int x1, int y1) const {
        int n = 0;
        for (int y = std::max(0, y0); y < std::min(height, y1); ++y)
            for (int x = std::max(0, x0); x < std::min(width, x1); ++x) n += at(x, y) < 128;
        return n;
    }
};

Grey read_png(const fs::path& file) {
    std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(cairo_image_surface_create_from_png(file.c_str()));
    REQUIRE(cairo_surface_status(surface.get()) == CAIRO_STATUS_SUCCESS);
    Grey grey;
    grey.width = cairo_image_surface_get_width(surface.get());
    grey.height = cairo_image_surface_get_height(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    const unsigned char* data = cairo_image_surface_get_data(surface.get());
    grey.pixels.resize(static_cast<std::size_t>(grey.width) * grey.height);
    for (int y = 0; y < grey.height; ++y)
        for (int x = 0; x < grey.width; ++x) {
            const auto* p = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::size_t>(y) * stride) + x;
            const unsigned r = (*p >> 16) & 0xFF, g = (*p >> 8) & 0xFF, b = *p & 0xFF;
            grey.pixels[static_cast<std::size_t>(y) * grey.width + x] = static_cast<unsigned char>((r + g + b) / 3);
        }
    return grey;
}

// At 300 dpi.
int px(double mm) { return static_cast<int>(mm * 300.0 / 25.4 + 0.5); }

// Nothing is drawn in the outer band of the page, so nothing ran off it. The QR code's
// quiet zone may lie in the margin, but that is blank too.
void check_margins_blank(const Grey& g) {
    const int band = px(5.0);
    CHECK(g.dark_in(0, 0, g.width, band) == 0);
    CHECK(g.dark_in(0, g.height - band, g.width, g.height) == 0);
    CHECK(g.dark_in(0, 0, band, g.height) == 0);
    CHECK(g.dark_in(g.width - band, 0, g.width, g.height) == 0);
}

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool on_path(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');)
        if (!dir.empty() && ::access((fs::path(dir) / program).c_str(), X_OK) == 0) return true;
    return false;
}

// What zbarimg reads from the QR code in a PNG, as a phone would; the exit status too.
std::pair<std::string, int> zbar_read(const fs::path& png) {
    const std::string command = "zbarimg --raw -q '" + png.string() + "' 2>/dev/null";  // zbar talks of D-Bus on stderr
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), &::pclose);
    REQUIRE(pipe);
    std::string out;
    char buf[512];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe.get())) > 0;) out.append(buf, n);
    const int status = ::pclose(pipe.release());
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return {out, status};
}

}  // namespace

TEST_CASE("a Chinese slip prints to an A6 PNG at 300 dpi, inside the page, with a QR code that reads back") {
    SlipTempDir dir("png");
    auto printer = printer_for("png:" + dir.path().string());
    CHECK(printer->describe() == "PNG files in " + dir.path().string());
    const core::Slip slip = chinese_slip();

    // Five prints, timed: print() runs when a senior taps "book", so it must be quick.
    std::vector<double> ms;
    for (int i = 0; i < 5; ++i) {
        const auto started = std::chrono::steady_clock::now();
        printer->print(slip);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
    }
    std::sort(ms.begin(), ms.end());
    MESSAGE("PNG slip: median " << ms[2] << " ms of 5 (fastest " << ms[0] << ", slowest " << ms[4] << ")");

    const fs::path png = dir.path() / "slip-K7F3Q2.png";
    REQUIRE(fs::exists(png));
    CHECK(fs::file_size(png) > 20000);
    CHECK_FALSE(fs::exists(dir.path() / "slip-K7F3Q2.png.part"));
    CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);

    const Grey g = read_png(png);
    CHECK(g.width == 1240);
    CHECK(g.height == 1748);
    check_margins_blank(g);
    // The QR code: the bottom right corner inside the margins, 31 mm of symbol, about half dark.
    const int qr_x0 = g.width - px(8 + 31), qr_y0 = g.height - px(8 + 31);
    const int qr_dark = g.dark_in(qr_x0, qr_y0, g.width - px(8), g.height - px(8));
    const int qr_area = px(31) * px(31);
    CHECK(qr_dark > qr_area / 4);
    CHECK(qr_dark < qr_area * 3 / 4);
    // Text above it: the title in the top band of the page.
    CHECK(g.dark_in(px(8), px(8), g.width - px(8), px(20)) > 1000);

    if (on_path("zbarimg")) {
        const auto [text, status] = zbar_read(png);
        CHECK(status == 0);
        CHECK(text == slip.qr_text);
    } else {
        MESSAGE("zbarimg is not installed (Debian package zbar-tools): the QR code was not read back");
    }
}

TEST_CASE("a Chinese slip prints to a one-page A6 PDF") {
    SlipTempDir dir("pdf");
    auto printer = printer_for("pdf:" + (dir.path() / "new" / "folder").string());  // made when missing
    CHECK(printer->describe() == "PDF files in " + (dir.path() / "new" / "folder").string());
    std::vector<double> ms;
    for (int i = 0; i < 5; ++i) {
        const auto started = std::chrono::steady_clock::now();
        printer->print(chinese_slip());
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
    }
    std::sort(ms.begin(), ms.end());
    MESSAGE("PDF slip: median " << ms[2] << " ms of 5");
    const fs::path pdf = dir.path() / "new" / "folder" / "slip-K7F3Q2.pdf";
    REQUIRE(fs::exists(pdf));
    CHECK_FALSE(fs::exists(pdf.string() + ".part"));
    const std::string bytes = read_file(pdf);
    CHECK(bytes.size() > 5000);
    CHECK(bytes.rfind("%PDF-", 0) == 0);
    CHECK(bytes.find("/MediaBox [ 0 0 297.6") != std::string::npos);  // 105 x 148 mm in points
    CHECK(bytes.find("419.5") != std::string::npos);
    CHECK(bytes.find("/FontFile") != std::string::npos);  // the Chinese font is embedded (a subset)
}

TEST_CASE("long text wraps inside the page, text that cannot fit one page is refused plainly") {
    SlipTempDir dir("long");
    auto printer = printer_for("png:" + dir.path().string());
    core::Slip slip = chinese_slip();
    slip.code = "LONG1";
    slip.title = "预约成功：智能手机入门课，第一讲到第三讲连续上，请每次都来";
    slip.lines = {{"很长很长很长很长的标签\xFF", "备注"},  // a bad byte draws as a box, not an error
                  {"网址", "https://qiao.example/a/very/long/path/without/spaces/0123456789"},
                  {"号码", "1234567890123456789012345678901234567890"}};
    printer->print(slip);
    const Grey g = read_png(dir.path() / "slip-LONG1.png");
    check_margins_blank(g);
    if (on_path("zbarimg")) CHECK(zbar_read(dir.path() / "slip-LONG1.png").first == slip.qr_text);

    core::Slip huge = chinese_slip();
    huge.code = "HUGE1";
    for (int i = 0; i < 12; ++i) huge.lines.push_back({"备注", "这一行是为了让凭条超出一页而写的很长很长的说明文字"});
    CHECK_THROWS_WITH_AS(printer->print(huge), doctest::Contains("too much text for one A6 page"), core::PrintError);
    CHECK_FALSE(fs::exists(dir.path() / "slip-HUGE1.png"));
    CHECK_FALSE(fs::exists(dir.path() / "slip-HUGE1.png.part"));
}

TEST_CASE("line breaking follows Chinese rules and never exceeds the width") {
    // Every character one unit wide: a line of width 5 holds five characters.
    const auto units = [](std::string_view s) { return static_cast<double>(core::decode_utf8(s).size()); };
    using Lines = std::vector<std::string>;
    CHECK(core::break_lines("一二三四五六七", 5, units) == Lines{"一二三四五", "六七"});
    // No line starts with closing punctuation nor ends with opening punctuation.
    CHECK(core::break_lines("一二三四五，六", 5, units) == Lines{"一二三四", "五，六"});
    CHECK(core::break_lines("一二三四（五）", 5, units) == Lines{"一二三四", "（五）"});
    // Latin words break at spaces (dropped at the line end), times after '-'.
    CHECK(core::break_lines("hello big world", 9, units) == Lines{"hello big", "world"});
    CHECK(core::break_lines("09:30-10:30", 6, units) == Lines{"09:30-", "10:30"});
    CHECK(core::break_lines("12月1日 09:30", 6, units) == Lines{"12月1日", "09:30"});
    // A word wider than a line breaks between its characters.
    CHECK(core::break_lines("abcdefghijkl", 5, units) == Lines{"abcde", "fghij", "kl"});
    // "\n" starts a line; a trailing one, or nothing at all, makes no blank line.
    CHECK(core::break_lines("一\n\n二\n", 5, units) == Lines{"一", "", "二"});
    CHECK(core::break_lines("", 5, units).empty());
    // Bad UTF-8 still draws.
    CHECK(core::break_lines("a\xFF" "b", 5, units) == Lines{"a\uFFFDb"});
    for (const auto& line : core::break_lines("智能手机入门课（第一讲）：学会用微信和家人视频通话，https://qiao.example/b/K7F3Q2 ok", 4, units))
        CHECK(units(line) <= 4);
}

TEST_CASE("no printer: the slip is kept, not printed") {
    for (const std::string spec : {"", "none"}) {
        auto printer = app::make_slip_printer(spec, {});
        CHECK(printer->describe() == "no printer");
        auto* none = dynamic_cast<app::NoSlipPrinter*>(printer.get());
        REQUIRE(none);
        CHECK(none->printed() == 0);
        printer->print(chinese_slip());
        printer->print(chinese_slip());
        CHECK(none->printed() == 2);
        REQUIRE(none->last());
        CHECK(none->last()->code == "K7F3Q2");
    }
}

TEST_CASE("a bad printer spec or an unwritable folder gives a plain error") {
    CHECK_THROWS_WITH_AS(printer_for("fax:0215550123"), doctest::Contains("use none, png:FOLDER or pdf:FOLDER"),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(printer_for("printer"), doctest::Contains("\"printer\" is not known"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(printer_for("png:"), doctest::Contains("needs a folder"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(printer_for("png:/proc/qiao-no"), doctest::Contains("/proc/qiao-no cannot be created"),
                         core::PrintError);
    // A folder that exists but takes no files.
    auto printer = printer_for("png:/proc");
    CHECK_THROWS_WITH_AS(printer->print(chinese_slip()), doctest::Contains("/proc/slip-K7F3Q2.png could not be written"),
                         core::PrintError);

    SlipTempDir dir("bad");
    auto good = printer_for("pdf:" + dir.path().string());
    core::Slip no_code = chinese_slip();
    no_code.code.clear();
    CHECK_THROWS_WITH_AS(good->print(no_code), doctest::Contains("no booking code"), core::PrintError);
    core::Slip long_qr = chinese_slip();
    long_qr.qr_text = std::string(5000, 'x');
    CHECK_THROWS_WITH_AS(good->print(long_qr), doctest::Contains("too long for a QR code"), core::PrintError);
    CHECK(fs::is_empty(dir.path()));
    CHECK_THROWS_WITH_AS(app::make_slip_printer("png:" + dir.path().string(), dir.path() / "no-such-font.ttf"),
                         doctest::Contains("no-such-font.ttf cannot be used"), core::PrintError);
}
