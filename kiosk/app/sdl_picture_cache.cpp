#include "app/sdl_picture_cache.hpp"

#include <SDL.h>
#include <stb/stb_image.h>

#include <memory>

namespace qiao::app {

SdlPictureCache::~SdlPictureCache() { clear(); }

void SdlPictureCache::clear() {
    for (auto& [path, entry] : entries_) SDL_DestroyTexture(entry.texture);
    entries_.clear();
    ages_.clear();
}

std::optional<ui::Picture> SdlPictureCache::picture(const std::filesystem::path& file) {
    const std::string key = file.string();
    if (const auto it = entries_.find(key); it != entries_.end()) {
        ages_.splice(ages_.begin(), ages_, it->second.age);
        return ui::Picture{it->second.texture, it->second.width, it->second.height};
    }
    int w = 0, h = 0, channels = 0;
    std::unique_ptr<stbi_uc, void (*)(void*)> pixels(stbi_load(key.c_str(), &w, &h, &channels, 4), stbi_image_free);
    if (!pixels) return std::nullopt;
    SDL_Texture* texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, w, h);
    if (!texture) return std::nullopt;
    SDL_UpdateTexture(texture, nullptr, pixels.get(), w * 4);
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(texture, SDL_ScaleModeLinear);
    if (entries_.size() >= capacity_) {
        const std::string oldest = ages_.back();
        SDL_DestroyTexture(entries_[oldest].texture);
        entries_.erase(oldest);
        ages_.pop_back();
    }
    ages_.push_front(key);
    entries_[key] = Entry{texture, w, h, ages_.begin()};
    return ui::Picture{texture, w, h};
}

}  // namespace qiao::app
