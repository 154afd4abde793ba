#include "core/lessons/pack_text.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "core/i18n/catalog.hpp"  // decode_utf8

namespace qiao::core {
namespace {

// Calls visit for every LocalText in the pack; one walk, so no text is forgotten by one user.
void for_each_text(const LessonPack& pack, const std::function<void(const LocalText&)>& visit) {
    visit(pack.title);
    visit(pack.summary);
    for (const auto& lesson : pack.lessons) {
        visit(lesson.title);
        visit(lesson.summary);
        for (const auto& [_, screen] : lesson.screens) {
            visit(screen.title);
            for (const auto& element : screen.elements) {
                for (const LocalText* text : {&element.text, &element.placeholder, &element.value, &element.payee,
                                              &element.button})
                    visit(*text);
                for (const auto& item : element.items) {
                    visit(item.text);
                    visit(item.detail);
                }
            }
        }
        for (const auto& step : lesson.steps) {
            visit(step.say);
            visit(step.show);
            visit(step.action.hint);
            for (const auto& answer : step.action.answers) {
                visit(answer.text);
                visit(answer.explain);
            }
        }
    }
}

}  // namespace

std::u32string pack_code_points(const LessonPack& pack) {
    std::set<char32_t> points;
    const auto add = [&](const std::string& text) {
        for (char32_t c : decode_utf8(text)) points.insert(c);
    };
    for_each_text(pack, [&](const LocalText& text) {
        for (const auto& [_, words] : text.by_language) add(words);
    });
    for (const auto& lesson : pack.lessons)
        for (const auto& [_, screen] : lesson.screens)
            for (const auto& element : screen.elements) add(element.amount);
    return std::u32string(points.begin(), points.end());
}

std::vector<std::string> pack_languages(const LessonPack& pack) {
    std::set<std::string> languages;
    for_each_text(pack, [&](const LocalText& text) {
        for (const auto& [language, _] : text.by_language) languages.insert(language);
    });
    for (const auto& lesson : pack.lessons)
        for (const auto& step : lesson.steps)
            for (const auto& [language, _] : step.narration) languages.insert(language);
    std::vector<std::string> out;
    if (languages.erase("zh-CN") > 0 || !pack.lessons.empty()) out.push_back("zh-CN");
    out.insert(out.end(), languages.begin(), languages.end());
    return out;
}

}  // namespace qiao::core
