// The translation catalog: the real i18n/ files, fallbacks, and clear errors for
// every way a translator's file can be wrong.
#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <unistd.h>

#include "core/i18n/catalog.hpp"
#include "core/i18n/catalog_files.hpp"

using namespace qiao::core;
namespace fs = std::filesystem;

namespace {

const fs::path kI18nDir = fs::path(QIAO_SOURCE_DIR) / "i18n";

// A fresh folder under the build's test-tmp for one malformed catalog.
fs::path fresh_dir(const std::string& label) {
    static std::atomic<int> counter{0};
    const fs::path dir = fs::path(QIAO_TEST_TMP) / ("catalog-test-" + std::to_string(::getpid())) /
                         (label + "-" + std::to_string(counter++));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

void write(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
}

const char* kGoodLanguages = R"([
  {"code": "zh-CN", "native_name": "普通话", "fallback": "", "voice": "cmn"},
  {"code": "en", "native_name": "English", "fallback": "zh-CN", "voice": "en"}
])";

// A small valid catalog with one thing replaced, to show each error alone.
fs::path catalog_dir(const std::string& label, const std::string& languages = kGoodLanguages,
                     const std::string& zh = R"({"home.learn": "学", "common.back": "返回"})",
                     const std::string& en = R"({"home.learn": "Learn"})") {
    const fs::path dir = fresh_dir(label);
    write(dir / "languages.json", languages);
    write(dir / "zh-CN.json", zh);
    write(dir / "en.json", en);
    return dir;
}

std::string load_error(const fs::path& dir) {
    try {
        Catalog::load(dir);
    } catch (const CatalogError& error) {
        return error.what();
    }
    return "(no error)";
}

std::set<std::string> placeholders(const std::string& text) {
    std::set<std::string> out;
    static const std::regex pattern(R"(\{[^{}]*\})");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator(); ++it)
        out.insert(it->str());
    return out;
}

Catalog small_catalog() {
    return Catalog::from_parts(
        {{"zh-CN", "普通话", "", "cmn"}, {"yue", "粵語", "zh-CN", "yue"}, {"en", "English", "zh-CN", "en"},
         {"en-GB", "English (UK)", "en", "en-gb"}},
        {{"zh-CN", {{"a", "甲"}, {"b", "乙"}, {"c", "丙"}, {"d", ""}}},
         {"en", {{"a", "A"}, {"b", ""}}},
         {"en-GB", {{"c", "C-uk"}}}});
}

}  // namespace

TEST_CASE("the real catalog loads and offers zh-CN, yue and en") {
    const Catalog catalog = Catalog::load(kI18nDir);
    REQUIRE(catalog.languages().size() == 3);
    CHECK(catalog.languages()[0].code == "zh-CN");

    const LanguageInfo* zh = catalog.language("zh-CN");
    const LanguageInfo* yue = catalog.language("yue");
    const LanguageInfo* en = catalog.language("en");
    REQUIRE(zh);
    REQUIRE(yue);
    REQUIRE(en);
    CHECK(zh->native_name == "普通话");
    CHECK(zh->fallback.empty());
    CHECK(zh->voice == "cmn");
    CHECK(yue->native_name == "粵語");
    CHECK(yue->fallback == "zh-CN");
    CHECK(yue->voice == "yue");
    CHECK(en->native_name == "English");
    CHECK(en->fallback == "zh-CN");
    CHECK(en->voice == "en");
    CHECK(catalog.language("fr") == nullptr);

    CHECK(catalog.text("zh-CN", "home.learn.label") == "学");
    CHECK(catalog.text("en", "home.learn.label") == "Learn");
    CHECK(catalog.text("yue", "home.learn.label") == "學");
    CHECK(catalog.text("en", "idle.still_here") == "I'm still here");
    CHECK(catalog.has_key("idle.seconds_left"));
    CHECK_FALSE(catalog.has_key("home.nothing"));
}

TEST_CASE("each language announces itself in its own words") {
    const Catalog catalog = Catalog::load(kI18nDir);
    CHECK(catalog.text("zh-CN", "language.changed") == "好，现在说普通话。");
    CHECK(catalog.text("yue", "language.changed") == "好，而家講粵語。");
    CHECK(catalog.text("en", "language.changed") == "OK, now in English.");
}

TEST_CASE("every untranslated string is listed") {
    const Catalog catalog = Catalog::load(kI18nDir);
    for (const auto& language : catalog.languages()) {
        const auto missing = catalog.untranslated(language.code);
        MESSAGE(language.code << ": " << missing.size() << " untranslated of " << catalog.keys().size());
        for (const auto& entry : missing)
            MESSAGE(language.code << " needs \"" << entry.key << "\" (zh-CN: " << entry.reference_text << ")");
    }
    REQUIRE(catalog.untranslated("zh-CN").empty());
    REQUIRE(catalog.untranslated("en").empty());
}

TEST_CASE("every translation keeps the placeholders of zh-CN") {
    // A translation that drops {n} would say "seconds until..." with no number.
    const Catalog catalog = Catalog::load(kI18nDir);
    for (const auto& language : catalog.languages())
        for (const auto& key : catalog.keys()) {
            INFO(language.code << " " << key);
            CHECK(placeholders(catalog.text(language.code, key)) == placeholders(catalog.text("zh-CN", key)));
        }
}

TEST_CASE("English button words are short enough for huge type") {
    const Catalog catalog = Catalog::load(kI18nDir);
    const std::set<std::string> buttons = {
        "text_size.normal", "text_size.large", "text_size.largest", "voice.on", "voice.off",
        "voice.slower", "voice.normal", "voice.faster", "idle.still_here"};
    for (const auto& key : catalog.keys()) {
        const bool is_button = key.rfind("edge.", 0) == 0 || key.rfind("common.", 0) == 0 ||
                               key.ends_with(".label") || key.ends_with(".caption") || buttons.count(key);
        if (!is_button) continue;
        INFO(key << " = " << catalog.text("en", key));
        CHECK(catalog.text("en", key).size() <= 14);
    }
}

TEST_CASE("a missing or empty text falls back along the chain to zh-CN") {
    const Catalog catalog = small_catalog();
    CHECK(catalog.text("en", "a") == "A");
    CHECK(catalog.text("en", "b") == "乙");      // empty in en
    CHECK(catalog.text("en", "c") == "丙");      // missing in en
    CHECK(catalog.text("en-GB", "a") == "A");    // en-GB -> en
    CHECK(catalog.text("en-GB", "b") == "乙");   // en-GB -> en (empty) -> zh-CN
    CHECK(catalog.text("en-GB", "c") == "C-uk");
    CHECK(catalog.text("yue", "a") == "甲");     // a language with no texts at all
    CHECK(catalog.text("fr", "a") == "甲");      // a language not offered
}

TEST_CASE("a key nobody knows shows itself, and the reference stays valid") {
    const Catalog catalog = small_catalog();
    const std::string& first = catalog.text("en", "no.such.key");
    CHECK(first == "no.such.key");
    CHECK(catalog.text("en", "d") == "d");  // empty even in zh-CN
    const std::string& again = catalog.text("zh-CN", std::string("no.such.") + "key");
    CHECK(&first == &again);
    CHECK(first == "no.such.key");
}

TEST_CASE("keys and untranslated are sorted and carry the zh-CN text") {
    const Catalog catalog = small_catalog();
    CHECK(catalog.keys() == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(catalog.has_key("d"));
    const auto en = catalog.untranslated("en");
    REQUIRE(en.size() == 3);
    CHECK(en[0].key == "b");
    CHECK(en[0].reference_text == "乙");
    CHECK(en[1].key == "c");
    CHECK(en[2].key == "d");
    CHECK(catalog.untranslated("zh-CN").size() == 1);  // "d" is empty even in zh-CN
    CHECK(catalog.untranslated("yue").size() == 4);
}

TEST_CASE("all_code_points covers every text and native name, once each, sorted") {
    const Catalog catalog = Catalog::load(kI18nDir);
    const std::u32string points = catalog.all_code_points();
    for (char32_t c : std::u32string(U"桥橋粵語普通话EnglishQ？！“”「」{}")) {
        INFO(static_cast<unsigned>(c));
        CHECK(points.find(c) != std::u32string::npos);
    }
    for (std::size_t i = 1; i < points.size(); ++i) CHECK(points[i - 1] < points[i]);
    CHECK(points.find(char32_t{0xFFFD}) == std::u32string::npos);
}

TEST_CASE("format_text fills named placeholders and leaves the rest as written") {
    CHECK(format_text("{n} 秒后回到开始", {{"n", "30"}}) == "30 秒后回到开始");
    CHECK(format_text("{a}{b}{a}", {{"a", "1"}, {"b", "2"}}) == "121");
    CHECK(format_text("{who} at {time}", {{"who", "Li"}}) == "Li at {time}");
    CHECK(format_text("no placeholders", {{"n", "1"}}) == "no placeholders");
    CHECK(format_text("", {}) == "");
    CHECK(format_text("{", {{"", "x"}}) == "{");
    CHECK(format_text("{}", {{"", "x"}}) == "x");
    CHECK(format_text("}{n}{", {{"n", "5"}}) == "}5{");
    CHECK(format_text("{{n}}", {{"n", "5"}}) == "{5}");
    CHECK(format_text("{n} {m", {{"n", "5"}}) == "5 {m");
    CHECK(format_text("{n}", {{"n", "{n}"}}) == "{n}");  // values are not filled again
}

TEST_CASE("decode_utf8 decodes text and replaces each bad sequence once") {
    CHECK(decode_utf8("") == U"");
    CHECK(decode_utf8("abc") == U"abc");
    CHECK(decode_utf8("桥 粵") == U"桥 粵");
    CHECK(decode_utf8("\xF0\x9F\x98\x80") == U"\U0001F600");
    CHECK(decode_utf8("a\xFFz") == U"a\uFFFDz");
    CHECK(decode_utf8("\x80") == U"\uFFFD");
    CHECK(decode_utf8("\xC0\xAF") == U"\uFFFD\uFFFD");        // overlong '/'
    CHECK(decode_utf8("\xED\xA0\x80") == U"\uFFFD\uFFFD\uFFFD");  // a surrogate
    CHECK(decode_utf8("\xF4\x90\x80\x80") == U"\uFFFD\uFFFD\uFFFD\uFFFD");  // past U+10FFFF
    CHECK(decode_utf8("\xE6\xA1") == U"\uFFFD");              // cut short: one replacement
    CHECK(decode_utf8("\xE6\xA1z") == U"\uFFFDz");            // and the next letter survives
    CHECK(decode_utf8(std::string_view("a\0b", 3)) == std::u32string(U"a\0b", 3));
    CHECK(catalog_files::is_valid_utf8("桥 ok"));
    CHECK_FALSE(catalog_files::is_valid_utf8("\xE6\xA1"));
    CHECK_FALSE(catalog_files::is_valid_utf8("\xC0\xAF"));
}

TEST_CASE("a small valid catalog on disk loads") {
    const Catalog catalog = Catalog::load(catalog_dir("good"));
    CHECK(catalog.text("en", "home.learn") == "Learn");
    CHECK(catalog.text("en", "common.back") == "返回");
}

TEST_CASE("a malformed catalog gives a CatalogError naming the file and the fault") {
    struct Case {
        const char* label;
        fs::path dir;
        std::string file;
        std::string says;
    };
    const Case cases[] = {
        {"value is a number",
         catalog_dir("number", kGoodLanguages, R"({"home.learn": "学"})", R"({"home.learn": 5})"), "en.json",
         "key \"home.learn\" must be a string, found number"},
        {"value is an object",
         catalog_dir("nested", kGoodLanguages, R"({"home.learn": "学"})", R"({"home": {"learn": "Learn"}})"),
         "en.json", "key \"home\" must be a string, found object"},
        {"file is an array", catalog_dir("array", kGoodLanguages, R"({"home.learn": "学"})", R"(["Learn"])"),
         "en.json", "must be one JSON object"},
        {"not JSON", catalog_dir("syntax", kGoodLanguages, R"({"home.learn": "学",})"), "zh-CN.json",
         "not valid JSON"},
        {"invalid UTF-8", catalog_dir("utf8", kGoodLanguages, "{\"home.learn\": \"\xE5\xAD\"}"), "zh-CN.json",
         "not valid JSON"},
        {"empty file", catalog_dir("empty", kGoodLanguages, ""), "zh-CN.json", "not valid JSON"},
        {"key twice", catalog_dir("twice", kGoodLanguages, R"({"home.learn": "学", "home.learn": "习"})"),
         "zh-CN.json", "key \"home.learn\" is written twice"},
        {"key only in a translation",
         catalog_dir("stray", kGoodLanguages, R"({"home.learn": "学"})", R"({"home.lern": "Learn"})"), "en.json",
         "key \"home.lern\" is not in zh-CN.json"},
        {"languages not an array", catalog_dir("langs-object", R"({"code": "zh-CN"})"), "languages.json",
         "must be a JSON array"},
        {"no zh-CN",
         catalog_dir("no-zh", R"([{"code": "en", "native_name": "English", "fallback": "", "voice": "en"}])"),
         "languages.json", "zh-CN must be listed"},
        {"unknown fallback",
         catalog_dir("unknown-fallback",
                     R"([{"code": "zh-CN", "native_name": "普通话", "fallback": "", "voice": "cmn"},
                         {"code": "en", "native_name": "English", "fallback": "fr", "voice": "en"}])"),
         "languages.json", "falls back to \"fr\", which is not listed"},
        {"fallback loop",
         [] {
             const fs::path dir = catalog_dir(
                 "loop", R"([{"code": "zh-CN", "native_name": "普通话", "fallback": "", "voice": "cmn"},
                            {"code": "en", "native_name": "English", "fallback": "yue", "voice": "en"},
                            {"code": "yue", "native_name": "粵語", "fallback": "en", "voice": "yue"}])");
             write(dir / "yue.json", "{}");
             return dir;
         }(),
         "languages.json", "go round in a loop"},
        {"zh-CN with a fallback",
         catalog_dir("zh-fallback",
                     R"([{"code": "zh-CN", "native_name": "普通话", "fallback": "en", "voice": "cmn"},
                         {"code": "en", "native_name": "English", "fallback": "zh-CN", "voice": "en"}])"),
         "languages.json", "its fallback must be \"\""},
        {"missing field",
         catalog_dir("no-voice", R"([{"code": "zh-CN", "native_name": "普通话", "fallback": ""}])"),
         "languages.json", "is missing \"voice\""},
        {"field not a string",
         catalog_dir("voice-number", R"([{"code": "zh-CN", "native_name": "普通话", "fallback": "", "voice": 1}])"),
         "languages.json", "field \"voice\" must be a string, found number"},
        {"unknown field",
         catalog_dir("typo-field",
                     R"([{"code": "zh-CN", "native_name": "普通话", "fallback": "", "voice": "cmn", "fallbak": ""}])"),
         "languages.json", "unknown field \"fallbak\""},
        {"entry not an object", catalog_dir("entry-string", R"(["zh-CN"])"), "languages.json",
         "entry 1 must be an object, found string"},
        {"code is a path",
         catalog_dir("code-path",
                     R"([{"code": "zh-CN", "native_name": "普通话", "fallback": "", "voice": "cmn"},
                         {"code": "../en", "native_name": "English", "fallback": "zh-CN", "voice": "en"}])"),
         "languages.json", "code \"../en\" must be 2 to 16 letters"},
        {"code twice",
         catalog_dir("code-twice",
                     R"([{"code": "zh-CN", "native_name": "普通话", "fallback": "", "voice": "cmn"},
                         {"code": "zh-CN", "native_name": "普通话", "fallback": "", "voice": "cmn"}])"),
         "languages.json", "language \"zh-CN\" is listed twice"},
        {"language file missing",
         [] {
             const fs::path dir = catalog_dir("no-en-file");
             fs::remove(dir / "en.json");
             return dir;
         }(),
         "en.json", "the file is missing"},
        {"no languages.json",
         [] {
             const fs::path dir = catalog_dir("no-languages");
             fs::remove(dir / "languages.json");
             return dir;
         }(),
         "languages.json", "the file is missing"},
    };
    for (const auto& c : cases) {
        INFO(std::string(c.label));
        const std::string message = load_error(c.dir);
        INFO(message);
        CHECK(message.find((c.dir / c.file).string() + ": ") == 0);
        CHECK(message.find(c.says) != std::string::npos);
    }
}

TEST_CASE("the message for a wrong value reads plainly") {
    const fs::path dir =
        catalog_dir("plain", kGoodLanguages, R"({"home.learn": "学"})", R"({"home.learn": 5})");
    CHECK(load_error(dir) == (dir / "en.json").string() + ": key \"home.learn\" must be a string, found number");
}

TEST_CASE("from_parts checks the languages too") {
    CHECK_THROWS_AS(Catalog::from_parts({{"en", "English", "", "en"}}, {}), CatalogError);
    CHECK_THROWS_AS(Catalog::from_parts({{"zh-CN", "普通话", "", "cmn"}, {"en", "English", "xx", "en"}}, {}),
                    CatalogError);
    CHECK_THROWS_AS(Catalog::from_parts({{"zh-CN", "普通话", "", "cmn"}}, {{"zh-CN", {{"k", "\xFF"}}}}),
                    CatalogError);
    CHECK_NOTHROW(Catalog::from_parts({{"zh-CN", "普通话", "", "cmn"}}, {}));
}
