#include "core/print/qr_code.hpp"

#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <stdexcept>
#include <string>

namespace qiao::core {

namespace {

struct QrcodeDeleter {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

QrCode QrCode::encode(std::string_view text) {
    if (text.empty()) throw std::runtime_error("there is no text to put in the QR code");
    // QRcode_encodeString reads a C string; a NUL would silently cut the text short.
    if (text.find('\0') != std::string_view::npos)
        throw std::runtime_error("the text for a QR code contains a NUL character");
    const std::string c_text(text);
    // QR_MODE_8 with case kept: digits and capitals go in the compact numeric and
    // alphanumeric modes, everything else (UTF-8 Chinese) as bytes. Never Kanji mode,
    // which means Shift-JIS and would garble UTF-8.
    errno = 0;
    std::unique_ptr<QRcode, QrcodeDeleter> code(QRcode_encodeString(c_text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!code) {
        if (errno == ERANGE)
            throw std::runtime_error("the text is too long for a QR code (" + std::to_string(text.size()) +
                                     " bytes; a QR code at level M holds at most 2331)");
        if (errno == ENOMEM) throw std::runtime_error("there was not enough memory to make a QR code");
        throw std::runtime_error("the text cannot be put in a QR code");
    }
    const int size = code->width;
    std::vector<bool> modules(static_cast<std::size_t>(size) * size);
    for (std::size_t i = 0; i < modules.size(); ++i) modules[i] = (code->data[i] & 1) != 0;  // bit 0: dark
    return QrCode(size, std::move(modules));
}

bool QrCode::dark(int x, int y) const {
    if (x < 0 || y < 0 || x >= size_ || y >= size_) return false;
    return modules_[static_cast<std::size_t>(y) * size_ + x];
}

}  // namespace qiao::core
