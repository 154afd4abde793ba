#pragma once
// SdlVideo: the window, its renderer and the Dear ImGui context with its SDL2 and
// SDL_Renderer backends, created and destroyed in the right order (RAII).
// Headless runs use SDL's dummy video driver and the software renderer.
#include <filesystem>
#include <stdexcept>
#include <string>

struct SDL_Window;
struct SDL_Renderer;
struct ImGuiContext;

namespace qiao::app {

class VideoError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class RendererChoice {
    Auto,      // the GPU when there is one; software when the only OpenGL is a CPU rasteriser
    Software,  // SDL's software renderer, always
};

struct VideoOptions {
    bool headless = false;
    RendererChoice renderer = RendererChoice::Auto;
    bool fullscreen = false;
    int width = 1280;
    int height = 800;
    std::string title = "Qiao";
};

class SdlVideo {
public:
    explicit SdlVideo(const VideoOptions& options);
    ~SdlVideo();
    SdlVideo(const SdlVideo&) = delete;
    SdlVideo& operator=(const SdlVideo&) = delete;

    SDL_Window* window() const { return window_; }
    SDL_Renderer* renderer() const { return renderer_; }
    // The drawable size in pixels.
    void size(int& w, int& h) const;
    void resize(int w, int h);
    bool headless() const { return headless_; }
    const std::string& renderer_name() const { return renderer_name_; }

    // Copies what was rendered (before present) into a PNG file.
    void write_png(const std::filesystem::path& path) const;

private:
    void create_window(const VideoOptions& options, bool allow_gl);
    void destroy_window_and_renderer();

    bool headless_ = false;
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    ImGuiContext* imgui_ = nullptr;
    std::string renderer_name_;
};

}  // namespace qiao::app
