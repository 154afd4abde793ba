#include "app/sdl_video.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb/stb_image_write.h>

#include <string>
#include <vector>

namespace qiao::app {

namespace {

// True when an OpenGL renderer runs on Mesa's CPU rasteriser (a machine with no GPU):
// it costs ~90 MB of LLVM and nine threads to draw what SDL's software renderer draws
// for a fraction of that (bench/ figures in docs/performance.md).
bool gl_is_cpu_rasteriser(SDL_Renderer* renderer) {
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(renderer, &info) != 0 || !info.name || std::string(info.name).rfind("opengl", 0) != 0) return false;
    using GetString = const unsigned char* (*)(unsigned int);
    auto get_string = reinterpret_cast<GetString>(SDL_GL_GetProcAddress("glGetString"));
    if (!get_string) return false;
    const unsigned char* name = get_string(0x1F01 /* GL_RENDERER */);
    if (!name) return false;
    const std::string gl(reinterpret_cast<const char*>(name));
    return gl.find("llvmpipe") != std::string::npos || gl.find("softpipe") != std::string::npos ||
           gl.find("swrast") != std::string::npos;
}

// A machine with no GPU has no DRM device: OpenGL there could only be Mesa's CPU
// rasteriser, and merely creating its context loads LLVM for good (~65 MB that
// destroying the renderer does not give back). So do not even try.
bool has_gpu_device() {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("card", 0) == 0 || name.rfind("renderD", 0) == 0) return true;
    }
    return false;
}

}  // namespace

SdlVideo::SdlVideo(const VideoOptions& options) : headless_(options.headless) {
    if (options.headless) {
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
        // Headless runs handle SIGTERM themselves (loop_waker.cpp).
        SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    }
    // Taps come to us as finger events and as mouse events; we read both ourselves
    // and drop the mouse copies of touches (Kiosk::handle_event), so keep SDL's defaults.
    // Only VIDEO and EVENTS: the game-controller and joystick subsystems would force
    // SDL to poll every millisecond instead of sleeping (cpp-stack.md §3).
    if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        throw VideoError(std::string("the display could not be opened: ") + SDL_GetError());

    create_window(options, options.renderer == RendererChoice::Auto && !options.headless && has_gpu_device());
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

void SdlVideo::create_window(const VideoOptions& options, bool allow_gl) {
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE;
    if (options.fullscreen && !options.headless) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    window_ = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width,
                               options.height, flags);
    if (!window_) {
        const std::string why = SDL_GetError();
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
        throw VideoError("the window could not be created: " + why);
    }
    if (allow_gl) {
        renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_ACCELERATED);
        if (renderer_ && gl_is_cpu_rasteriser(renderer_)) {
            // Start again without OpenGL: a fresh window, never shown through GL.
            destroy_window_and_renderer();
            create_window(options, false);
            return;
        }
    }
    if (!renderer_) {
        // Without this SDL 2.26 still shows a software-rendered window through OpenGL.
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    }
    if (!renderer_) {
        const std::string why = SDL_GetError();
        destroy_window_and_renderer();
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
        throw VideoError("no renderer could be created: " + why);
    }
}

void SdlVideo::destroy_window_and_renderer() {
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
    renderer_ = nullptr;
    window_ = nullptr;
}

SdlVideo::~SdlVideo() {
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext(imgui_);
    destroy_window_and_renderer();
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
