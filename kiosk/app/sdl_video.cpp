#include "app/sdl_video.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb/stb_image_write.h>

#include <vector>

namespace qiao::app {

SdlVideo::SdlVideo(const VideoOptions& options) : headless_(options.headless) {
    if (options.headless) {
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
        // Headless runs handle SIGTERM themselves (loop_waker.cpp).
        SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    }
    // Taps come to us as finger events and as mouse events; we read both ourselves
    // and drop the mouse copies of touches (input.cpp), so keep SDL's defaults.
    // Only VIDEO and EVENTS: the game-controller and joystick subsystems would force
    // SDL to poll every millisecond instead of sleeping (cpp-stack.md §3).
    if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        throw VideoError(std::string("the display could not be opened: ") + SDL_GetError());

    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE;
    if (options.fullscreen && !options.headless) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    window_ = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width,
                               options.height, flags);
    if (!window_) {
        const std::string why = SDL_GetError();
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
        throw VideoError("the window could not be created: " + why);
    }
    if (!options.headless) renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_ACCELERATED);
    if (!renderer_) renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer_) {
        const std::string why = SDL_GetError();
        SDL_DestroyWindow(window_);
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
        throw VideoError("no renderer could be created: " + why);
    }
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(renderer_, &info);
    renderer_name_ = info.name ? info.name : "?";

    IMGUI_CHECKVERSION();
    imgui_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    ImGui_ImplSDL2_InitForSDLRenderer(window_);
    ImGui_ImplSDLRenderer_Init(renderer_);
}

SdlVideo::~SdlVideo() {
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext(imgui_);
    SDL_DestroyRenderer(renderer_);
    SDL_DestroyWindow(window_);
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
}

void SdlVideo::size(int& w, int& h) const {
    if (SDL_GetRendererOutputSize(renderer_, &w, &h) != 0) SDL_GetWindowSize(window_, &w, &h);
}

void SdlVideo::resize(int w, int h) {
    SDL_SetWindowSize(window_, w, h);
    // The dummy driver sends no resize event of its own; the software renderer only
    // rebuilds its surface when told the size changed.
    SDL_Event e{};
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
    e.window.windowID = SDL_GetWindowID(window_);
    e.window.data1 = w;
    e.window.data2 = h;
    SDL_PushEvent(&e);
}

void SdlVideo::write_png(const std::filesystem::path& path) const {
    int w = 0, h = 0;
    size(w, h);
    std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    // ABGR8888 is R,G,B,A in memory on little-endian machines: what PNG wants.
    if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, pixels.data(), w * 4) != 0)
        throw VideoError(std::string("the screen could not be read for a screenshot: ") + SDL_GetError());
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (!stbi_write_png(path.string().c_str(), w, h, 4, pixels.data(), w * 4))
        throw VideoError("the screenshot could not be written to " + path.string());
}

}  // namespace qiao::app
