#pragma once
// PackError: anything that stops a lesson pack from being signed, checked, archived or
// installed. The message is written for a site manager: it names the file or pack and says
// what is wrong and, where it can, what to do about it.
#include <stdexcept>

namespace qiao::core {

class PackError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace qiao::core
