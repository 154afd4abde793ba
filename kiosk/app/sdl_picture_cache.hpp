#pragma once
// SdlPictureCache: lesson pictures decoded once (stb_image) and kept as SDL textures,
// the most recently used few dozen, so a step's picture costs nothing after its first
// frame. Owns its textures (destroyed with it, before the renderer).
#include <filesystem>
#include <list>
#include <map>
#include <string>

#include "ui/picture_source.hpp"

struct SDL_Renderer;
struct SDL_Texture;

namespace qiao::app {

class SdlPictureCache final : public ui::PictureSource {
public:
    explicit SdlPictureCache(SDL_Renderer* renderer, std::size_t capacity = 32) : renderer_(renderer), capacity_(capacity) {}
    ~SdlPictureCache() override;
    SdlPictureCache(const SdlPictureCache&) = delete;
    SdlPictureCache& operator=(const SdlPictureCache&) = delete;

    std::optional<ui::Picture> picture(const std::filesystem::path& file) override;
    void clear();

private:
    struct Entry {
        SDL_Texture* texture = nullptr;
        int width = 0, height = 0;
        std::list<std::string>::iterator age;
    };
    SDL_Renderer* renderer_;
    std::size_t capacity_;
    std::map<std::string, Entry> entries_;
    std::list<std::string> ages_;  // most recent first
};

}  // namespace qiao::app
