#pragma once
// LessonPack: a pack of lessons as the kiosk holds it in memory, read from a pack
// folder (docs/lesson-pack.md is the format, written for people who are not
// programmers). Text is per language (zh-CN required; others fall back to zh-CN).
// A step may show a simulated phone screen, described declaratively so the kiosk
// draws it crisply at any size and in the learner's language.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qiao::core {

// Text in several languages: {"zh-CN": "...", "en": "..."}.
struct LocalText {
    std::map<std::string, std::string> by_language;

    // The text in lang, else in zh-CN, else empty.
    const std::string& in(const std::string& lang) const;
    bool has(const std::string& lang) const { return by_language.count(lang) > 0; }
};

// One thing on a simulated phone screen. Which fields matter depends on type.
enum class ElementType {
    Text,          // text
    Button,        // text
    AppGrid,       // items: app icons with labels (item.icon, item.text)
    List,          // items: rows (item.text, item.detail)
    ChatBubble,    // text, from_me
    TextField,     // placeholder, value
    QrCode,        // (a placeholder pattern; never a real code)
    PaymentSheet,  // payee, amount, button
    Picture,       // file: an image in the pack
};

struct ScreenItem {
    std::string id;     // tappable by this id
    std::string icon;   // AppGrid: a built-in icon name (wallet, chat, camera, hospital, phone, settings, ...)
    LocalText text;
    LocalText detail;
};

struct ScreenElement {
    std::string id;  // unique within the screen; a tap action names it (or one of its items)
    ElementType type = ElementType::Text;
    LocalText text;
    LocalText placeholder;
    LocalText value;
    LocalText payee;
    std::string amount;   // PaymentSheet, e.g. "25.00"
    LocalText button;     // PaymentSheet: its confirm button
    bool from_me = false; // ChatBubble
    std::string style = "normal";  // Button: "normal" (blue), "danger" (red: hang up), "plain" (outlined)
    std::string file;     // Picture: path inside the pack
    std::vector<ScreenItem> items;
};

struct SimulatedScreen {
    std::string id;
    LocalText title;       // the app's title bar
    bool status_bar = true;
    std::vector<ScreenElement> elements;
};

struct Answer {
    LocalText text;
    bool correct = false;
    LocalText explain;  // said after choosing it
};

enum class ActionType { Next, Tap, Choose };

struct StepAction {
    ActionType type = ActionType::Next;
    std::string target;        // Tap: element id or item id on the step's screen
    LocalText hint;            // Tap: said after a wrong tap
    std::vector<Answer> answers;  // Choose: 2 to 4
};

struct LessonStep {
    LocalText say;                                  // what is said
    LocalText show;                                 // what is shown, when not the same as said
    std::map<std::string, std::string> narration;   // language -> recorded clip (WAV/OGG) in the pack
    std::string picture;                            // PNG/JPEG in the pack, optional
    std::string screen;                             // id of a SimulatedScreen of the lesson, optional
    StepAction action;
};

struct Lesson {
    std::string id;
    LocalText title;
    LocalText summary;
    std::string icon;   // built-in icon name
    int minutes = 5;    // estimated duration
    std::map<std::string, SimulatedScreen> screens;
    std::vector<LessonStep> steps;
};

struct LessonPack {
    int format = 1;
    std::string id;        // reverse-domain: org.example.basics
    std::string version;   // semver: 1.2.0
    std::string publisher;
    std::string min_app_version;
    LocalText title;
    LocalText summary;
    std::vector<Lesson> lessons;
    std::filesystem::path root;  // the folder it was read from
};

}  // namespace qiao::core
