#pragma once
// The simulated phone screens of a lesson: element types, the fields each type
// needs, ids unique within a screen. Used by parse_lesson; separate so each file
// can be read in one sitting.
#include <map>
#include <string>
#include <vector>

#include "core/lessons/json_fields.hpp"
#include "core/lessons/pack_parse.hpp"

namespace qiao::core {

// Reads "screens" of a lesson object; pictures they show are added to files.
std::map<std::string, SimulatedScreen> parse_screens(JsonObject& lesson, std::vector<FileReference>& files);

// Every id a tap may name on the screen: its elements and their items, in order.
std::vector<std::string> tappable_ids(const SimulatedScreen& screen);

// Checks a file name a lesson gives (a picture or a clip: a safe path with the right
// ending) and, if usable, lists it for read_pack to find and open.
void add_file_reference(JsonObject& owner, FileReference::Kind kind, const std::string& path, std::string where,
                        std::string used_by, std::vector<FileReference>& files);

}  // namespace qiao::core
