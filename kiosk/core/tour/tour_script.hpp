#pragma once
// TourScript: a scripted walk through the kiosk, one step a line, for headless tests
// and screenshots. `#` starts a comment. Verbs:
//   tap ID                 press and lift on the widget ID (e.g. home.learn)
//   tap-at X Y             press and lift at window pixel X,Y (a tap on nothing counts as a mis-touch)
//   press ID | release ID  finger down / up on a widget, for slide and cancel tests
//   slide DX DY            move the pressed finger by DX,DY pixels
//   expect-screen ID       the current screen is ID
//   expect-said TEXT       the last thing said contains TEXT (rest of the line)
//   expect-visible ID      widget ID is on screen;  expect-hidden ID: it is not
//   expect-text ID TEXT    widget ID shows TEXT (rest of the line)
//   expect-mistouches SCREEN N   N taps on SCREEN landed on no control this run
//   wait MS                let MS milliseconds of real time pass, drawing as needed
//   wait-idle MS           wait until speech is quiet and nothing redraws, at most MS
//   advance SECONDS        move the kiosk's clock forward (idle reset without waiting)
//   shot NAME              write NAME.png to the shots folder
//   set-size normal|large|largest    set-lang CODE    set-voice on|off
//   resize WxH             resize the window
//   wall-clock TIME        set the kiosk's wall clock to this site-local time (2026-12-01T09:00)
//   load-services FILE     load a services file (relative to the kiosk's resources folder)
//   backoffice JSON        apply what the back office would send; $LAST_BOOKING and
//                          $LAST_HELP stand for the ids of the last booking and help request
//   audit senior|staff     the frame on screen keeps the seniors' (or the staff) rules of the
//                          screen: sizes, gaps, text, contrast, nothing cut off or overlapping
//   wait-for ID MS         draw frames until widget ID is on screen (a live answer from the
//                          back office); fails after MS
// Parsing errors are TourError naming the file, line and what is wrong.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::core {

class TourError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class TourVerb {
    Tap, TapAt, Press, Release, Slide,
    ExpectScreen, ExpectSaid, ExpectVisible, ExpectHidden, ExpectText, ExpectMisTouches,
    Wait, WaitIdle, Advance, Shot, SetSize, SetLang, SetVoice, Resize,
    WallClock, LoadServices, BackOffice, WaitSync, WaitFor, Audit,
};

struct TourStep {
    int line = 0;             // 1-based line in the file
    TourVerb verb{};
    std::string source;       // the line as written, for failure messages
    std::string id;           // widget/screen id, shot name, size, language, on|off
    std::string text;         // expect-said / expect-text
    int x = 0, y = 0;         // tap-at, slide (dx, dy), resize (w, h)
    long long number = 0;     // wait / wait-idle ms, advance seconds, expect-mistouches count
};

struct TourScript {
    std::string name;
    std::vector<TourStep> steps;
};

TourScript parse_tour(std::string_view text, std::string_view name);
TourScript load_tour_file(const std::string& path);

const char* to_string(TourVerb verb);

}  // namespace qiao::core
