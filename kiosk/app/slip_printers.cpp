#include "app/slip_printers.hpp"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <fcntl.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "core/i18n/catalog.hpp"
#include "core/lessons/unique_fd.hpp"
#include "core/print/qr_code.hpp"

namespace qiao::app {

namespace fs = std::filesystem;
using core::PrintError;

namespace {

// ---------------------------------------------------------------------------------------
// cairo objects, each released exactly once.

struct CairoDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
    void operator()(cairo_font_face_t* face) const { cairo_font_face_destroy(face); }
    void operator()(cairo_font_options_t* options) const { cairo_font_options_destroy(options); }
};
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoDeleter>;
using FontFacePtr = std::unique_ptr<cairo_font_face_t, CairoDeleter>;
using FontOptionsPtr = std::unique_ptr<cairo_font_options_t, CairoDeleter>;

// ---------------------------------------------------------------------------------------
// The CJK font, as cairo draws with it.
//
// cairo may keep a font face in its caches after we drop our reference, and it reads the
// FreeType face for as long as it does. So the FT_Face, and the FT_Library it came from,
// are handed to cairo as user data of the font face: cairo releases them when its last
// reference goes, face first, then (through the shared_ptr) the library.

struct FreeTypeFace {
    std::shared_ptr<FT_LibraryRec_> library;
    FT_Face face = nullptr;
    ~FreeTypeFace() {
        if (face) FT_Done_Face(face);
    }
};

const cairo_user_data_key_t kFreeTypeFaceKey{};

class SlipFont {
public:
    SlipFont(const fs::path& file, int face_index) {
        if (file.empty()) throw PrintError("no font was given for printing slips");
        FT_Library raw_library = nullptr;
        if (FT_Init_FreeType(&raw_library) != 0) throw PrintError("FreeType could not start, so slips cannot be printed");
        auto owner = std::make_unique<FreeTypeFace>();
        owner->library.reset(raw_library, FT_Done_FreeType);
        const FT_Error error = FT_New_Face(raw_library, file.c_str(), face_index, &owner->face);
        if (error != 0) {
            owner->face = nullptr;
            throw PrintError("the font " + file.string() + " cannot be used for printing slips (FreeType error " +
                             std::to_string(error) + ")");
        }
        FontFacePtr face(cairo_ft_font_face_create_for_ft_face(owner->face, 0));
        if (cairo_font_face_status(face.get()) != CAIRO_STATUS_SUCCESS ||
            cairo_font_face_set_user_data(face.get(), &kFreeTypeFaceKey, owner.get(),
                                          [](void* data) { delete static_cast<FreeTypeFace*>(data); }) != CAIRO_STATUS_SUCCESS)
            throw PrintError("cairo cannot draw with the font " + file.string());
        owner.release();  // cairo's now: freed with the font face
        face_ = std::move(face);
    }

    cairo_font_face_t* face() const { return face_.get(); }

private:
    FontFacePtr face_;
};

// ---------------------------------------------------------------------------------------
// The page: A6 portrait, measured in millimetres (the painter's user unit).

constexpr double kPageW = 105.0;
constexpr double kPageH = 148.0;
constexpr double kMargin = 8.0;  // clear of the unprintable edge of office printers
constexpr double kMmPerPt = 25.4 / 72.0;
constexpr double kPngDpi = 300.0;
constexpr int kPngWidth = 1240;   // 105 mm at 300 dpi
constexpr int kPngHeight = 1748;  // 148 mm at 300 dpi
// The QR symbol (without its quiet zone) is at least this wide: phones read it from arm's
// length, and a senior's hand need not steady the phone close up.
constexpr double kQrSymbolMm = 31.0;
constexpr int kQrQuietModules = 4;

struct Rgb {
    double r, g, b;
};
constexpr Rgb kInk{0, 0, 0};
constexpr Rgb kLabelInk{0.2, 0.2, 0.2};  // 12.6:1 on white: quieter than the values, still plain to read

// Type sizes in points on paper, roomiest first. A slip is printed at the first that fits
// one page. The values (what, when, where) are what a senior reads, so they keep their
// size longest and never go below 14 pt; the title, code and footer give way first.
struct TypeSizes {
    double title, label, value, code_label, code, footer;
};
constexpr TypeSizes kSizeSteps[] = {
    {24, 14, 18, 13, 36, 10}, {22, 13, 18, 12, 32, 9}, {20, 13, 17, 12, 30, 9},
    {19, 12, 16, 12, 28, 9},  {18, 12, 15, 11, 26, 8}, {17, 12, 14, 11, 24, 8},
    {16, 11, 14, 10, 22, 8},
};

// Lines of text sit in boxes 1.3 em tall with the baseline at 1.03 em: room for the
// 0.88 em above and 0.12 em below the baseline that Chinese characters take, and for
// Latin descenders, with the same spacing in every font.
constexpr double kLineHeightEm = 1.3;
constexpr double kBaselineEm = 1.03;
// "Bold-ish": the outline of each glyph stroked as well as filled. The CJK fonts Debian
// ships have no bold face.
constexpr double kBoldStrokeEm = 0.045;

enum class Align { Left, Centre };

// Lays a slip out on a page and, when asked, draws it. The user unit of cr is 1 mm.
class SlipPainter {
public:
    SlipPainter(cairo_t* cr, const SlipFont& font, double device_per_mm, bool raster)
        : cr_(cr), device_per_mm_(device_per_mm), raster_(raster) {
        cairo_set_font_face(cr_, font.face());
        // No hinting: the same layout on a 300 dpi PNG and in a PDF, and no glyph snapped
        // out of the line it was measured for.
        FontOptionsPtr options(cairo_font_options_create());
        cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_antialias(options.get(), raster ? CAIRO_ANTIALIAS_GRAY : CAIRO_ANTIALIAS_DEFAULT);
        cairo_set_font_options(cr_, options.get());
    }

    // Lays the slip out at these sizes, drawing it when draw is set. Returns by how many
    // mm the text runs into the QR code and footer at the foot of the page: fits when <= 0.
    double lay_out(const core::Slip& slip, const core::QrCode* qr, const TypeSizes& sizes, bool draw) {
        draw_ = draw;
        const double left = kMargin, right = kPageW - kMargin, top = kMargin, bottom = kPageH - kMargin;
        const double width = right - left;
        double y = top;

        if (!slip.title.empty()) {
            y += text_block(slip.title, sizes.title, true, left, y, width, Align::Left, kInk);
            y += 1.5;
            rule(left, right, y);
            y += 3.5;
        }

        y = lines(slip.lines, sizes, left, right, y);

        if (!slip.code.empty()) y = code_box(slip, sizes, left, right, y + 1.0);

        return y + 2.0 - foot(slip, qr, sizes, left, right, bottom);
    }

private:
    void set_size(double pt) {
        size_mm_ = pt * kMmPerPt;
        cairo_set_font_size(cr_, size_mm_);
    }

    double measure(std::string_view text, bool bold) const {
        if (text.empty()) return 0;
        cairo_text_extents_t extents;
        const std::string s(text);
        cairo_text_extents(cr_, s.c_str(), &extents);
        return extents.x_advance + (bold ? kBoldStrokeEm * size_mm_ : 0.0);
    }

    void colour(const Rgb& c) { cairo_set_source_rgb(cr_, c.r, c.g, c.b); }

    void show(const std::string& text, double x, double baseline, bool bold) {
        if (!draw_ || text.empty()) return;
        cairo_move_to(cr_, x, baseline);
        if (!bold) {
            cairo_show_text(cr_, text.c_str());
            return;
        }
        cairo_text_path(cr_, text.c_str());
        embolden();
    }

    void embolden() {
        cairo_set_line_width(cr_, kBoldStrokeEm * size_mm_);
        cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
        cairo_fill_preserve(cr_);
        cairo_stroke(cr_);
    }

    // Text broken into lines inside width, its first line box at top. Returns its height.
    double text_block(const std::string& text, double pt, bool bold, double x, double top, double width, Align align,
                      const Rgb& ink) {
        set_size(pt);
        colour(ink);
        const auto broken = core::break_lines(text, width, [&](std::string_view s) { return measure(s, bold); });
        double baseline = top + kBaselineEm * size_mm_;
        for (const std::string& line : broken) {
            const double at = align == Align::Centre ? x + (width - measure(line, bold)) / 2 : x;
            show(line, at, baseline, bold);
            baseline += kLineHeightEm * size_mm_;
        }
        return static_cast<double>(broken.size()) * kLineHeightEm * size_mm_;
    }

    void rule(double from, double to, double y) {
        if (!draw_) return;
        colour(kInk);
        cairo_set_line_width(cr_, 0.35);
        cairo_move_to(cr_, from, y);
        cairo_line_to(cr_, to, y);
        cairo_stroke(cr_);
    }

    // Each line: its label in a column on the left, its value beside it in big type, the
    // first baselines level. Returns where the next thing may start.
    double lines(const std::vector<core::SlipLine>& lines, const TypeSizes& sizes, double left, double right, double y) {
        const double width = right - left;
        set_size(sizes.label);
        double label_w = 0;
        for (const auto& line : lines) label_w = std::max(label_w, measure(line.label, false));
        label_w = std::min(label_w, width * 0.34);  // a long label wraps rather than squeeze the value
        const double gap = label_w > 0 ? 3.0 : 0.0;
        const double value_x = left + label_w + gap;
        const double value_w = right - value_x;
        for (const auto& line : lines) {
            const double value_mm = sizes.value * kMmPerPt, label_mm = sizes.label * kMmPerPt;
            const double value_h = text_block(line.value, sizes.value, false, value_x, y, value_w, Align::Left, kInk);
            // The label's box starts lower, so its baseline meets the value's first one.
            const double label_top = y + kBaselineEm * (value_mm - label_mm);
            const double label_h = text_block(line.label, sizes.label, false, left, label_top, label_w, Align::Left, kLabelInk);
            y = std::max({y + value_h, label_top + label_h, y + kLineHeightEm * value_mm}) + 2.2;
        }
        return y;
    }

    // The booking code, very large, its characters spaced so each can be read out one by
    // one, in a box with the words over it. Returns where the box ends.
    double code_box(const core::Slip& slip, const TypeSizes& sizes, double left, double right, double top) {
        constexpr double kPad = 2.5;
        const double inner_w = right - left - 2 * kPad;
        double y = top + kPad;
        if (!slip.code_label.empty())
            y += text_block(slip.code_label, sizes.code_label, false, left + kPad, y, inner_w, Align::Centre, kInk);

        std::vector<std::string> chars;
        for (char32_t c : core::decode_utf8(slip.code)) chars.push_back(core::encode_utf8(c));
        // The widest size up to the chosen one at which the code fits one line, but never
        // below the values' size; a code longer than that goes on more lines.
        const auto spaced_width = [&](std::size_t from, std::size_t to) {
            double w = 0;
            for (std::size_t i = from; i < to; ++i) w += measure(chars[i], false);
            return w + kBoldStrokeEm * size_mm_ + 0.3 * size_mm_ * static_cast<double>(to - from - 1);
        };
        set_size(sizes.code);
        const double full = spaced_width(0, chars.size());
        if (full > inner_w) set_size(std::max(sizes.value, sizes.code * inner_w / full * 0.98));
        colour(kInk);
        std::size_t from = 0;
        while (from < chars.size()) {
            std::size_t to = from + 1;
            while (to < chars.size() && spaced_width(from, to + 1) <= inner_w) ++to;
            const double baseline = y + 0.95 * size_mm_;  // capitals and digits sit mid-box
            double x = left + kPad + (inner_w - spaced_width(from, to)) / 2;
            if (draw_) {
                for (std::size_t i = from; i < to; ++i) {
                    cairo_move_to(cr_, x, baseline);
                    cairo_text_path(cr_, chars[i].c_str());
                    x += measure(chars[i], false) + 0.3 * size_mm_;
                }
                embolden();
            }
            y += 1.2 * size_mm_;
            from = to;
        }
        const double bottom = y + kPad;
        if (draw_) {
            constexpr double kRadius = 2.0;
            cairo_new_sub_path(cr_);
            cairo_arc(cr_, right - kRadius, top + kRadius, kRadius, -M_PI / 2, 0);
            cairo_arc(cr_, right - kRadius, bottom - kRadius, kRadius, 0, M_PI / 2);
            cairo_arc(cr_, left + kRadius, bottom - kRadius, kRadius, M_PI / 2, M_PI);
            cairo_arc(cr_, left + kRadius, top + kRadius, kRadius, M_PI, 3 * M_PI / 2);
            cairo_close_path(cr_);
            cairo_set_line_width(cr_, 0.5);
            cairo_stroke(cr_);
        }
        return bottom;
    }

    // The QR code in the bottom right corner, the footer beside it (or above it when the
    // code leaves too little room). Returns the top of what it laid out.
    double foot(const core::Slip& slip, const core::QrCode* qr, const TypeSizes& sizes, double left, double right,
                double bottom) {
        double top = bottom;         // of everything in the foot, quiet zone included
        double symbol_top = bottom;  // where the footer beside the code starts
        double qr_left = right;      // where the quiet zone begins
        if (qr) {
            const int n = qr->size();
            double module = kQrSymbolMm / n;
            // On a raster every module is a whole number of pixels and starts on a pixel:
            // no blurred module edges for the phone to guess at.
            if (raster_) module = std::ceil(module * device_per_mm_) / device_per_mm_;
            // The symbol's right and bottom edges meet the margins; the quiet zone there
            // lies in the margin, which is blank anyway.
            double x = right - n * module;
            double y = bottom - n * module;
            if (raster_) {
                x = std::round(x * device_per_mm_) / device_per_mm_;
                y = std::round(y * device_per_mm_) / device_per_mm_;
            }
            qr_left = x - kQrQuietModules * module;
            symbol_top = y;
            top = y - kQrQuietModules * module;
            if (draw_) draw_qr(*qr, x, y, module);
        }
        if (slip.footer.empty()) return top;
        const double beside_w = qr_left - left;
        const bool beside = qr && beside_w >= 30.0;
        const double footer_w = beside ? beside_w : right - left;
        // Measured first, then drawn where it belongs.
        const bool drawing = std::exchange(draw_, false);
        const double h = text_block(slip.footer, sizes.footer, false, left, 0, footer_w, Align::Left, kInk);
        draw_ = drawing;
        // Beside the code its top meets the symbol's, unless it is taller than the symbol.
        const double footer_top = beside ? std::min(symbol_top, bottom - h) : top - h;
        text_block(slip.footer, sizes.footer, false, left, footer_top, footer_w, Align::Left, kInk);
        return std::min(top, footer_top);
    }

    void draw_qr(const core::QrCode& qr, double x, double y, double module) {
        // One path for every dark module, filled once: no hairline seams between
        // neighbouring modules in a PDF viewer.
        const int n = qr.size();
        for (int row = 0; row < n; ++row)
            for (int col = 0; col < n;) {
                if (!qr.dark(col, row)) {
                    ++col;
                    continue;
                }
                int end = col;
                while (end < n && qr.dark(end, row)) ++end;
                cairo_rectangle(cr_, x + col * module, y + row * module, (end - col) * module, module);
                col = end;
            }
        colour(kInk);
        cairo_save(cr_);
        if (raster_) cairo_set_antialias(cr_, CAIRO_ANTIALIAS_NONE);
        cairo_fill(cr_);
        cairo_restore(cr_);
    }

    cairo_t* cr_;
    double device_per_mm_;
    bool raster_;
    bool draw_ = false;
    double size_mm_ = 0;
};

// The text as cairo will take it: one bad byte in a string handed to cairo puts the whole
// drawing into an error state, so every string is valid UTF-8 (bad bytes become U+FFFD)
// before it gets there.
std::string valid_utf8(std::string_view text) {
    std::string out;
    for (char32_t c : core::decode_utf8(text)) out += core::encode_utf8(c);
    return out;
}

core::Slip valid_utf8(const core::Slip& slip) {
    core::Slip clean{valid_utf8(slip.title), {}, valid_utf8(slip.code), slip.qr_text, valid_utf8(slip.footer),
                     valid_utf8(slip.code_label)};
    for (const auto& line : slip.lines) clean.lines.push_back({valid_utf8(line.label), valid_utf8(line.value)});
    return clean;
}

// Lays the slip out at the roomiest sizes that fit the page, and draws it.
void paint_slip(cairo_t* cr, const SlipFont& font, double device_per_mm, bool raster, const core::Slip& slip,
                const core::QrCode* qr) {
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, device_per_mm, device_per_mm);
    SlipPainter painter(cr, font, device_per_mm, raster);
    double over = 0;
    for (const TypeSizes& sizes : kSizeSteps) {
        over = painter.lay_out(slip, qr, sizes, false);
        if (over <= 0) {
            painter.lay_out(slip, qr, sizes, true);
            if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
                throw PrintError(std::string("the slip could not be drawn: ") + cairo_status_to_string(cairo_status(cr)));
            return;
        }
    }
    throw PrintError("the slip for booking " + slip.code + " has too much text for one A6 page (" +
                     std::to_string(static_cast<int>(std::ceil(over))) + " mm too long even in the smallest print); " +
                     "shorten its lines or its footer");
}

// ---------------------------------------------------------------------------------------
// Writing a slip file.
//
// A slip is written to "<file>.part", flushed to the disk and only then renamed to its
// name: a print queue watching the folder, or someone opening it, never sees half a slip,
// nor does a power cut leave one.

class PartFile {
public:
    explicit PartFile(fs::path file) : file_(std::move(file)), part_(file_.string() + ".part") {
        fd_ = core::UniqueFd(::open(part_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (!fd_.valid()) fail(errno);
    }
    ~PartFile() {
        if (!published_) {
            fd_.reset();
            std::error_code ignored;
            fs::remove(part_, ignored);
        }
    }
    PartFile(const PartFile&) = delete;
    PartFile& operator=(const PartFile&) = delete;

    // For cairo's *_for_stream / *_to_png_stream.
    static cairo_status_t write(void* closure, const unsigned char* data, unsigned int length) {
        auto* self = static_cast<PartFile*>(closure);
        while (length > 0) {
            const ssize_t n = ::write(self->fd_.get(), data, length);
            if (n < 0) {
                if (errno == EINTR) continue;
                self->write_errno_ = errno;
                return CAIRO_STATUS_WRITE_ERROR;
            }
            data += n;
            length -= static_cast<unsigned int>(n);
        }
        return CAIRO_STATUS_SUCCESS;
    }

    // Throws for what cairo reported, naming the cause the disk gave where there was one.
    void check(cairo_status_t status) const {
        if (write_errno_ != 0) fail(write_errno_);
        if (status != CAIRO_STATUS_SUCCESS)
            throw PrintError("the slip " + file_.string() + " could not be made: " + cairo_status_to_string(status));
    }

    void publish() {
        if (::fsync(fd_.get()) != 0) fail(errno);
        fd_.reset();
        std::error_code ec;
        fs::rename(part_, file_, ec);
        if (ec) throw PrintError("the slip " + file_.string() + " could not be saved: " + ec.message());
        published_ = true;
        // The rename reaches the disk with its directory; a failure here loses nothing
        // already written, so it is not worth failing the print for.
        core::UniqueFd dir(::open(file_.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (dir.valid()) ::fsync(dir.get());
    }

private:
    [[noreturn]] void fail(int error) const {
        throw PrintError("the slip " + file_.string() + " could not be written: " + std::strerror(error));
    }

    fs::path file_;
    fs::path part_;
    core::UniqueFd fd_;
    int write_errno_ = 0;
    bool published_ = false;
};

void ensure_folder(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw PrintError("the slip folder " + dir.string() + " cannot be created: " + ec.message());
    if (!fs::is_directory(dir, ec)) throw PrintError("the slip folder " + dir.string() + " is not a folder");
}

// The booking code names the file; anything but letters, digits, '-' and '_' becomes '_',
// so no code can reach outside the folder.
std::string file_stem(const std::string& code) {
    if (code.empty()) throw PrintError("the slip has no booking code, so it cannot be printed");
    std::string stem = "slip-";
    for (char c : code) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        stem += plain ? c : '_';
    }
    return stem;
}

enum class SlipFormat { Png, Pdf };

class FileSlipPrinter final : public core::SlipPrinter {
public:
    FileSlipPrinter(SlipFormat format, fs::path dir, const fs::path& font_file, int face_index)
        : format_(format), dir_(std::move(dir)), font_(font_file, face_index) {
        ensure_folder(dir_);
    }

    void print(const core::Slip& written) override {
        const core::Slip slip = valid_utf8(written);  // qr_text stays as written: it is bytes to the QR code
        const std::string stem = file_stem(slip.code);
        std::optional<core::QrCode> qr;
        if (!slip.qr_text.empty()) {
            try {
                qr = core::QrCode::encode(slip.qr_text);
            } catch (const std::runtime_error& e) {
                throw PrintError("the slip for booking " + slip.code + " cannot have its QR code: " + e.what());
            }
        }
        ensure_folder(dir_);  // it may have gone since (a removed USB stick, a cleaned folder)
        const core::QrCode* code = qr ? &*qr : nullptr;
        if (format_ == SlipFormat::Png) {
            PartFile file(dir_ / (stem + ".png"));
            SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, kPngWidth, kPngHeight));
            file.check(cairo_surface_status(surface.get()));
            {
                CairoPtr cr(cairo_create(surface.get()));
                paint_slip(cr.get(), font_, kPngDpi / 25.4, true, slip, code);
            }
            cairo_surface_flush(surface.get());
            file.check(cairo_surface_write_to_png_stream(surface.get(), &PartFile::write, &file));
            file.publish();
        } else {
            PartFile file(dir_ / (stem + ".pdf"));
            SurfacePtr surface(cairo_pdf_surface_create_for_stream(&PartFile::write, &file, kPageW / kMmPerPt, kPageH / kMmPerPt));
            file.check(cairo_surface_status(surface.get()));
            cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, slip.title.c_str());
            cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Qiao kiosk");
            {
                CairoPtr cr(cairo_create(surface.get()));
                paint_slip(cr.get(), font_, 1.0 / kMmPerPt, false, slip, code);
                cairo_show_page(cr.get());
            }
            cairo_surface_finish(surface.get());  // writes the rest of the PDF through PartFile::write
            file.check(cairo_surface_status(surface.get()));
            file.publish();
        }
    }

    std::string describe() const override {
        return std::string(format_ == SlipFormat::Png ? "PNG" : "PDF") + " files in " + dir_.string();
    }

private:
    SlipFormat format_;
    fs::path dir_;
    SlipFont font_;
};

}  // namespace

std::unique_ptr<core::SlipPrinter> make_slip_printer(const std::string& spec, const fs::path& font_file, int face_index) {
    if (spec.empty() || spec == "none") return std::make_unique<NoSlipPrinter>();
    const auto colon = spec.find(':');
    const std::string kind = spec.substr(0, colon);
    if (colon == std::string::npos || (kind != "png" && kind != "pdf"))
        throw std::invalid_argument("the slip printer \"" + spec + "\" is not known: use none, png:FOLDER or pdf:FOLDER");
    const std::string dir = spec.substr(colon + 1);
    if (dir.empty())
        throw std::invalid_argument("the slip printer \"" + spec + "\" needs a folder after \"" + kind + ":\", e.g. " + kind +
                                    ":/var/lib/qiao/slips");
    return std::make_unique<FileSlipPrinter>(kind == "png" ? SlipFormat::Png : SlipFormat::Pdf, dir, font_file, face_index);
}

}  // namespace qiao::app
