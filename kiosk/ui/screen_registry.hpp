#pragma once
// ScreenRegistry: every screen of the kiosk by id. Later issues add their screens
// here (lessons, booking, help requests, staff) without touching the router.
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "ui/screen.hpp"

namespace qiao::ui {

class ScreenRegistry {
public:
    void add(std::unique_ptr<Screen> screen);
    Screen* find(std::string_view id) const;
    bool contains(std::string_view id) const { return find(id) != nullptr; }
    std::vector<std::string> ids() const;

private:
    std::map<std::string, std::unique_ptr<Screen>, std::less<>> screens_;
};

// The screens of this version: home, learn (the lesson list), lesson, lesson_done,
// book, help, text_size, language, voice, idle.
ScreenRegistry make_standard_screens();

}  // namespace qiao::ui
