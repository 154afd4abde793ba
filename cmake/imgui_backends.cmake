# Debian's libimgui.a (1.86) lacks the SDL_Renderer backend, so both backends we use are
# compiled from the sources libimgui-dev ships as examples. Our imgui_impl_sdl.o comes
# first at link time, so the copy inside libimgui.a is never pulled in.
set(IMGUI_BACKEND_DIR /usr/share/doc/libimgui-dev/examples/backends)
if(NOT EXISTS ${IMGUI_BACKEND_DIR}/imgui_impl_sdlrenderer.cpp)
  message(FATAL_ERROR "ImGui backend sources not found in ${IMGUI_BACKEND_DIR}: install libimgui-dev (scripts/install-deps.sh)")
endif()
add_library(qiao_imgui_backends STATIC
  ${IMGUI_BACKEND_DIR}/imgui_impl_sdl.cpp
  ${IMGUI_BACKEND_DIR}/imgui_impl_sdlrenderer.cpp)
target_include_directories(qiao_imgui_backends SYSTEM PUBLIC /usr/include/imgui /usr/include/imgui/backends)
# Debian's libimgui.a was built against libstb (stb_truetype, stb_rect_pack), and its
# FreeType builder needs libfreetype.
target_link_libraries(qiao_imgui_backends PUBLIC PkgConfig::IMGUI PkgConfig::STB SDL2::SDL2 Freetype::Freetype)
