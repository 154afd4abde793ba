// A small deterministic mutation fuzzer for everything that reads text a person
// wrote: config files, tour scripts, catalogs, the command line and UTF-8.
// Fixed seeds, so a failure here fails the same way on every machine; the only
// thing a parser may do with garbage is return, or throw its own documented
// error with a message that is not empty.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <unistd.h>
#include <vector>

#include "core/config/kiosk_config.hpp"
#include "core/config/launch_options.hpp"
#include "core/i18n/catalog.hpp"
#include "core/i18n/catalog_files.hpp"
#include "core/tour/tour_script.hpp"
#include "core/fuzz_support.hpp"

using namespace qiao::core;
using qiao::test::mutate;
using qiao::test::Random;
namespace fs = std::filesystem;

namespace {

// Runs one input; returns a description of what went wrong, or "" if all is well.
template <typename DocumentedError>
std::string run_one(const std::function<void()>& parse) {
    try {
        parse();
    } catch (const DocumentedError& error) {
        if (std::string(error.what()).empty()) return "documented error with an empty message";
    } catch (const std::exception& error) {
        return std::string("undocumented exception: ") + error.what();
    } catch (...) {
        return "a non-standard exception";
    }
    return "";
}

struct FuzzReport {
    int runs = 0;
    int errors = 0;  // documented errors: expected for most mutations
    std::vector<std::string> failures;
};

template <typename DocumentedError>
FuzzReport fuzz(std::uint64_t seed, int iterations, const std::vector<std::string>& corpus,
                const std::function<void(const std::string&)>& parse) {
    Random random(seed);
    FuzzReport report;
    for (int i = 0; i < iterations; ++i) {
        const std::string input = mutate(random, corpus);
        bool threw_documented = false;
        const std::string problem = run_one<DocumentedError>([&] {
            try {
                parse(input);
            } catch (const DocumentedError&) {
                threw_documented = true;
                throw;
            }
        });
        ++report.runs;
        if (threw_documented) ++report.errors;
        if (!problem.empty() && report.failures.size() < 10)
            report.failures.push_back(problem + " for input of " + std::to_string(input.size()) + " bytes");
    }
    return report;
}

void check(const char* what, const FuzzReport& report) {
    MESSAGE(std::string(what) << ": " << report.runs << " inputs, " << report.errors << " refused with a plain error");
    for (const auto& failure : report.failures) MESSAGE(failure);
    CHECK(report.failures.empty());
    // A fuzzer whose inputs are all refused tests only the first check.
    CHECK(report.errors < report.runs);
}

const std::vector<std::string> kConfigCorpus = {
    "# station\ndata_dir = /var/lib/qiao\nfullscreen = yes\nwindow_width = 1920\nwindow_height = 1080\n"
    "orientation = portrait\nlanguage = yue\ntext_size = large\nvoice = off\nspeech_rate = 110\n"
    "idle_timeout = 300\nidle_warning = 45\nfont_file = \"/fonts/a b.ttf\"\naudio = null\n",
    "language=en\r\nvoice = on # spoken\r\n",
    "audio = \"wav:/tmp/said\"\n\n\n# end",
    "idle_timeout = 3600\nidle_warning = 10\n",
    "",
};

const std::vector<std::string> kTourCorpus = {
    "# home\ntap home.learn\nexpect-screen learn\nexpect-said 手机课程\nwait-idle 3000\nshot learn\n",
    "tap-at 10 20\npress home.book\nslide -5 12\nrelease home.book\nexpect-mistouches home 1\n",
    "set-size largest\nset-lang yue\nset-voice off\nresize 1080x1920\nadvance 180\nwait 100\n",
    "expect-visible idle.still_here\nexpect-hidden common.back\nexpect-text idle.seconds_left 30 秒后回到开始\r\n",
};

const std::vector<std::string> kLanguagesCorpus = {
    R"([{"code": "zh-CN", "native_name": "普通话", "fallback": "", "voice": "cmn"},
 {"code": "yue", "native_name": "粵語", "fallback": "zh-CN", "voice": "yue"},
 {"code": "en", "native_name": "English", "fallback": "zh-CN", "voice": "en"}])",
    R"([{"code":"zh-CN","native_name":"普通话","fallback":"","voice":"cmn"}])",
};

const std::vector<std::string> kTextsCorpus = {
    // zh-CN: every key the others use, as the reference must have.
    R"({"home.learn.label": "学", "idle.seconds_left": "{n} 秒后回到开始", "common.back": "返回",
        "idle.still_here": "我还在", "x": "桥", "idle.prompt": "请点“我还在”。"})",
    R"({"home.learn.label": "Learn", "idle.still_here": "I'm still here", "x": "\u6865\n"})",
    R"({"home.learn.label": "學", "idle.prompt": "唔該撳「我仲喺度」。"})",
    "{}",
};

}  // namespace

TEST_CASE("fuzz: parse_config throws only ConfigError") {
    const FuzzReport report = fuzz<ConfigError>(0xC0FF1Eull, 20000, kConfigCorpus, [](const std::string& input) {
        parse_config(input, "fuzz.conf");
    });
    check("parse_config", report);
}

TEST_CASE("fuzz: parse_tour throws only TourError") {
    const FuzzReport report = fuzz<TourError>(0x70A7ull, 20000, kTourCorpus, [](const std::string& input) {
        parse_tour(input, "fuzz.tour");
    });
    check("parse_tour", report);
}

TEST_CASE("fuzz: catalog JSON throws only CatalogError, and what loads can be used") {
    // Valid texts from the corpus for the languages a mutated languages.json names.
    const auto use = [](std::vector<LanguageInfo> languages, std::map<std::string, std::string> texts) {
        std::map<std::string, std::map<std::string, std::string>> all;
        for (const auto& language : languages) all[language.code] = texts;
        const Catalog catalog = Catalog::from_parts(std::move(languages), std::move(all));
        for (const auto& language : catalog.languages())
            for (const auto& key : catalog.keys()) (void)format_text(catalog.text(language.code, key), {{"n", "3"}});
        (void)catalog.text("nobody", "no.key");
        (void)catalog.untranslated("en");
        (void)catalog.all_code_points();
    };
    const auto good_texts = catalog_files::parse_texts(kTextsCorpus[0], "zh-CN.json");
    const auto good_languages = catalog_files::parse_languages(kLanguagesCorpus[0], "languages.json");

    check("languages.json", fuzz<CatalogError>(0x1A46ull, 10000, kLanguagesCorpus, [&](const std::string& input) {
              use(catalog_files::parse_languages(input, "languages.json"), good_texts);
          }));
    check("<code>.json", fuzz<CatalogError>(0x7E47ull, 10000, kTextsCorpus, [&](const std::string& input) {
              use(good_languages, catalog_files::parse_texts(input, "en.json"));
          }));
}

TEST_CASE("fuzz: Catalog::load on mutated files throws only CatalogError") {
    const fs::path dir = fs::path(QIAO_TEST_TMP) / ("fuzz-catalog-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto write = [&](const char* name, const std::string& text) {
        std::ofstream(dir / name, std::ios::binary) << text;
    };
    write("languages.json", kLanguagesCorpus[0]);
    write("zh-CN.json", kTextsCorpus[0]);
    write("yue.json", kTextsCorpus[2]);
    write("en.json", kTextsCorpus[1]);
    // Files are slow next to memory: fewer runs, but the whole path from disk.
    Random pick(0xF11E5ull);
    const char* files[] = {"languages.json", "zh-CN.json", "yue.json", "en.json"};
    const FuzzReport report = fuzz<CatalogError>(0xD15Cull, 150, kTextsCorpus, [&](const std::string& input) {
        const char* target = files[pick.below(4)];
        write(target, target == std::string("languages.json") ? mutate(pick, kLanguagesCorpus) : input);
        try {
            (void)Catalog::load(dir).all_code_points();
        } catch (...) {
            write(target, target == std::string("languages.json") ? kLanguagesCorpus[0]
                          : target == std::string("zh-CN.json")   ? kTextsCorpus[0]
                          : target == std::string("yue.json")     ? kTextsCorpus[2]
                                                                  : kTextsCorpus[1]);
            throw;
        }
    });
    // Most single-file mutations break a reference file, so only failures count here.
    MESSAGE("Catalog::load: " << report.runs << " inputs, " << report.errors << " refused");
    for (const auto& failure : report.failures) MESSAGE(failure);
    CHECK(report.failures.empty());
    fs::remove_all(dir);
}

TEST_CASE("fuzz: parse_launch_options throws only ConfigError") {
    const std::vector<std::string> corpus = {
        "--config\n/etc/qiao/kiosk.conf\n--fullscreen\n--lang\nyue\n--size\n1920x1080",
        "--tour\nhome.tour\n--shots\n/tmp/s\n--audio=null\n--windowed\n--data-dir\n/d\n--help\n--version\n-h",
    };
    const FuzzReport report = fuzz<ConfigError>(0xA465ull, 5000, corpus, [](const std::string& input) {
        std::vector<std::string> args;
        std::size_t start = 0;
        for (std::size_t end; (end = input.find('\n', start)) != std::string::npos; start = end + 1)
            args.push_back(input.substr(start, end - start));
        args.push_back(input.substr(start));
        const LaunchOptions options = parse_launch_options(args);
        (void)apply_launch_options(KioskConfig{}, options);
    });
    check("parse_launch_options", report);
}

TEST_CASE("fuzz: decode_utf8 yields only valid code points and keeps valid text intact") {
    const std::vector<std::string> corpus = {"桥 Qiao 粵語 普通话", "\xF0\x9F\x98\x80 ok \xE2\x80\x9C", "plain ascii",
                                             "唔該撳「我仲喺度」"};
    const auto encode = [](const std::u32string& points) {
        std::string out;
        for (char32_t c : points) {
            if (c < 0x80) out += static_cast<char>(c);
            else if (c < 0x800) out += {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
            else if (c < 0x10000)
                out += {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                        static_cast<char>(0x80 | (c & 0x3F))};
            else
                out += {static_cast<char>(0xF0 | (c >> 18)), static_cast<char>(0x80 | ((c >> 12) & 0x3F)),
                        static_cast<char>(0x80 | ((c >> 6) & 0x3F)), static_cast<char>(0x80 | (c & 0x3F))};
        }
        return out;
    };
    Random random(0x0DF8ull);
    int broken = 0, valid_inputs = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::string input = mutate(random, corpus);
        const std::u32string points = decode_utf8(input);
        bool ok = points.size() <= input.size();
        for (char32_t c : points) ok = ok && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
        if (catalog_files::is_valid_utf8(input)) {
            ++valid_inputs;
            ok = ok && encode(points) == input;  // nothing lost, nothing replaced
        } else {
            ok = ok && points.find(char32_t{0xFFFD}) != std::u32string::npos;
        }
        if (!ok) ++broken;
    }
    MESSAGE("decode_utf8: 20000 inputs, " << valid_inputs << " of them valid UTF-8");
    CHECK(broken == 0);
    CHECK(valid_inputs > 0);
}
