#pragma once
// QrCode: the modules of a QR code for a short text (the booking on a slip), made by
// libqrencode at error-correction level M, so a slip folded or smudged over about 15%
// of the symbol still reads. The version (size) is the smallest that holds the text.
//
// The modules are copied out of libqrencode's QRcode as soon as it is made, so this
// header needs nothing of libqrencode and a QrCode can be copied freely.
#include <string_view>
#include <vector>

namespace qiao::core {

class QrCode {
public:
    // Throws std::runtime_error with a plain message when the text cannot be encoded:
    // empty, holding a NUL character, or too long for any QR code.
    static QrCode encode(std::string_view text);

    // Modules per side, without the quiet zone (the light border of 4 modules a reader
    // needs around the symbol, which whoever draws the code must leave).
    int size() const { return size_; }
    // Whether the module in column x, row y is dark. Outside the symbol everything is
    // light (the quiet zone), so a drawing loop may run past the edges.
    bool dark(int x, int y) const;

private:
    QrCode(int size, std::vector<bool> modules) : size_(size), modules_(std::move(modules)) {}
    int size_ = 0;
    std::vector<bool> modules_;  // row by row
};

}  // namespace qiao::core
