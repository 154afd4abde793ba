#include "core/lessons/screen_parse.hpp"

#include <algorithm>
#include <cctype>

#include "core/lessons/pack_rules.hpp"

namespace qiao::core {
namespace {

using json = nlohmann::json;

struct TypeInfo {
    const char* name;
    ElementType type;
};

constexpr TypeInfo kTypes[] = {
    {"text", ElementType::Text},         {"button", ElementType::Button},
    {"app_grid", ElementType::AppGrid},  {"list", ElementType::List},
    {"chat_bubble", ElementType::ChatBubble}, {"text_field", ElementType::TextField},
    {"qr_code", ElementType::QrCode},    {"payment_sheet", ElementType::PaymentSheet},
    {"picture", ElementType::Picture},
};

// Fields some type of element has: on another type they are ignored, said gently.
const std::vector<std::string> kElementFields = {"text",  "items",  "from_me", "placeholder", "value",
                                                 "payee", "amount", "button",  "file",  "style"};

std::string lower_extension(const std::string& path) {
    const auto dot = path.rfind('.');
    if (dot == std::string::npos || path.find('/', dot) != std::string::npos) return "";
    std::string out = path.substr(dot);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// "25.00", "1,280.5": digits (commas allowed after the first), an optional fraction of 1 or 2.
bool is_amount(const std::string& amount) {
    const auto dot = amount.find('.');
    const std::string whole = amount.substr(0, dot);
    if (whole.empty() || !std::isdigit(static_cast<unsigned char>(whole[0]))) return false;
    if (!std::all_of(whole.begin(), whole.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == ','; }))
        return false;
    if (dot == std::string::npos) return true;
    const std::string fraction = amount.substr(dot + 1);
    return !fraction.empty() && fraction.size() <= 2 &&
           std::all_of(fraction.begin(), fraction.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

std::string in_quotes(const std::string& s) { return "'" + s + "'"; }

// Ids on one screen, to find the second use of one.
class ScreenIds {
public:
    ScreenIds(std::string screen_id, FileProblems& problems) : screen_(std::move(screen_id)), problems_(&problems) {}
    // Checks the id's form and that it is new on this screen.
    void add(const std::string& id, const std::string& where) {
        if (const std::string why = pack_rules::id_problem(id); !why.empty()) {
            problems_->error(where, "the id " + in_quotes(id) + " on screen " + in_quotes(screen_) + " is not usable: " + why);
            return;
        }
        if (std::find(seen_.begin(), seen_.end(), id) != seen_.end()) {
            problems_->error(where, "the id " + in_quotes(id) + " is used twice on screen " + in_quotes(screen_) +
                                        "; every element and item on a screen needs its own id, so rename one");
            return;
        }
        seen_.push_back(id);
    }

private:
    std::string screen_;
    FileProblems* problems_;
    std::vector<std::string> seen_;
};

void parse_items(JsonObject& element, ScreenElement& out, std::size_t max_items, ScreenIds& ids) {
    const bool grid = out.type == ElementType::AppGrid;
    const json* items = element.array("items", Need::Required, grid ? "the app icons it shows" : "the rows it shows");
    if (items == nullptr) return;
    if (items->empty() || items->size() > max_items)
        element.problems().error(element.pointer_to("items"),
                                 element.what() + " has " + std::to_string(items->size()) + " items, but " +
                                     (grid ? "an app grid" : "a list") + " holds 1 to " + std::to_string(max_items));
    for (std::size_t i = 0; i < items->size(); ++i) {
        const std::string where = pointer_append(element.pointer_to("items"), i);
        JsonObject item((*items)[i], where, "item " + std::to_string(i + 1) + " of " + element.what(),
                        element.problems());
        if (!item.valid()) continue;
        ScreenItem parsed;
        if (auto id = item.string("id", Need::Required, "so a tap can name it")) {
            ids.add(*id, item.pointer_to("id"));
            parsed.id = std::move(*id);
        }
        if (grid) {
            if (auto icon = item.string("icon", Need::Required, "a built-in icon name, like \"wallet\"")) {
                if (!pack_rules::is_builtin_icon(*icon)) {
                    std::string message = "the icon " + in_quotes(*icon) + " is not one of the built-in icons: " +
                                          pack_rules::join(pack_rules::builtin_icons());
                    if (const auto near = pack_rules::closest(*icon, pack_rules::builtin_icons()); !near.empty())
                        message += "; did you mean " + in_quotes(near) + "?";
                    item.problems().error(item.pointer_to("icon"), message);
                }
                parsed.icon = std::move(*icon);
            }
        }
        parsed.text = item.text("text", Need::Required, grid ? "the label under the icon" : "the row's words");
        if (!grid) parsed.detail = item.text("detail", Need::Optional, "a second, smaller line");
        item.finish(grid ? std::vector<std::string>{"detail"} : std::vector<std::string>{"icon"},
                    grid ? "an app grid item" : "a list item");
        out.items.push_back(std::move(parsed));
    }
}

ScreenElement parse_element(JsonObject& element, const std::string& screen_id, ScreenIds& ids,
                            std::vector<FileReference>& files) {
    ScreenElement out;
    if (auto id = element.string("id", Need::Required, "so a step can name it")) {
        ids.add(*id, element.pointer_to("id"));
        out.id = std::move(*id);
    }
    const auto type_name = element.string("type", Need::Required, "what kind of thing it is, like \"button\"");
    const TypeInfo* info = nullptr;
    if (type_name) {
        for (const auto& candidate : kTypes)
            if (*type_name == candidate.name) info = &candidate;
        if (info == nullptr) {
            std::vector<std::string> names;
            for (const auto& candidate : kTypes) names.emplace_back(candidate.name);
            std::string message = "the element type " + in_quotes(*type_name) + " is not known; the types are: " +
                                  pack_rules::join(names);
            if (const auto near = pack_rules::closest(*type_name, names); !near.empty())
                message += "; did you mean " + in_quotes(near) + "?";
            element.problems().error(element.pointer_to("type"), message);
        }
    }
    if (info == nullptr) return out;  // which other fields belong is unknown, so say no more
    out.type = info->type;
    switch (out.type) {
    case ElementType::Text:
        out.text = element.text("text", Need::Required, "the words on it");
        break;
    case ElementType::Button:
        out.text = element.text("text", Need::Required, "the words on it");
        // Colour matters when the words say it ("the red hang-up button").
        if (auto style = element.string("style", Need::Optional, "normal, danger (red) or plain")) {
            if (*style == "normal" || *style == "danger" || *style == "plain")
                out.style = *style;
            else
                element.problems().error(element.pointer_to("style"),
                                         "the button style " + in_quotes(*style) + " is not known; use normal (blue), "
                                         "danger (red, e.g. hang up) or plain (outlined)");
        }
        break;
    case ElementType::AppGrid: parse_items(element, out, kMaxGridItems, ids); break;
    case ElementType::List: parse_items(element, out, kMaxListItems, ids); break;
    case ElementType::ChatBubble:
        out.text = element.text("text", Need::Required, "the message");
        out.from_me = element.boolean("from_me", Need::Optional, "true when the learner sent it").value_or(false);
        break;
    case ElementType::TextField:
        out.placeholder = element.text("placeholder", Need::Optional, "grey words shown when it is empty");
        out.value = element.text("value", Need::Optional, "the words typed in it");
        break;
    case ElementType::QrCode: break;
    case ElementType::PaymentSheet:
        out.payee = element.text("payee", Need::Required, "who is paid");
        if (auto amount = element.string("amount", Need::Required, "how much, in quotes, like \"25.00\"")) {
            if (!is_amount(*amount))
                element.problems().error(element.pointer_to("amount"),
                                         "the amount " + in_quotes(*amount) + " should be a sum like \"25.00\": digits, "
                                         "then a dot and the fen, without a currency sign");
            out.amount = std::move(*amount);
        }
        out.button = element.text("button", Need::Required, "the words on its pay button");
        break;
    case ElementType::Picture:
        if (auto file = element.string("file", Need::Required, "a PNG or JPEG file in the lesson's folder")) {
            add_file_reference(element, FileReference::Kind::Picture, *file, element.pointer_to("file"),
                               "the picture element " + in_quotes(out.id) + " on screen " + in_quotes(screen_id), files);
            out.file = std::move(*file);
        }
        break;
    }
    element.finish(kElementFields, "a " + std::string(info->name) + " element");
    return out;
}

SimulatedScreen parse_screen(JsonObject& screen, const std::string& id, std::vector<FileReference>& files) {
    SimulatedScreen out;
    out.id = id;
    out.title = screen.text("title", Need::Required, "the app's title bar");
    out.status_bar = screen.boolean("status_bar", Need::Optional, "whether to draw the phone's status bar").value_or(true);
    ScreenIds ids(id, screen.problems());
    if (const json* elements = screen.array("elements", Need::Required, "what is on the screen")) {
        if (elements->empty() || elements->size() > kMaxElements)
            screen.problems().error(screen.pointer_to("elements"),
                                    screen.what() + " has " + std::to_string(elements->size()) +
                                        " elements, but a screen holds 1 to 20 (split it into two screens)");
        for (std::size_t i = 0; i < elements->size(); ++i) {
            const auto& value = (*elements)[i];
            std::string what = "element " + std::to_string(i + 1) + " on screen " + in_quotes(id);
            if (value.is_object() && value.contains("id") && value["id"].is_string())
                what = "element " + in_quotes(value["id"].get<std::string>()) + " on screen " + in_quotes(id);
            JsonObject element(value, pointer_append(screen.pointer_to("elements"), i), what, screen.problems());
            if (element.valid()) out.elements.push_back(parse_element(element, id, ids, files));
        }
    }
    screen.finish();
    return out;
}

}  // namespace

void add_file_reference(JsonObject& owner, FileReference::Kind kind, const std::string& path, std::string where,
                        std::string used_by, std::vector<FileReference>& files) {
    const bool picture = kind == FileReference::Kind::Picture;
    const std::string called = "the " + std::string(picture ? "picture" : "narration") + " file '" + path + "'";
    if (const std::string why = pack_rules::path_problem(path); !why.empty()) {
        owner.problems().error(where, called + " of " + used_by + " cannot be used: " + why);
        return;
    }
    const std::string extension = lower_extension(path);
    const bool known = picture ? (extension == ".png" || extension == ".jpg" || extension == ".jpeg")
                               : (extension == ".wav" || extension == ".ogg");
    if (!known) {
        owner.problems().error(where, called + " of " + used_by + " should be " +
                                          (picture ? "a PNG or JPEG picture (ending .png, .jpg or .jpeg)"
                                                   : "a WAV or OGG recording (ending .wav or .ogg)"));
        return;
    }
    files.push_back({kind, path, std::move(where), std::move(used_by)});
}

std::map<std::string, SimulatedScreen> parse_screens(JsonObject& lesson, std::vector<FileReference>& files) {
    std::map<std::string, SimulatedScreen> out;
    const json* screens = lesson.object("screens", Need::Optional, "the simulated phone screens, by id");
    if (screens == nullptr) return out;
    for (const auto& [id, value] : screens->items()) {
        const std::string where = lesson.pointer_to("screens");
        if (const std::string why = pack_rules::id_problem(id); !why.empty())
            lesson.problems().error(pointer_append(where, id), "the screen id '" + id + "' is not usable: " + why);
        JsonObject screen(value, pointer_append(where, id), "screen " + in_quotes(id), lesson.problems());
        if (screen.valid()) out.emplace(id, parse_screen(screen, id, files));
    }
    return out;
}

std::vector<std::string> tappable_ids(const SimulatedScreen& screen) {
    std::vector<std::string> ids;
    for (const auto& element : screen.elements) {
        if (!element.id.empty()) ids.push_back(element.id);
        for (const auto& item : element.items)
            if (!item.id.empty()) ids.push_back(item.id);
    }
    return ids;
}

}  // namespace qiao::core
