#pragma once
// The Learn, Book and Help screens until their issues fill them: an honest page that
// says what will be here and what to do now (find the station's staff), spoken.
#include <string>

#include "ui/screen.hpp"

namespace qiao::ui {

class ComingSoonScreen final : public Screen {
public:
    // screen_id "book" uses the catalog keys book.title, book.body, book.prompt.
    ComingSoonScreen(std::string screen_id, Icon icon) : id_(std::move(screen_id)), icon_(icon) {}

    std::string_view id() const override { return id_; }
    std::string title(const Text& text) const override { return text(id_ + ".title"); }
    std::string prompt_key() const override { return id_ + ".prompt"; }
    void draw_content(ScreenContext& ctx, core::Rect area) override;

private:
    std::string id_;
    Icon icon_;
};

}  // namespace qiao::ui
