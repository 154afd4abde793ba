// The small rules of the pack format, and reading a WAV header, on their own.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <variant>

#include "core/lessons/pack_rules.hpp"
#include "core/lessons/wav_info.hpp"

using namespace qiao::core;
using namespace qiao::core::pack_rules;

namespace {

std::string le(std::uint32_t v, int bytes) {
    std::string out;
    for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
    return out;
}

// A WAV file: format tag, channels, rate, bits, then data_bytes of silence.
std::string wav(std::uint16_t format, int channels, int rate, int bits, std::uint32_t data_bytes,
                std::uint32_t declared_data = 0xFFFFFFFF) {
    const std::string fmt = le(format, 2) + le(static_cast<std::uint32_t>(channels), 2) +
                            le(static_cast<std::uint32_t>(rate), 4) +
                            le(static_cast<std::uint32_t>(rate * channels * bits / 8), 4) +
                            le(static_cast<std::uint32_t>(channels * bits / 8), 2) + le(static_cast<std::uint32_t>(bits), 2);
    const std::string body = "WAVE" + std::string("LIST") + le(3, 4) + "abc" + '\0' + "fmt " + le(16, 4) + fmt +
                             "data" + le(declared_data == 0xFFFFFFFF ? data_bytes : declared_data, 4) +
                             std::string(data_bytes, '\0');
    return "RIFF" + le(static_cast<std::uint32_t>(body.size()), 4) + body;
}

}  // namespace

TEST_CASE("pack: ids, pack ids and versions") {
    CHECK(id_problem("pay-by-qr").empty());
    CHECK(id_problem("step_2").empty());
    CHECK(id_problem("").find("empty") != std::string::npos);
    CHECK(id_problem("Pay By QR").find("for example 'pay-by-qr'") != std::string::npos);
    CHECK_FALSE(id_problem(std::string(65, 'a')).empty());
    CHECK(pack_id_problem("org.qiao.basics").empty());
    CHECK(pack_id_problem("cn.example-site.lessons2").empty());
    CHECK_FALSE(pack_id_problem("basics").empty());
    CHECK_FALSE(pack_id_problem("org..basics").empty());
    CHECK_FALSE(pack_id_problem("Org.Qiao").empty());
    CHECK_FALSE(pack_id_problem("org.qiao_basics").empty());
    CHECK(version_problem("1.0.0").empty());
    CHECK(version_problem("10.20.300").empty());
    for (const char* bad : {"1.0", "1.0.0.0", "v1.0.0", "1.01.0", "1.0.", "", "1..0", "1.0.0-beta", "9999999999.0.0"})
        CHECK_MESSAGE(!version_problem(bad).empty(), bad);
}

TEST_CASE("pack: paths inside a pack") {
    CHECK(path_problem("images/step1.png").empty());
    CHECK(path_problem("a/b/c.ogg").empty());
    CHECK(path_problem("../x.png").find("'..'") != std::string::npos);
    CHECK(path_problem("images/../../x.png").find("'..'") != std::string::npos);
    CHECK_FALSE(path_problem("/etc/passwd").empty());
    CHECK_FALSE(path_problem("C:/pictures/a.png").empty());
    CHECK(path_problem("images\\a.png").find("'/'") != std::string::npos);
    CHECK_FALSE(path_problem("images//a.png").empty());
    CHECK_FALSE(path_problem("images/").empty());
    CHECK_FALSE(path_problem("").empty());
}

TEST_CASE("pack: the nearest name for a did-you-mean") {
    CHECK(closest("tittle", {"title", "summary"}) == "title");
    CHECK(closest("Title", {"title", "summary"}) == "title");
    CHECK(closest("qrcode", builtin_icons()).empty());
    CHECK(closest("walet", builtin_icons()) == "wallet");
    CHECK(closest("xyz", {"a", "b"}).empty());
    CHECK(join({"a", "b"}) == "a, b");
    CHECK(is_builtin_icon("hospital"));
    CHECK_FALSE(is_builtin_icon("Hospital"));
}

TEST_CASE("pack: WAV headers give a length or a plain reason") {
    auto info = read_wav_info(wav(1, 1, 8000, 16, 16000));
    REQUIRE(std::holds_alternative<WavInfo>(info));
    CHECK(std::get<WavInfo>(info).seconds == doctest::Approx(1.0));
    info = read_wav_info(wav(1, 2, 22050, 8, 22050 * 2 * 3));
    REQUIRE(std::holds_alternative<WavInfo>(info));
    CHECK(std::get<WavInfo>(info).seconds == doctest::Approx(3.0));
    CHECK(std::get<WavInfo>(info).bits == 8);

    const auto reason = [](const std::string& bytes) {
        const auto result = read_wav_info(bytes);
        return std::holds_alternative<std::string>(result) ? std::get<std::string>(result) : std::string("(read)");
    };
    CHECK(reason(wav(1, 1, 8000, 24, 300)).find("24-bit") != std::string::npos);
    CHECK(reason(wav(3, 1, 8000, 16, 300)).find("compressed") != std::string::npos);
    CHECK(reason(wav(1, 1, 8000, 16, 100, 5000)).find("cut short") != std::string::npos);
    CHECK(reason(wav(1, 1, 8000, 16, 0)).find("no sound") != std::string::npos);
    CHECK(reason("RIFF").find("not a WAV") != std::string::npos);
    CHECK(reason(wav(1, 1, 8000, 16, 100).substr(0, 30)).find("format description") != std::string::npos);
}
