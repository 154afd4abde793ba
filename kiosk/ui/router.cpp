#include "ui/router.hpp"

namespace qiao::ui {

void Router::go(std::string_view id) {
    if (id == "home") return home();
    if (current() == id) return;  // a double tap that slipped through never stacks a screen twice
    stack_.emplace_back(id);
}

void Router::back() {
    if (stack_.size() > 1) stack_.pop_back();
}

}  // namespace qiao::ui
