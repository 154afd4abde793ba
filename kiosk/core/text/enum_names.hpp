#pragma once
// The words an enum is stored and sent as ("requested", "phone_or_app", "drop_in"):
// one table per enum, read both ways by these two lookups.
#include <optional>
#include <string_view>

namespace qiao::core {

template <class Enum>
struct EnumName {
    Enum value;
    std::string_view name;
};

// The word for value; the table's first word if value is not in it (a valid enum always is).
template <class Enum, std::size_t N>
constexpr std::string_view name_of(const EnumName<Enum> (&table)[N], Enum value) {
    for (const EnumName<Enum>& entry : table)
        if (entry.value == value) return entry.name;
    return table[0].name;
}

// The value for word; nullopt for any other word.
template <class Enum, std::size_t N>
constexpr std::optional<Enum> value_of(const EnumName<Enum> (&table)[N], std::string_view word) {
    for (const EnumName<Enum>& entry : table)
        if (entry.name == word) return entry.value;
    return std::nullopt;
}

}  // namespace qiao::core
