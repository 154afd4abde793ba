#pragma once
// Router: where the visitor is. A stack of screen ids with home at the bottom; back
// never leaves home, and going home forgets the way there.
#include <string>
#include <string_view>
#include <vector>

namespace qiao::ui {

class Router {
public:
    Router() : stack_{"home"} {}
    const std::string& current() const { return stack_.back(); }
    void go(std::string_view id);
    void back();
    void home() { stack_.assign(1, "home"); }
    std::size_t depth() const { return stack_.size(); }

private:
    std::vector<std::string> stack_;
};

}  // namespace qiao::ui
