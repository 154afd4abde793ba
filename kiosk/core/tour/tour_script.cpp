#include "core/tour/tour_script.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

#include "core/text/text_lines.hpp"

namespace qiao::core {

namespace {

// What follows a verb on its line.
enum class Args {
    Id,         // one word
    Text,       // the rest of the line
    IdText,     // one word, then the rest of the line
    Point,      // two whole numbers, 0 or more
    Offset,     // two whole numbers, may be negative
    IdCount,    // one word, then a whole number, 0 or more
    Duration,   // one whole number, 0 or more
    Size,       // WxH
    TextSize,   // normal | large | largest
    OnOff,      // on | off
    Language,   // a language code
    ShotName,   // a file name without folders
};

struct VerbSpec {
    TourVerb verb;
    const char* word;
    Args args;
    const char* usage;  // shown when the arguments are wrong
};

constexpr VerbSpec kVerbs[] = {
    {TourVerb::Tap, "tap", Args::Id, "tap ID"},
    {TourVerb::TapAt, "tap-at", Args::Point, "tap-at X Y"},
    {TourVerb::Press, "press", Args::Id, "press ID"},
    {TourVerb::Release, "release", Args::Id, "release ID"},
    {TourVerb::Slide, "slide", Args::Offset, "slide DX DY"},
    {TourVerb::ExpectScreen, "expect-screen", Args::Id, "expect-screen ID"},
    {TourVerb::ExpectSaid, "expect-said", Args::Text, "expect-said TEXT"},
    {TourVerb::ExpectVisible, "expect-visible", Args::Id, "expect-visible ID"},
    {TourVerb::ExpectHidden, "expect-hidden", Args::Id, "expect-hidden ID"},
    {TourVerb::ExpectText, "expect-text", Args::IdText, "expect-text ID TEXT"},
    {TourVerb::ExpectMisTouches, "expect-mistouches", Args::IdCount, "expect-mistouches SCREEN N"},
    {TourVerb::Wait, "wait", Args::Duration, "wait MS"},
    {TourVerb::WaitIdle, "wait-idle", Args::Duration, "wait-idle MS"},
    {TourVerb::Advance, "advance", Args::Duration, "advance SECONDS"},
    {TourVerb::Shot, "shot", Args::ShotName, "shot NAME"},
    {TourVerb::SetSize, "set-size", Args::TextSize, "set-size normal|large|largest"},
    {TourVerb::SetLang, "set-lang", Args::Language, "set-lang CODE"},
    {TourVerb::SetVoice, "set-voice", Args::OnOff, "set-voice on|off"},
    {TourVerb::Resize, "resize", Args::Size, "resize WxH"},
    {TourVerb::WallClock, "wall-clock", Args::Id, "wall-clock 2026-12-01T09:00"},
    {TourVerb::LoadServices, "load-services", Args::Text, "load-services FILE"},
    {TourVerb::BackOffice, "backoffice", Args::Text, "backoffice {\"kind\": \"booking\", ...}"},
    {TourVerb::WaitSync, "wait-sync", Args::Duration, "wait-sync MS"},
    {TourVerb::WaitFor, "wait-for", Args::IdCount, "wait-for ID MS"},
    {TourVerb::Audit, "audit", Args::Id, "audit senior|staff"},
};

// A tour waits in real time; more than ten minutes in one step is a typo, and
// would hang a test run rather than fail it.
constexpr long long kMaxWaitMs = 600'000;

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

// Splits off the first word of text; text keeps the (trimmed) rest.
std::string_view next_word(std::string_view& text) {
    text = trim(text);
    std::size_t end = 0;
    while (end < text.size() && !is_space(text[end])) ++end;
    const std::string_view word = text.substr(0, end);
    text = trim(text.substr(end));
    return word;
}

std::optional<long long> parse_integer(std::string_view word, bool allow_negative) {
    if (word.empty() || word.size() > 18) return std::nullopt;
    std::size_t digits_from = 0;
    if (allow_negative && word.front() == '-') digits_from = 1;
    if (digits_from == word.size()) return std::nullopt;
    for (std::size_t i = digits_from; i < word.size(); ++i)
        if (word[i] < '0' || word[i] > '9') return std::nullopt;
    long long value = 0;
    const auto result = std::from_chars(word.data(), word.data() + word.size(), value);
    if (result.ec != std::errc{} || result.ptr != word.data() + word.size()) return std::nullopt;
    return value;
}

bool looks_like_language_code(std::string_view code) {
    if (code.size() < 2 || code.size() > 16) return false;
    auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (!letter(code.front())) return false;
    for (char c : code)
        if (!letter(c) && !digit(c) && c != '-') return false;
    return true;
}

// The shot name becomes NAME.png in the shots folder, so it must not reach outside it.
bool is_shot_name(std::string_view name) {
    if (name.empty() || name.size() > 100 || name.front() == '.') return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_' || c == '.';
        if (!ok) return false;
    }
    return true;
}

class LineParser {
public:
    LineParser(std::string_view name, int line, std::string_view source)
        : name_(name), line_(line), source_(source) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw TourError(std::string(name_) + " line " + std::to_string(line_) + ": " + what + " (" +
                        std::string(source_) + ")");
    }

    TourStep parse() const {
        std::string_view rest = source_;
        const std::string_view word = next_word(rest);
        const VerbSpec* spec = nullptr;
        for (const auto& candidate : kVerbs)
            if (word == candidate.word) spec = &candidate;
        if (!spec) fail("unknown step \"" + std::string(word) + "\"; the steps are " + verb_list());

        TourStep step;
        step.line = line_;
        step.verb = spec->verb;
        step.source = std::string(source_);
        const std::string usage = std::string("write it as: ") + spec->usage;

        auto one_word = [&](std::string_view what) {
            const std::string_view value = next_word(rest);
            if (value.empty()) fail(std::string(spec->word) + " needs " + std::string(what) + "; " + usage);
            return value;
        };
        auto no_more = [&] {
            if (!rest.empty())
                fail("too much after " + std::string(spec->word) + ": \"" + std::string(rest) + "\"; " + usage);
        };
        auto number = [&](std::string_view value, bool allow_negative, std::string_view what) {
            const auto parsed = parse_integer(value, allow_negative);
            if (!parsed)
                fail(std::string(what) + " must be a whole number" +
                     (allow_negative ? "" : " (0 or more)") + ", found \"" + std::string(value) + "\"; " + usage);
            return *parsed;
        };

        switch (spec->args) {
        case Args::Id:
            step.id = one_word("a widget or screen id");
            no_more();
            break;
        case Args::Text:
            if (rest.empty()) fail(std::string(spec->word) + " needs the text to look for; " + usage);
            step.text = std::string(rest);
            break;
        case Args::IdText:
            step.id = one_word("a widget id");
            if (rest.empty()) fail(std::string(spec->word) + " needs the text after the id; " + usage);
            step.text = std::string(rest);
            break;
        case Args::Point:
        case Args::Offset: {
            const bool signed_ok = spec->args == Args::Offset;
            const std::string_view first = one_word("two numbers");
            const std::string_view second = one_word("two numbers");
            no_more();
            const long long a = number(first, signed_ok, signed_ok ? "DX" : "X");
            const long long b = number(second, signed_ok, signed_ok ? "DY" : "Y");
            if (a > 100'000 || b > 100'000 || a < -100'000 || b < -100'000)
                fail("pixel numbers must be within 100000; " + usage);
            step.x = static_cast<int>(a);
            step.y = static_cast<int>(b);
            break;
        }
        case Args::IdCount:
            step.id = one_word("a screen id and a count");
            step.number = number(one_word("a count after the screen id"), false, "N");
            no_more();
            break;
        case Args::Duration: {
            const std::string_view value = one_word("a number");
            no_more();
            if (!value.empty() && value.front() == '-')
                fail(std::string(spec->word) + " cannot go back in time; use 0 or more; " + usage);
            step.number = number(value, false, spec->verb == TourVerb::Advance ? "SECONDS" : "MS");
            if (spec->verb != TourVerb::Advance && step.number > kMaxWaitMs)
                fail(std::string(spec->word) + " is at most " + std::to_string(kMaxWaitMs) +
                     " ms (ten minutes); " + usage);
            break;
        }
        case Args::Size: {
            const std::string_view value = one_word("a size like 1280x800");
            no_more();
            const auto x = value.find('x');
            std::optional<long long> w, h;
            if (x != std::string_view::npos) {
                w = parse_integer(value.substr(0, x), false);
                h = parse_integer(value.substr(x + 1), false);
            }
            if (!w || !h || *w < 200 || *w > 8000 || *h < 200 || *h > 8000)
                fail("resize needs WIDTHxHEIGHT, each from 200 to 8000 pixels, found \"" + std::string(value) +
                     "\"; " + usage);
            step.x = static_cast<int>(*w);
            step.y = static_cast<int>(*h);
            break;
        }
        case Args::TextSize:
            step.id = one_word("normal, large or largest");
            no_more();
            if (step.id != "normal" && step.id != "large" && step.id != "largest")
                fail("set-size must be normal, large or largest, found \"" + step.id + "\"");
            break;
        case Args::OnOff:
            step.id = one_word("on or off");
            no_more();
            if (step.id != "on" && step.id != "off") fail("set-voice must be on or off, found \"" + step.id + "\"");
            break;
        case Args::Language:
            step.id = one_word("a language code");
            no_more();
            if (!looks_like_language_code(step.id))
                fail("set-lang needs a language code such as zh-CN, yue or en, found \"" + step.id + "\"");
            break;
        case Args::ShotName:
            step.id = one_word("a picture name");
            no_more();
            if (!is_shot_name(step.id))
                fail("shot names may use letters, digits, '-', '_' and '.' (not first), found \"" + step.id + "\"");
            break;
        }
        return step;
    }

private:
    static std::string verb_list() {
        std::string out;
        for (const auto& spec : kVerbs) {
            if (!out.empty()) out += ", ";
            out += spec.word;
        }
        return out;
    }

    std::string_view name_;
    int line_;
    std::string_view source_;
};

}  // namespace

TourScript parse_tour(std::string_view text, std::string_view name) {
    TourScript script;
    script.name = std::string(name);
    for (const auto& [line_number, raw] : split_lines(text)) {
        const std::string_view line = trim(raw);
        // Comments are whole lines only: expect-said text may itself contain '#'.
        if (line.empty() || line.front() == '#') continue;
        script.steps.push_back(LineParser(name, line_number, line).parse());
    }
    return script;
}

TourScript load_tour_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw TourError(path + ": this is a folder; give the tour file inside it");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw TourError(path + ": the tour file cannot be opened (is the path right?)");
    std::ostringstream contents;
    contents << in.rdbuf();
    if (in.bad()) throw TourError(path + ": the tour file cannot be read");
    return parse_tour(contents.str(), path);
}

const char* to_string(TourVerb verb) {
    for (const auto& spec : kVerbs)
        if (spec.verb == verb) return spec.word;
    return "?";
}

}  // namespace qiao::core
